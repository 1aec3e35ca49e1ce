"""
view, reshape and contiguous: which ones copy, measured
=======================================================

``view`` never copies: it either describes the new shape with strides over
the same memory or raises.  ``reshape`` returns such a view when one exists
and copies otherwise.  ``contiguous`` returns the tensor itself when it is
already contiguous and a row-major copy when it is not.  This example
predicts each case with :func:`tensorguide.reshape.can_view`, checks the
prediction against PyTorch through storage evidence, and measures what the
copies cost in time and bytes as the tensor grows.

It supports the
reshape section of :doc:`/intro/what-are-tensors`, the reshape rows of the
cost table in :doc:`/intro/common-operations`, and the chapter
:doc:`/pytorch/creating-and-shaping`.
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
import tensorguide

print(tensorguide.describe_runtime())

# %%
# Six cases, predicted and checked
# --------------------------------
# Four tensors (one contiguous, three not) and six target shapes.  For each
# pair, ``can_view`` answers from the shape and strides alone.  PyTorch
# must agree three ways: ``view`` succeeds exactly when predicted,
# ``reshape`` shares the input's storage exactly then, and otherwise
# ``reshape`` allocates a new block.  A non-contiguous tensor can still be
# viewed when the axes being merged or split are laid out consistently
# (the third and fifth rows).
import torch

from tensorguide import measure
from tensorguide.reshape import can_view

device = tensorguide.pick_device()
measure.reset_peak_memory(device)
grid = torch.arange(24, dtype=torch.float32, device=device).reshape(4, 6)
cases = [
    ("contiguous (4, 6)", grid, (3, 8)),
    ("transposed (6, 4)", grid.t(), (24,)),
    ("transposed (6, 4)", grid.t(), (6, 2, 2)),
    ("every other row (2, 6)", grid[::2], (12,)),
    ("every other row (2, 6)", grid[::2], (2, 2, 3)),
    ("expanded row (3, 6)", grid[:1].expand(3, 6), (18,)),
]
print(f"{'tensor':23s} {'strides':8s} {'to':10s} {'can_view':8s} "
      f"{'view()':7s} reshape()")
for label, tensor, target in cases:
    predicted = can_view(tensor.shape, tensor.stride(), target)
    try:
        tensor.view(target)
        view_works = True
    except RuntimeError:
        view_works = False
    reshaped = tensor.reshape(target)
    copied = measure.new_bytes(reshaped, tensor)
    evidence = f"new storage, {copied} B" if copied else "same storage"
    print(f"{label:23s} {str(tensor.stride()):8s} {str(target):10s} "
          f"{str(predicted):8s} {'works' if view_works else 'raises':7s} "
          f"{evidence}")
    assert predicted == view_works == (copied == 0)
    assert torch.equal(reshaped.flatten(), tensor.flatten())

# %%
# What ``view`` says when it cannot
# ---------------------------------
# The error names the fix: ``reshape`` (which copies) or ``contiguous``
# first.
try:
    grid.t().view(24)
except RuntimeError as err:
    print(err)

# %%
# ``contiguous`` copies only when it must
# ---------------------------------------
# On a contiguous tensor ``contiguous()`` returns the very same tensor; on
# a transposed one it returns a copy with row-major strides.
same = grid.contiguous()
copied = grid.t().contiguous()
print("grid.contiguous() is grid:", same is grid)
print("grid.t().contiguous(): strides", copied.stride(), "shares storage:",
      measure.shares_memory(copied, grid))
assert same is grid and not measure.shares_memory(copied, grid)

# %%
# Time and bytes against size
# ---------------------------
# For square matrices of growing size, five calls are timed (median after
# warm-up) and the new memory behind each result is counted.  A plain
# ``clone`` of the contiguous matrix is the baseline for a copy.
scale = measure.gallery_scale()
sizes = [measure.scaled(n, scale) for n in (64, 128, 256, 512, 1024)]
calls = {
    "x.view(-1)": lambda x: x.view(-1),
    "x.reshape(-1)": lambda x: x.reshape(-1),
    "x.t().reshape(-1)": lambda x: x.t().reshape(-1),
    "x.t().contiguous()": lambda x: x.t().contiguous(),
    "x.clone()": lambda x: x.clone(),
}
timings = {name: [] for name in calls}
allocated = {name: [] for name in calls}
for n in sizes:
    x = torch.randn(n, n, device=device)
    for name, call in calls.items():
        timings[name].append(measure.time_call(lambda: call(x),
                                               device=device, repeat=9))
        allocated[name].append(measure.new_bytes(call(x), x))

print("median time per call; x is n x n")
print(f"{'n':>19s}" + "".join(f"{n:>9d}" for n in sizes)
      + "   new memory at the largest n")
for name in calls:
    print(f"{name:19s}"
          + "".join(f"{measure.format_seconds(t.median):>9s}"
                    for t in timings[name])
          + f"   {measure.format_bytes(allocated[name][-1])}")
assert allocated["x.view(-1)"] == [0] * len(sizes)
assert allocated["x.reshape(-1)"] == [0] * len(sizes)
assert allocated["x.t().reshape(-1)"] == [n * n * 4 for n in sizes]

# %%
# The picture
# -----------
# Views cost the same at every size; copies grow with the number of
# elements, and copying out of a transposed layout (reading memory with a
# large stride) can cost more than a straight ``clone``.
import matplotlib.pyplot as plt

elements = [n * n for n in sizes]
fig, (top, bottom) = plt.subplots(2, 1, figsize=(5.5, 8.5),
                                  layout="constrained")
for name, marker in zip(calls, "osD^v"):
    medians, spread = measure.error_bars(timings[name])
    top.errorbar(elements, medians, yerr=spread, marker=marker, capsize=3,
                 label=name)
    bottom.plot(elements, [b / 2**20 for b in allocated[name]],
                marker=marker, label=name)
top.set_xscale("log")
top.set_yscale("log")
top.set_xlabel("elements (n x n float32)")
top.set_ylabel("seconds per call")
top.set_title(f"time per call on {device}\n(median, min-max bars)")
bottom.set_xscale("log")
bottom.set_xlabel("elements")
bottom.set_ylabel("new memory, MiB")
bottom.set_title("memory allocated by the call")
# one legend for both panels, under them
fig.legend(*top.get_legend_handles_labels(), loc="outside lower center",
           ncols=2)
plt.show()

# %%
# Memory on the GPU
# -----------------
print(measure.memory_report(device))
