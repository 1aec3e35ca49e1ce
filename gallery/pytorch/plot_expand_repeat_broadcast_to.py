"""
expand, broadcast_to and repeat: memory and time, measured
==========================================================

Three ways to turn one row into many: ``expand`` and ``torch.broadcast_to``
return views whose stretched axis has stride 0, so every row reads the same
memory; ``repeat`` writes every copy out.  Claims such as "expand instead of
repeat allows a 2.5x larger batch" depend on how large the copy is compared
with everything else in memory.  This example measures what each call
allocates and how long it takes, for growing sizes, on this machine.  It
supports the chapters "Creating tensors and manipulating shapes in PyTorch"
and "Broadcasting and its importance in deep learning".
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
predicted = Layout.row_major(row.shape).expand(rows, -1)
for name, tensor in made.items():
    assert torch.equal(tensor, made["repeat"])
    print(f"{name:12s} shape {tuple(tensor.shape)}, strides {tensor.stride()}, "
          f"storage {measure.format_bytes(measure.storage_bytes(tensor))}, "
          f"shares the row's memory: {measure.shares_memory(tensor, row)}")
assert made["expand"].stride() == made["broadcast_to"].stride() == predicted.strides
assert made["repeat"].stride() == Layout.row_major((rows, 1024)).strides

# %%
# A view cannot be written in place
# ---------------------------------
# Because all rows of an expanded tensor are the same memory, PyTorch refuses
# in-place writes to it; ``repeat`` (or ``clone``) gives a tensor that can be
# written.
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
# :func:`tensorguide.measure.time_calls` (median of the runs after warm-up,
# the three calls interleaved) and the storage of its result is counted.  On
# CUDA the allocator's own count of new bytes is printed as well.
lengths = [measure.scaled(n, scale) for n in (256, 1024, 4096, 16384)]
calls = {
    "expand": lambda r: r.expand(rows, -1),
    "broadcast_to": lambda r: torch.broadcast_to(r, (rows, r.shape[1])),
    "repeat": lambda r: r.repeat(rows, 1),
}
results = {name: {"bytes": [], "timings": []} for name in calls}
for n in lengths:
    r = torch.randn(1, n, device=device)
    timings = measure.time_calls({name: (lambda f=f: f(r)) for name, f in calls.items()},
                                 device=device, warmup=2, repeat=9, number=3)
    for name, f in calls.items():
        before = torch.cuda.memory_allocated() if device == "cuda" else None
        out = f(r)
        new_bytes = 0 if measure.shares_memory(out, r) else measure.storage_bytes(out)
        if before is not None:
            print(f"  CUDA allocator: {name} added {torch.cuda.memory_allocated() - before} bytes")
        results[name]["bytes"].append(new_bytes)
        results[name]["timings"].append(timings[name])
        del out
    print(f"row length {n:6d}: " + "; ".join(
        f"{name} {measure.format_seconds(timings[name].median)}, "
        f"{measure.format_bytes(results[name]['bytes'][-1])} new" for name in calls))

# %%
# The picture
# -----------
# Left: bytes of new memory per call (the views allocate none, so they sit on
# the axis).  Right: median time per call, with bars from the fastest to the
# slowest run (long bars mean other work was running on the machine).
# ``repeat`` grows with the size of the result; the views cost the same at
# every size.
import matplotlib.pyplot as plt

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
for name, marker in zip(calls, "os^"):
    left.plot(lengths, [b / 2**20 for b in results[name]["bytes"]], marker=marker, label=name)
    measured = results[name]["timings"]
    right.errorbar(lengths, [t.median for t in measured], marker=marker, capsize=3, label=name,
                   yerr=[[t.median - t.best for t in measured], [t.worst - t.median for t in measured]])
left.set_xscale("log")
left.set_xlabel("row length (result has %d rows)" % rows)
left.set_ylabel("new memory, MiB")
left.set_title("memory allocated by the call")
left.legend()
right.set_xscale("log")
right.set_yscale("log")
right.set_xlabel("row length")
right.set_ylabel("seconds per call")
right.set_title(f"time per call on {device}")
right.legend()
fig.tight_layout()
plt.show()

# %%
# Using the result costs the same
# -------------------------------
# The saving is memory, not arithmetic: adding a ``(rows, n)`` tensor to an
# expanded row or to a repeated one does the same number of additions and
# writes the same result.
n = lengths[-1]
r = torch.randn(1, n, device=device)
other = torch.randn(rows, n, device=device)
expanded, repeated = r.expand(rows, -1), r.repeat(rows, 1)
assert torch.equal(other + expanded, other + repeated)
use = measure.time_calls({"other + expanded": lambda: other + expanded,
                          "other + repeated": lambda: other + repeated},
                         device=device, warmup=2, repeat=9)
for name, timing in use.items():
    print(f"{name}: {timing}")

# %%
# Memory on the GPU
# -----------------
print(measure.memory_report(device))
