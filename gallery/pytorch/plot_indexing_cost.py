"""
The cost of indexing: slices are views, index tensors and masks copy
====================================================================

Basic indexing (integers and slices) returns a view: a new shape, strides
and offset over the same memory, computed in constant time whatever the
tensor's size.  Advanced indexing (a tensor of indices, a boolean mask)
gathers the selected elements into new memory, so its time and memory grow
with what it selects.  This example measures both kinds on tensors of
growing size on this machine, and checks the views' layouts against
:mod:`tensorguide.slicing` and :class:`tensorguide.strides.Layout`.

It supports the chapter :doc:`/pytorch/indexing-and-slicing`.
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
import tensorguide

print(tensorguide.describe_runtime())

# %%
# Views, predicted and checked
# ----------------------------
# For each basic index, tensorguide predicts the result's shape from the
# shape alone (:func:`tensorguide.slicing.index_shape`) and its strides
# and offset from the layout; PyTorch must agree, and the result must share
# the tensor's memory.
import torch

from tensorguide import measure
from tensorguide.strides import Layout

device = tensorguide.pick_device()
measure.reset_peak_memory(device)
x = torch.randn(1000, 64, device=device)
layout = Layout.row_major(x.shape)
basic = {
    "x[10:500]": (slice(10, 500),),
    "x[::2]": (slice(None, None, 2),),
    "x[:, 5]": (slice(None), 5),
    "x[-1]": (-1,),
}
for text, key in basic.items():
    view = x[key]
    predicted = layout[key]
    assert tuple(view.shape) == predicted.shape
    assert predicted.shape == tensorguide.index_shape(x.shape, key)
    assert view.stride() == predicted.strides
    assert view.storage_offset() == predicted.offset
    assert measure.shares_memory(view, x)
    print(f"{text:10s} view: {predicted}")

# %%
# Copies, checked
# ---------------
# An index tensor and a boolean mask select the same rows here; both results
# own new memory holding exactly the selected rows.
rows = torch.arange(0, 1000, 2, device=device)
mask = torch.zeros(1000, dtype=torch.bool, device=device)
mask[::2] = True
for text, result in (("x[rows]", x[rows]), ("x[mask]", x[mask]),
                     ("index_select", torch.index_select(x, 0, rows))):
    assert torch.equal(result, x[::2]) and not measure.shares_memory(result, x)
    copied = measure.format_bytes(measure.new_bytes(result, x))
    print(f"{text:13s} copy: shape {tuple(result.shape)}, "
          f"{copied} of new memory")

# %%
# Time and memory against size
# ----------------------------
# Each index selects half of the rows of an ``(n, 64)`` float32 tensor.
# Every call is timed with :func:`tensorguide.measure.time_call` (median of
# the runs after warm-up) and the new memory behind its result is counted.
# A boolean mask's result size depends on the data, so on a GPU PyTorch
# must wait for the device to count the selected rows.
scale = measure.gallery_scale()
sizes = [measure.scaled(n, scale, minimum=4)
         for n in (1000, 4000, 16000, 64000)]
generator = torch.Generator().manual_seed(0)
calls = {
    "t[: n // 2]": lambda t, rows, mask: t[: t.shape[0] // 2],
    "t[::2]": lambda t, rows, mask: t[::2],
    "t[rows]": lambda t, rows, mask: t[rows],
    "t[mask]": lambda t, rows, mask: t[mask],
}
timings = {name: [] for name in calls}
allocated = {name: [] for name in calls}
for n in sizes:
    t = torch.randn(n, 64, device=device)
    picked = torch.randperm(n, generator=generator)[: n // 2].to(device)
    keep = torch.zeros(n, dtype=torch.bool, device=device)
    keep[picked] = True
    for name, call in calls.items():
        timings[name].append(measure.time_call(lambda: call(t, picked, keep),
                                               device=device, repeat=9))
        allocated[name].append(measure.new_bytes(call(t, picked, keep), t))

print("median time per call; t is (n, 64) float32, half of the rows selected")
print(f"{'n':>12s}" + "".join(f"{n:>10d}" for n in sizes)
      + "   new memory at the largest n")
for name in calls:
    print(f"{name:12s}"
          + "".join(f"{measure.format_seconds(m.median):>10s}"
                    for m in timings[name])
          + f"   {measure.format_bytes(allocated[name][-1])}")
assert allocated["t[: n // 2]"] == allocated["t[::2]"] == [0] * len(sizes)
assert allocated["t[rows]"] == [(n // 2) * 64 * 4 for n in sizes]
assert allocated["t[mask]"] == allocated["t[rows]"]

# %%
# The picture
# -----------
# Top: median time per call, with bars from the fastest to the slowest run.
# Views stay flat; copies grow with the number of selected elements.
# Bottom: new memory per call, zero for the views.
import matplotlib.pyplot as plt

fig, (top, bottom) = plt.subplots(2, 1, figsize=(5.5, 8),
                                  layout="constrained")
for name, marker in zip(calls, "osD^"):
    medians, spread = measure.error_bars(timings[name])
    kind = "copy" if allocated[name][-1] else "view"
    top.errorbar(sizes, medians, yerr=spread, marker=marker, capsize=3,
                 label=f"{name} ({kind})")
    bottom.plot(sizes, [b / 2**20 for b in allocated[name]], marker=marker,
                label=f"{name} ({kind})")
top.set_xscale("log")
top.set_yscale("log")
top.set_xlabel("rows n of an (n, 64) float32 tensor")
top.set_ylabel("seconds per call")
top.set_title(f"time per call on {device}")
bottom.set_xscale("log")
bottom.set_xlabel("rows n")
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
