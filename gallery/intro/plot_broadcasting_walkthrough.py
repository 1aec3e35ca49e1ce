"""
Broadcasting, drawn and checked
===============================

Two tensors of shapes ``(8, 1, 6, 1)`` and ``(7, 1, 5)`` add up to a tensor
of shape ``(8, 7, 6, 5)``.  This example lines the shapes up the way the rule
does, draws which axes are stretched, and checks tensorguide's answer against
PyTorch on whatever device this machine has.

It supports the validity rules
of :doc:`/intro/what-are-tensors` and the chapter
:doc:`/pytorch/broadcasting`.
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
import tensorguide

print(tensorguide.describe_runtime())

# %%
# The rule, axis by axis
# ----------------------
# Shapes are aligned on the right.  A missing axis counts as size 1, and a
# size-1 axis is stretched to match the other input.
from tensorguide import explain_broadcast

explanation = explain_broadcast((8, 1, 6, 1), (7, 1, 5))
print(explanation)

# %%
# The same addition in PyTorch
# ----------------------------
# The tensors are created on the chosen device; the result shape must be the
# one the rule predicts.
import torch

from tensorguide import measure

device = tensorguide.pick_device()
measure.reset_peak_memory(device)
x = torch.arange(8 * 6, dtype=torch.float32, device=device).reshape(8, 1, 6, 1)
y = torch.arange(7 * 5, dtype=torch.float32, device=device).reshape(7, 1, 5)
z = x + y
assert tuple(z.shape) == explanation.result
print(f"x + y on {z.device}: shape {tuple(z.shape)}")

# %%
# Stretching copies nothing
# -------------------------
# ``expand`` shows what broadcasting does to ``x`` behind the scenes: the
# stretched axes get a stride of 0, so every step along them reads the same
# element again.
expanded = x.expand(*explanation.result)
print("x strides:", x.stride(), "-> expanded strides:", expanded.stride())
assert expanded.data_ptr() == x.data_ptr()

# %%
# A picture of the alignment
# --------------------------
# Each row is one shape, right-aligned.  Grey cells are axes the input does
# not have; orange cells are size-1 axes that get stretched.
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

rows = [(f"x {explanation.shapes[0]}", 0), (f"y {explanation.shapes[1]}", 1)]
fig, ax = plt.subplots(figsize=(5, 2.7), layout="constrained")
for row_number, (label, index) in enumerate(rows + [("result", None)]):
    top = 2 - row_number
    ax.text(-0.3, top + 0.45, label, ha="right", va="center")
    for column, row in enumerate(explanation.rows):
        if index is None:
            size, colour = row.result, "#c6dbef"
        else:
            size = row.sizes[index]
            if size is None:
                colour = "#d9d9d9"
            elif index in row.stretched():
                colour = "#fdae6b"
            else:
                colour = "#c6dbef"
        ax.add_patch(Rectangle((column, top), 0.9, 0.9, facecolor=colour, edgecolor="black"))
        ax.text(column + 0.45, top + 0.45, "-" if size is None else str(size),
                ha="center", va="center")
ax.text(-0.3, 3.3, "axis", ha="right", va="center")
for column, row in enumerate(explanation.rows):
    ax.text(column + 0.45, 3.3, str(row.axis), ha="center", va="center")
ax.set_xlim(-3.1, len(explanation.rows))
ax.set_ylim(-0.1, 3.6)
ax.axis("off")
ax.set_title("(8, 1, 6, 1) + (7, 1, 5) -> (8, 7, 6, 5)", fontsize="medium")
plt.show()

# %%
# When the rule says no
# ---------------------
# Sizes 3 and 4 on the last axis cannot be reconciled.  tensorguide names both
# shapes and the axis; PyTorch's message says the same in its own words.
from tensorguide import BroadcastError

try:
    tensorguide.broadcast_shapes((2, 3), (4,))
except BroadcastError as err:
    print("tensorguide:", err)
try:
    torch.ones(2, 3, device=device) + torch.ones(4, device=device)
except RuntimeError as err:
    print("PyTorch:    ", err)

# %%
# Memory on the GPU
# -----------------
# On CUDA the peak allocated memory is reported as well; on the CPU the
# figure under this example is the process's resident memory.
print(measure.memory_report(device))
