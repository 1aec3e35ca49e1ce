"""
view, reshape and contiguous: which ones copy, measured
=======================================================

``view`` never copies: it either describes the new shape with strides over
the same memory or raises.  ``reshape`` returns such a view when one exists
and copies otherwise.  ``contiguous`` returns the tensor itself when it is
already contiguous and a row-major copy when it is not.  This example
predicts each case with :func:`tensorguide.reshape.can_view`, checks the
prediction against PyTorch through storage evidence, and measures what the
copies cost in time and bytes as the tensor grows.  It supports the
reshape section of :doc:`/intro/what-are-tensors` and the chapter "Creating
tensors and manipulating shapes in PyTorch".
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
import tensorguide

print(tensorguide.describe_runtime())

# %%
# Five cases, predicted and checked
# ---------------------------------
# For each source tensor and target shape, ``can_view`` answers from the
# shape and strides alone.  PyTorch must agree three ways: ``view`` succeeds
# exactly when predicted, ``reshape`` shares the source's storage exactly
# then, and otherwise ``reshape`` allocates a new block.  A non-contiguous
# tensor can still be viewed when the axes being merged or split are laid
# out consistently (cases 3 and 5).
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
print(f"{'source':24s} {'strides':9s} {'to':11s} {'can_view':9s} {'view()':8s} reshape()")
for number, (label, source, target) in enumerate(cases, start=1):
    predicted = can_view(source.shape, source.stride(), target)
    try:
        source.view(target)
        view_works = True
    except RuntimeError:
        view_works = False
    reshaped = source.reshape(target)
    shared = measure.shares_memory(reshaped, source)
    evidence = ("same storage" if shared else
                f"new storage, {measure.format_bytes(measure.storage_bytes(reshaped))}")
    print(f"{label:24s} {str(source.stride()):9s} {str(target):11s} {str(predicted):9s} "
          f"{'works' if view_works else 'raises':8s} {evidence}")
    assert predicted == view_works == shared
    assert torch.equal(reshaped.flatten(), source.flatten())

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
# warm-up, interleaved) and the new bytes of each result counted.  A plain
# ``clone`` of the contiguous matrix is the baseline for a copy.
scale = measure.gallery_scale()
sizes = [measure.scaled(n, scale) for n in (64, 128, 256, 512, 1024)]
calls = {
    "view of contiguous": lambda m, mt: m.view(-1),
    "reshape of contiguous": lambda m, mt: m.reshape(-1),
    "reshape of transposed": lambda m, mt: mt.reshape(-1),
    "contiguous() of transposed": lambda m, mt: mt.contiguous(),
    "clone() of contiguous": lambda m, mt: m.clone(),
}
measured = {name: {"timings": [], "bytes": []} for name in calls}
for n in sizes:
    m = torch.randn(n, n, device=device)
    mt = m.t()
    timings = measure.time_calls({name: (lambda f=f: f(m, mt)) for name, f in calls.items()},
                                 device=device, warmup=2, repeat=9)
    for name, f in calls.items():
        out = f(m, mt)
        measured[name]["timings"].append(timings[name])
        measured[name]["bytes"].append(0 if measure.shares_memory(out, m) else measure.storage_bytes(out))
    print(f"n = {n:5d}: " + "; ".join(
        f"{name} {measure.format_seconds(timings[name].median)}" for name in calls))

for name in calls:
    print(f"{name:27s} new bytes at n = {sizes[-1]}: "
          f"{measure.format_bytes(measured[name]['bytes'][-1])}")
assert measured["view of contiguous"]["bytes"] == measured["reshape of contiguous"]["bytes"] == [0] * len(sizes)
assert measured["reshape of transposed"]["bytes"] == [n * n * 4 for n in sizes]

# %%
# The picture
# -----------
# Views cost the same at every size; copies grow with the number of
# elements, and copying out of a transposed layout (reading memory with a
# large stride) can cost more than a straight ``clone``.
import matplotlib.pyplot as plt

elements = [n * n for n in sizes]
fig, (left, right) = plt.subplots(1, 2, figsize=(10.5, 4))
for (name, data), marker in zip(measured.items(), "osD^v"):
    t = data["timings"]
    left.errorbar(elements, [x.median for x in t], marker=marker, capsize=3, label=name,
                  yerr=[[x.median - x.best for x in t], [x.worst - x.median for x in t]])
    right.plot(elements, [b / 2**20 for b in data["bytes"]], marker=marker, label=name)
left.set_xscale("log")
left.set_yscale("log")
left.set_xlabel("elements (n x n float32)")
left.set_ylabel("seconds per call")
left.set_title(f"time per call on {device} (median, min-max bars)")
left.legend(fontsize=8)
right.set_xscale("log")
right.set_xlabel("elements")
right.set_ylabel("new memory, MiB")
right.set_title("memory allocated by the call")
fig.tight_layout()
plt.show()

# %%
# Memory on the GPU
# -----------------
print(measure.memory_report(device))
