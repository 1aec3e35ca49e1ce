"""
How far float16, bfloat16 and float32 reach
===========================================

A floating-point dtype fixes two things: how large a number can get before it
overflows to ``inf`` (its range) and how close two neighbouring numbers are
(its precision).  ``float16`` and ``bfloat16`` both take 2 bytes per element,
half of ``float32``, but they split their 16 bits differently.  This example
reads the limits from the libraries, shows where values overflow and where
precision runs out, and draws both.

It supports the dtype discussion in
:doc:`/intro/what-are-tensors` and :doc:`/pytorch/creating-and-shaping`, and
the 16-bit and mixed-precision rows of :doc:`/intro/pytorch-vs-tensorflow`,
:doc:`/tensorflow/key-differences` and :doc:`/tensorflow/ops-for-models`.
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
# sphinx_gallery_thumbnail_number = 2
import tensorguide

print(tensorguide.describe_runtime())

# %%
# The limits, as the libraries state them
# ---------------------------------------
# ``torch.finfo`` gives the largest finite value, the smallest *normal*
# positive value (below it numbers lose precision gradually, as
# *subnormals*) and the machine epsilon: the gap between 1 and the next
# representable number.  NumPy and TensorFlow must state the same maxima.
import numpy as np
import torch

from tensorguide import measure

device = tensorguide.pick_device()
measure.reset_peak_memory(device)
dtypes = {"float16": torch.float16, "bfloat16": torch.bfloat16,
          "float32": torch.float32}

print(f"{'dtype':9s} {'bytes':>5s} {'max':>10s} {'min normal':>11s} "
      f"{'min subnormal':>14s} {'epsilon':>10s} {'significand bits':>17s}")
for name, dtype in dtypes.items():
    info = torch.finfo(dtype)
    subnormal = info.smallest_normal * info.eps
    bits = round(-np.log2(info.eps)) + 1
    size = torch.empty(0, dtype=dtype).element_size()
    print(f"{name:9s} {size:5d} {info.max:10.4g} {info.smallest_normal:11.4g} "
          f"{subnormal:14.4g} {info.eps:10.4g} {bits:17d}")

import tensorflow as tf

for name in ("float16", "float32"):
    assert torch.finfo(dtypes[name]).max == np.finfo(name).max
    assert torch.finfo(dtypes[name]).max == tf.as_dtype(name).max
assert torch.finfo(torch.bfloat16).max == float(tf.bfloat16.max)
print("NumPy and TensorFlow state the same maxima")

# %%
# Where values overflow
# ---------------------
# Converting a number beyond a dtype's range gives ``inf``.  ``float16``
# overflows a little above 65504; ``bfloat16`` keeps float32's exponent
# bits, so it reaches about :math:`3.4 \times 10^{38}`, but it rounds
# coarsely on the way: 70000 becomes 70144.
values = [1000.0, 65504.0, 65520.0, 70000.0, 1e5, 1e38, 3.5e38]
print(f"{'value':>10s}" + "".join(f"{name:>14s}" for name in dtypes))
for value in values:
    stored = [torch.tensor(value, dtype=dtype, device=device).item()
              for dtype in dtypes.values()]
    print(f"{value:10g}" + "".join(f"{s:14.6g}" for s in stored))

largest_half = torch.tensor(65504.0, dtype=torch.float16, device=device)
print("65504 * 2 in float16:", (largest_half * 2).item())
assert torch.isinf(largest_half * 2)
bf16_70000 = torch.tensor(70000.0, dtype=torch.bfloat16, device=device)
assert bf16_70000.item() == 70144.0

# %%
# Where precision runs out
# ------------------------
# With 11 significant bits, ``float16`` stores every integer up to 2048 but
# not 2049, which rounds to 2048; ``bfloat16`` with 8 bits stops at 256 and
# ``float32`` with 24 bits at :math:`2^{24} = 16777216`.
# Adding half an epsilon to 1 changes nothing in any dtype.  TensorFlow
# rounds the same way.
first_lost = {"float16": 2049, "bfloat16": 257, "float32": 2**24 + 1}
for name, dtype in dtypes.items():
    n = first_lost[name]
    stored = torch.tensor(float(n), dtype=dtype, device=device).item()
    eps = torch.finfo(dtype).eps
    one = torch.tensor(1.0, dtype=dtype, device=device)
    print(f"{name:9s} {n} is stored as {stored:.0f}; "
          f"1 + eps/2 == 1: {bool(one + eps / 2 == one)}; "
          f"1 + eps == 1: {bool(one + eps == one)}")
    assert stored == n - 1
    assert one + eps / 2 == one and one + eps != one

with tf.device(tensorguide.device.tf_device_name(device)):
    assert float(tf.cast(tf.constant(2049.0), tf.float16)) == 2048.0
    assert float(tf.cast(tf.constant(257.0), tf.bfloat16)) == 256.0
    assert np.isinf(float(tf.constant(65504.0, tf.float16) * 2))
print("TensorFlow: 2049 -> 2048 in float16, 257 -> 256 in bfloat16, "
      "65504 * 2 -> inf")

# %%
# Range and precision in one picture
# ----------------------------------
# For numbers across the whole range, the plot shows the gap to the next
# representable number, relative to the number itself.  A flat line is the
# normal range, at the height of epsilon; the line rises on the left where
# numbers become subnormal, and ends on the right where the dtype overflows.
# These are properties of the formats, so they are computed on the CPU.
import matplotlib.pyplot as plt

magnitudes = torch.logspace(-46, 38.6, 4000, dtype=torch.float64)
fig, ax = plt.subplots(figsize=(5.5, 4.6), layout="constrained")
for name, dtype in dtypes.items():
    x = magnitudes.to(dtype)
    keep = torch.isfinite(x) & (x > 0)
    x = x[keep]
    up = torch.nextafter(x, torch.full_like(x, float("inf")))
    gap = up.double() - x.double()
    finite = torch.isfinite(gap)
    ax.loglog(x.double()[finite], (gap / x.double())[finite], label=name)
    ax.axvline(torch.finfo(dtype).max, color=ax.lines[-1].get_color(),
               linestyle=":", linewidth=1)
ax.set_xticks([1e-40, 1e-20, 1e0, 1e20])
ax.set_xlabel("magnitude of the number")
ax.set_ylabel("gap to the next number / number")
ax.set_title("relative precision across the range\n"
             "(dotted: the largest finite value)")
ax.legend()
plt.show()

# %%
# Counting to 3000 by ones
# ------------------------
# Adding 1.0 again and again in each dtype stalls once the gap between
# neighbours reaches 2: ``float16`` sticks at 2048 and ``bfloat16`` at 256.
# Library reductions such as ``sum`` accumulate in float32 internally and
# round once at the end, so summing 3000 ones in ``float16`` gives 3000, and
# in ``bfloat16`` the representable number nearest to 3000.  That is why
# mixed precision keeps its accumulators in float32.
steps = measure.scaled(3000, measure.gallery_scale())
totals = {}
for name, dtype in dtypes.items():
    total = torch.zeros((), dtype=dtype, device=device)
    one = torch.ones((), dtype=dtype, device=device)
    history = torch.empty(steps, dtype=torch.float64)
    for step in range(steps):
        total = total + one
        history[step] = total.item()
    totals[name] = history
    reduced = torch.ones(steps, dtype=dtype, device=device).sum().item()
    print(f"{name:9s} adding 1.0 {steps} times gives {history[-1]:.0f}; "
          f"torch.sum of {steps} ones gives {reduced:.0f}")
    # the exact sum, rounded once to the dtype
    assert reduced == torch.tensor(float(steps), dtype=dtype).item()
assert totals["float16"][-1] == min(steps, 2048)
assert totals["bfloat16"][-1] == min(steps, 256)

fig, ax = plt.subplots(figsize=(5.5, 4), layout="constrained")
for name, history in totals.items():
    ax.plot(range(1, steps + 1), history, label=name)
ax.set_xlabel("number of additions of 1.0")
ax.set_ylabel("running total")
ax.set_title(f"running total, one addition at a time\n(on {device})")
ax.legend()
plt.show()

# %%
# What the two bytes save
# -----------------------
# Storage halves exactly: the bytes of a million-element tensor in each
# dtype.  Whether a model then trains faster or fits a larger batch depends
# on the hardware and the model, and is a measurement of its own.
for name, dtype in dtypes.items():
    block = torch.zeros(1_000_000, dtype=dtype, device=device)
    size = measure.format_bytes(measure.storage_bytes(block))
    print(f"{name:9s} 1,000,000 elements: {size}")
print(measure.memory_report(device))
