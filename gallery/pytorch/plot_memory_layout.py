"""
Storage, strides and views, drawn
=================================

A PyTorch tensor is a flat block of memory (its *storage*) plus a shape,
strides and an offset that say which cells of the block each element is.
Transposing or slicing makes a *view*: a new shape, strides and offset over
the same block, with nothing copied.  This example draws the storage of a
``(3, 4)`` tensor and the cells that a transposed and two sliced views read,
with :class:`tensorguide.strides.Layout` predicting every view and PyTorch
checking it.

It supports the memory-layout section of
:doc:`/intro/what-are-tensors`, the transpose rows of the cost table in
:doc:`/intro/common-operations`, the chapters
:doc:`/pytorch/creating-and-shaping` and :doc:`/pytorch/indexing-and-slicing`,
and the comparison of views with TensorFlow's copies in
:doc:`/tensorflow/key-differences`.
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
import tensorguide

print(tensorguide.describe_runtime())

# %%
# A tensor whose values are its storage positions
# -----------------------------------------------
# ``torch.arange(12)`` fills the storage with 0, 1, ..., 11, so every element
# of every view shows which storage cell it came from.
import torch

from tensorguide import measure
from tensorguide.strides import Layout

device = tensorguide.pick_device()
measure.reset_peak_memory(device)
x = torch.arange(12, dtype=torch.float32, device=device).reshape(3, 4)
base = Layout.row_major((3, 4))
print(x)
print("shape", tuple(x.shape), "strides", x.stride(),
      "offset", x.storage_offset())
print("storage:", measure.format_bytes(measure.storage_bytes(x)),
      "for", x.numel(), "float32 elements")

# %%
# Views predicted and checked
# ---------------------------
# For each view, tensorguide computes the layout from the base layout alone;
# PyTorch must report the same shape, strides and offset, share the base's
# storage, and agree on contiguity.  Reading element ``i`` of a view means
# reading storage cell ``offset + sum(i_k * stride_k)``.
views = {
    "x": (x, base),
    "x.t()": (x.t(), base.transpose(0, 1)),
    "x[:, 1:3]": (x[:, 1:3], base[:, 1:3]),
    "x[::2, 1::2]": (x[::2, 1::2], base[::2, 1::2]),
}
for name, (view, layout) in views.items():
    assert tuple(view.shape) == layout.shape
    assert view.stride() == layout.strides
    assert view.storage_offset() == layout.offset
    assert view.is_contiguous() == layout.is_contiguous()
    assert measure.shares_memory(view, x)
    print(f"{name:13s} {layout}  contiguous={layout.is_contiguous()}")

# %%
# The cells each view reads
# -------------------------
# Top of each panel: the twelve storage cells, coloured where the view reads
# them, with the order in which the view reads them (row by row) written
# under the cell.  Below them, right: the view as the reader sees it, each
# element labelled with its storage cell.  The view's values must be exactly
# the storage positions its layout predicts.
import itertools

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle


def positions(layout):
    """Storage positions of every element, in row-major order of the view."""
    indices = itertools.product(*map(range, layout.shape))
    return [layout.offset_of(index) for index in indices]


# One panel per view, in storage-cell units (a cell is 1 x 1) on both axes:
# the strip at the top, the view as the reader sees it under its right end.
spans = [1.3 + max(layout.shape[0], 2) + 1.1 for _, layout in views.values()]
fig, axes = plt.subplots(len(views), 1, figsize=(5.5, 10.5),
                         layout="constrained",
                         gridspec_kw={"height_ratios": spans})
for (name, (view, layout)), panel, span in zip(views.items(), axes, spans):
    read = positions(layout)
    assert view.flatten().tolist() == [float(p) for p in read]
    for cell in range(12):
        colour = "#fdae6b" if cell in read else "#f0f0f0"
        panel.add_patch(Rectangle((cell, 0), 0.95, 0.95, facecolor=colour,
                                  edgecolor="black"))
        panel.text(cell + 0.47, 0.47, str(cell), ha="center", va="center")
        if cell in read:
            order = ", ".join(str(k) for k, p in enumerate(read) if p == cell)
            panel.text(cell + 0.47, -0.35, f"#{order}", ha="center",
                       va="center")
    panel.set_title(name, loc="left", fontweight="bold")
    panel.text(-0.1, -1.2, f"shape {layout.shape}\n"
               f"strides {layout.strides}\noffset {layout.offset}",
               ha="left", va="top")
    rows, cols = layout.shape
    for i, j in itertools.product(range(rows), range(cols)):
        left, bottom = 12 - cols + j, -1.3 - 1 - i
        panel.add_patch(Rectangle((left, bottom), 0.95, 0.95,
                                  facecolor="#c6dbef", edgecolor="black"))
        panel.text(left + 0.47, bottom + 0.47, str(layout.offset_of((i, j))),
                   ha="center", va="center")
    panel.set_xlim(-0.2, 12.2)
    panel.set_ylim(1 - span, 1)
    panel.set_aspect("equal")
    panel.axis("off")
fig.suptitle("one storage block of 12 floats,\nfour ways to read it")
plt.show()

# %%
# Making a transposed view contiguous copies
# ------------------------------------------
# ``contiguous()`` on a non-contiguous view writes the elements into a new
# block in the view's row-major order; the result owns new storage and has
# row-major strides.
copied = x.t().contiguous()
print("x.t().contiguous(): strides", copied.stride(), "shares storage with x:",
      measure.shares_memory(copied, x))
print("its storage holds", copied.flatten().tolist())
assert not measure.shares_memory(copied, x)
assert copied.stride() == Layout.row_major(copied.shape).strides

# %%
# Memory on the GPU
# -----------------
print(measure.memory_report(device))
