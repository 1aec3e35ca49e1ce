"""
The gradient of a broadcast: summed over the stretched axes
===========================================================

When ``a`` of shape ``(3, 1)`` and ``b`` of shape ``(1, 4)`` are combined
into a ``(3, 4)`` result, every element of ``a`` is used four times and every
element of ``b`` three times.  The chain rule adds up the contributions of
every use, so the gradient with respect to a broadcast input is the
upstream gradient *summed over the axes that were stretched*, with the
input's shape.  This example checks that rule three ways: against finite
differences, against PyTorch's autograd, and against TensorFlow's
``GradientTape``.

It supports the chapter :doc:`/pytorch/broadcasting`, the
gradient table of :doc:`/intro/common-operations`, and the autograd section
of :doc:`/pytorch/creating-and-shaping`.
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
import tensorguide

print(tensorguide.describe_runtime())

# %%
# A function of two broadcast inputs
# ----------------------------------
# :math:`L = \sum_{ij} w_{ij} \sin(a_{i} b_{j})` with ``a`` of shape
# ``(3, 1)``, ``b`` of shape ``(1, 4)`` and fixed weights ``w`` of shape
# ``(3, 4)``.  tensorguide's broadcasting rule names the stretched axes.
# The computation is in float64 (float32 on Apple's MPS, which has no
# float64), so finite differences are accurate.
import numpy as np
import torch

from tensorguide import measure

device = tensorguide.pick_device()
measure.reset_peak_memory(device)
dtype = torch.float32 if device == "mps" else torch.float64
tolerance = 1e-3 if dtype == torch.float32 else 1e-8
explanation = tensorguide.explain_broadcast((3, 1), (1, 4))
print(explanation)

rng = np.random.default_rng(0)
a_np = rng.standard_normal((3, 1))
b_np = rng.standard_normal((1, 4))
w_np = rng.standard_normal((3, 4))


def loss_torch(a, b, w):
    return (w * torch.sin(a * b)).sum()


# %%
# Autograd and the summing rule
# -----------------------------
# The upstream gradient :math:`\partial L / \partial (a b)_{ij} = w_{ij}
# \cos(a_i b_j)` has the full ``(3, 4)`` shape.  Multiplying by the local
# derivative and summing over the stretched axis (axis 1 for ``a``, axis 0
# for ``b``, keeping the dimension) must give exactly autograd's answer.
a = torch.tensor(a_np, dtype=dtype, device=device, requires_grad=True)
b = torch.tensor(b_np, dtype=dtype, device=device, requires_grad=True)
w = torch.tensor(w_np, dtype=dtype, device=device)
loss_torch(a, b, w).backward()

upstream = (w * torch.cos(a * b)).detach()
by_rule_a = (upstream * b.detach()).sum(dim=1, keepdim=True)
by_rule_b = (upstream * a.detach()).sum(dim=0, keepdim=True)
print("grad a shape", tuple(a.grad.shape), "grad b shape", tuple(b.grad.shape))
assert a.grad.shape == a.shape and b.grad.shape == b.shape
rule_error = max((a.grad - by_rule_a).abs().max().item(),
                 (b.grad - by_rule_b).abs().max().item())
print(f"autograd vs summing rule: max error {rule_error:.2e}")
assert rule_error <= tolerance

# %%
# Finite differences
# ------------------
# Central differences :math:`(L(x + h) - L(x - h)) / 2h` for every element of
# ``a`` and ``b``, computed without any autograd.
h = 1e-2 if dtype == torch.float32 else 1e-6


def numeric_gradient(which):
    values = {"a": a.detach().clone(), "b": b.detach().clone()}
    grad = torch.zeros_like(values[which])
    for index in np.ndindex(*grad.shape):
        plus, minus = values[which].clone(), values[which].clone()
        plus[index] += h
        minus[index] -= h
        up = {**values, which: plus}
        down = {**values, which: minus}
        grad[index] = (loss_torch(up["a"], up["b"], w)
                       - loss_torch(down["a"], down["b"], w)) / (2 * h)
    return grad


fd_a, fd_b = numeric_gradient("a"), numeric_gradient("b")
fd_error = max((a.grad - fd_a).abs().max().item(),
               (b.grad - fd_b).abs().max().item())
print(f"autograd vs finite differences (h = {h:g}): max error {fd_error:.2e}")
assert fd_error <= tolerance

# %%
# TensorFlow's ``GradientTape``
# -----------------------------
# TensorFlow applies the same rule; its gradients must match PyTorch's.
import tensorflow as tf

from tensorguide.device import tf_device_name

with tf.device(tf_device_name(device)):
    tf_dtype = tf.float32 if dtype == torch.float32 else tf.float64
    a_tf = tf.Variable(a_np, dtype=tf_dtype)
    b_tf = tf.Variable(b_np, dtype=tf_dtype)
    w_tf = tf.constant(w_np, dtype=tf_dtype)
    with tf.GradientTape() as tape:
        loss_tf = tf.reduce_sum(w_tf * tf.sin(a_tf * b_tf))
    grad_a_tf, grad_b_tf = tape.gradient(loss_tf, [a_tf, b_tf])
tf_error = max(np.abs(grad_a_tf.numpy() - a.grad.cpu().numpy()).max(),
               np.abs(grad_b_tf.numpy() - b.grad.cpu().numpy()).max())
print(f"GradientTape vs autograd: max error {tf_error:.2e}")
assert grad_a_tf.shape == (3, 1) and grad_b_tf.shape == (1, 4)
assert tf_error <= tolerance

# %%
# The rule, drawn
# ---------------
# Top: the ``(3, 4)`` contributions to ``a``'s gradient
# (:math:`w_{ij}\cos(a_i b_j)\,b_j`); each row adds up to one element of
# ``a.grad`` (left).  Below: the contributions to ``b``'s gradient; each
# column adds up to one element of ``b.grad`` (bottom).
import matplotlib.pyplot as plt

contrib_a = (upstream * b.detach()).cpu().numpy()
contrib_b = (upstream * a.detach()).cpu().numpy()
fig, axes = plt.subplots(3, 2, figsize=(5.5, 8.6), layout="constrained",
                         gridspec_kw={"width_ratios": [1, 4],
                                      "height_ratios": [3, 3, 1]})
panels = [
    (axes[0, 0], a.grad.cpu().numpy(), "a.grad\n(3, 1)\n= row sums"),
    (axes[0, 1], contrib_a, "contributions to a.grad (3, 4)"),
    (axes[1, 1], contrib_b, "contributions to b.grad (3, 4)"),
    (axes[2, 1], b.grad.cpu().numpy(), "b.grad (1, 4) = column sums"),
]
limit = max(np.abs(p[1]).max() for p in panels)
for ax, values, title in panels:
    ax.imshow(values, cmap="coolwarm", vmin=-limit, vmax=limit)
    for (i, j), value in np.ndenumerate(values):
        ax.text(j, i, f"{value:.2f}", ha="center", va="center")
    ax.set_title(title, fontsize="medium")
    ax.set_xticks([])
    ax.set_yticks([])
axes[1, 0].axis("off")
axes[2, 0].axis("off")
fig.suptitle("gradient of a broadcast =\n"
             f"sum over the stretched axis ({device})")
plt.show()

# %%
# Memory on the GPU
# -----------------
print(measure.memory_report(device))
