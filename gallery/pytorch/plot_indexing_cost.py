"""
The cost of indexing: slices are views, index tensors and masks copy
=====================================================================

Basic indexing (integers and slices) returns a view: a new shape, strides
and offset over the same memory, computed in constant time whatever the
tensor's size.  Advanced indexing (a tensor of indices, a boolean mask)
gathers the selected elements into new memory, so its time and memory grow
with what it selects.  This example measures both kinds on tensors of
growing size on this machine, and checks the views' layouts against
:mod:`tensorguide.slicing` and :class:`tensorguide.strides.Layout`.  It
supports the chapter "Indexing and slicing tensors in PyTorch".
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
# shape alone (:func:`tensorguide.index_shape`) and its strides and offset
# from the layout; PyTorch must agree, and the result must share the
# tensor's memory.
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
    assert tuple(view.shape) == tensorguide.index_shape(x.shape, key) == predicted.shape
    assert (view.stride(), view.storage_offset()) == (predicted.strides, predicted.offset)
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
    print(f"{text:13s} copy: shape {tuple(result.shape)}, "
          f"{measure.format_bytes(measure.storage_bytes(result))} of new memory")

# %%
# Time and memory against size
# ----------------------------
# Each index selects half of the rows of an ``(n, 64)`` float32 tensor.  The
# calls are timed with :func:`tensorguide.measure.time_calls` (median after
# warm-up, interleaved).  A boolean mask's result size depends on the data,
# so on a GPU PyTorch must wait for the device to count the selected rows.
scale = measure.gallery_scale()
sizes = [measure.scaled(n, scale, minimum=4) for n in (1000, 4000, 16000, 64000)]
generator = torch.Generator().manual_seed(0)
measured = {}
for n in sizes:
    t = torch.randn(n, 64, device=device)
    picked = torch.randperm(n, generator=generator)[: n // 2].to(device)
    keep = torch.zeros(n, dtype=torch.bool, device=device)
    keep[picked] = True
    calls = {
        "slice t[: n // 2] (view)": lambda: t[: n // 2],
        "step slice t[::2] (view)": lambda: t[::2],
        "index tensor t[rows] (copy)": lambda: t[picked],
        "boolean mask t[mask] (copy)": lambda: t[keep],
    }
    timings = measure.time_calls(calls, device=device, warmup=2, repeat=9)
    for name, call in calls.items():
        out = call()
        new = 0 if measure.shares_memory(out, t) else measure.storage_bytes(out)
        measured.setdefault(name, {"timings": [], "bytes": []})
        measured[name]["timings"].append(timings[name])
        measured[name]["bytes"].append(new)
    print(f"n = {n:6d}: " + "; ".join(
        f"{name.split(' (')[0]} {measure.format_seconds(timings[name].median)}" for name in calls))
assert measured["slice t[: n // 2] (view)"]["bytes"] == [0] * len(sizes)
assert measured["index tensor t[rows] (copy)"]["bytes"] == [(n // 2) * 64 * 4 for n in sizes]

# %%
# The picture
# -----------
# Left: median time per call, with bars from the fastest to the slowest run.
# Views stay flat; copies grow with the number of selected elements.
# Right: new memory per call, zero for the views.
import matplotlib.pyplot as plt

fig, (left, right) = plt.subplots(1, 2, figsize=(10.5, 4))
for (name, data), marker in zip(measured.items(), "osD^"):
    t = data["timings"]
    left.errorbar(sizes, [m.median for m in t], marker=marker, capsize=3, label=name,
                  yerr=[[m.median - m.best for m in t], [m.worst - m.median for m in t]])
    right.plot(sizes, [b / 2**20 for b in data["bytes"]], marker=marker, label=name)
left.set_xscale("log")
left.set_yscale("log")
left.set_xlabel("rows n of an (n, 64) float32 tensor")
left.set_ylabel("seconds per call")
left.set_title(f"time per call on {device}")
left.legend(fontsize=8)
right.set_xscale("log")
right.set_xlabel("rows n")
right.set_ylabel("new memory, MiB")
right.set_title("memory allocated by the call")
fig.tight_layout()
plt.show()

# %%
# Memory on the GPU
# -----------------
print(measure.memory_report(device))
