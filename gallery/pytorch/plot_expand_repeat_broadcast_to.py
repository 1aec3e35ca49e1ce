"""
expand, broadcast_to and repeat: memory and time, measured
==========================================================

Three ways to turn one row into many: ``expand`` and ``torch.broadcast_to``
return views whose stretched axis has stride 0, so every row reads the same
memory; ``repeat`` writes every copy out.  Claims such as "expand instead of
repeat allows a 2.5x larger batch" depend on how large the copy is compared
with everything else in memory.  This example measures what each call
allocates and how long it takes, for growing sizes, on this machine.

It supports the chapters :doc:`/pytorch/creating-and-shaping` and
:doc:`/pytorch/broadcasting`, and the broadcasting rows of the cost tables in
:doc:`/intro/common-operations` and :doc:`/tensorflow/key-differences`.
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
import tensorguide

print(tensorguide.describe_runtime())

# %%
# One row, stretched to 256 rows
# ------------------------------
# The three calls give equal tensors.  tensorguide's
# :meth:`~tensorguide.strides.Layout.expand` predicts the strides of the
# views; the stride of 0 on the first axis is why they need no new memory.
import torch

from tensorguide import measure
from tensorguide.strides import Layout

device = tensorguide.pick_device()
measure.reset_peak_memory(device)
scale = measure.gallery_scale()
rows = measure.scaled(256, scale)
row = torch.randn(1, 1024, device=device)
made = {
    "expand": row.expand(rows, -1),
    "broadcast_to": torch.broadcast_to(row, (rows, 1024)),
    "repeat": row.repeat(rows, 1),
}
for name, tensor in made.items():
    assert torch.equal(tensor, made["repeat"])
    storage = measure.format_bytes(measure.storage_bytes(tensor))
    print(f"{name:12s} shape {tuple(tensor.shape)}, "
          f"strides {tensor.stride()}, storage {storage}, "
          f"view of the row: {measure.shares_memory(tensor, row)}")
predicted = Layout.row_major(row.shape).expand(rows, -1)
assert made["expand"].stride() == predicted.strides
assert made["broadcast_to"].stride() == predicted.strides
assert made["repeat"].stride() == Layout.row_major((rows, 1024)).strides

# %%
# A view cannot be written in place
# ---------------------------------
# Because all rows of an expanded tensor are the same memory, PyTorch refuses
# in-place writes to it; ``repeat`` (or ``clone``) gives a tensor that can be
# written (the gotcha in :doc:`/pytorch/broadcasting` shows why).
try:
    made["expand"].add_(1)
except RuntimeError as err:
    print("expand(...).add_(1):", err)
made["repeat"].add_(1)
print("repeat(...).add_(1): fine")

# %%
# Bytes and time against size
# ---------------------------
# For rows of growing length, each call is timed with
# :func:`tensorguide.measure.time_call` (median of the runs after warm-up)
# and the new memory behind its result is counted
# (:func:`tensorguide.measure.new_bytes`).  On CUDA the allocator's own
# count of new bytes is printed as well.
lengths = [measure.scaled(n, scale) for n in (256, 1024, 4096, 16384)]
calls = {
    "expand": lambda r: r.expand(rows, -1),
    "broadcast_to": lambda r: torch.broadcast_to(r, (rows, r.shape[1])),
    "repeat": lambda r: r.repeat(rows, 1),
}
timings = {name: [] for name in calls}
allocated = {name: [] for name in calls}
for n in lengths:
    r = torch.randn(1, n, device=device)
    for name, call in calls.items():
        timings[name].append(measure.time_call(lambda: call(r), device=device,
                                               warmup=2, repeat=9, number=3))
        before = torch.cuda.memory_allocated() if device == "cuda" else None
        out = call(r)
        allocated[name].append(measure.new_bytes(out, r))
        if before is not None:
            added = torch.cuda.memory_allocated() - before
            print(f"  CUDA allocator: {name} added {added} bytes")
        del out
    print(f"row length {n:6d}: " + "; ".join(
        f"{name} {measure.format_seconds(timings[name][-1].median)}, "
        f"{measure.format_bytes(allocated[name][-1])} new" for name in calls))
assert allocated["expand"] == allocated["broadcast_to"] == [0] * len(lengths)
assert allocated["repeat"] == [rows * n * 4 for n in lengths]

# %%
# The picture
# -----------
# Top: new memory per call (the views allocate none, so they sit on the
# axis).  Bottom: median time per call, with bars from the fastest to the
# slowest run (long bars mean other work was running on the machine).
# ``repeat`` grows with the size of its result; the views cost the same at
# every size.
import matplotlib.pyplot as plt

fig, (top, bottom) = plt.subplots(2, 1, figsize=(5.5, 7.5),
                                  layout="constrained")
for name, marker in zip(calls, "os^"):
    top.plot(lengths, [b / 2**20 for b in allocated[name]],
             marker=marker, label=name)
    medians, spread = measure.error_bars(timings[name])
    bottom.errorbar(lengths, medians, yerr=spread, marker=marker,
                    capsize=3, label=name)
top.set_xscale("log")
top.set_xlabel(f"row length (the result has {rows} rows)")
top.set_ylabel("new memory, MiB")
top.set_title("memory allocated by the call")
top.legend()
bottom.set_xscale("log")
bottom.set_yscale("log")
bottom.set_xlabel("row length")
bottom.set_ylabel("seconds per call")
bottom.set_title(f"time per call on {device}")
bottom.legend()
plt.show()

# %%
# Using the result costs the same
# -------------------------------
# The saving is memory, not arithmetic: adding a ``(rows, n)`` tensor to an
# expanded row or to a repeated one does the same number of additions and
# writes a result of the same size.
n = lengths[-1]
r = torch.randn(1, n, device=device)
other = torch.randn(rows, n, device=device)
expanded, repeated = r.expand(rows, -1), r.repeat(rows, 1)
assert torch.equal(other + expanded, other + repeated)
for name, operand in (("other + expanded", expanded),
                      ("other + repeated", repeated)):
    timing = measure.time_call(lambda: other + operand, device=device,
                               warmup=2, repeat=9)
    print(f"{name}: {timing}")

# %%
# Memory on the GPU
# -----------------
print(measure.memory_report(device))
