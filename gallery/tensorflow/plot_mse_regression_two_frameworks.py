"""
One regression model, trained in PyTorch and in TensorFlow
==========================================================

A linear model (predictions are the inputs times a weight vector, plus a
bias) trained on the mean squared error with plain gradient descent is small
enough to follow exactly.  This example trains it in PyTorch and in
TensorFlow from the same initial weights on the same data, full batch, so
both runs are deterministic, and checks that the two loss curves and the
final weights agree, and that both approach the least-squares solution.

The model is :math:`\\hat y = X w + b` and the loss :math:`\\frac{1}{N}\\sum_i
(\\hat y_i - y_i)^2`. The example supports the training step of
:doc:`/tensorflow/ops-for-models`, the gradient examples of
:doc:`/intro/pytorch-vs-tensorflow`, the "same model in both libraries"
question of :doc:`/tensorflow/key-differences`, and the move from placeholders
to function arguments in :doc:`/tensorflow/variables-constants-placeholders`.
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
import tensorguide

print(tensorguide.describe_runtime())

# %%
# Data and initial weights, shared
# --------------------------------
# One NumPy generator makes the inputs, the noise and the initial weights;
# both frameworks receive the same float32 arrays.
import numpy as np

from tensorguide import measure

device = tensorguide.pick_device()
measure.reset_peak_memory(device)
scale = measure.gallery_scale()
samples, features = measure.scaled(256, scale), 3
steps, learning_rate = 150, 0.1

rng = np.random.default_rng(0)
X = rng.standard_normal((samples, features)).astype(np.float32)
true_w = np.array([[2.0], [-1.0], [0.5]], dtype=np.float32)
noise = 0.1 * rng.standard_normal((samples, 1))
y = (X @ true_w + 0.3 + noise).astype(np.float32)
w0 = (0.01 * rng.standard_normal((features, 1))).astype(np.float32)
b0 = np.zeros(1, dtype=np.float32)
print(f"{samples} samples, {features} features, {steps} steps of "
      f"gradient descent, learning rate {learning_rate}")

# %%
# PyTorch
# -------
# ``torch.nn.Linear`` holds its weight as ``(out, in)``, so the shared
# ``(in, out)`` array is transposed on the way in.  ``mse_loss`` averages over
# every element; ``torch.optim.SGD`` takes a plain gradient step.  The
# training run is timed once, as a whole: a rough figure, not a benchmark.
import time

import torch

model = torch.nn.Linear(features, 1).to(device)
with torch.no_grad():
    model.weight.copy_(torch.from_numpy(w0.T))
    model.bias.copy_(torch.from_numpy(b0))
optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
X_pt, y_pt = torch.from_numpy(X).to(device), torch.from_numpy(y).to(device)


def train_torch():
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(X_pt), y_pt)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


start = time.perf_counter()
torch_losses = train_torch()
measure.synchronize(device)
torch_seconds = time.perf_counter() - start
torch_w = model.weight.detach().cpu().numpy().T
torch_b = model.bias.detach().cpu().numpy()
print(f"PyTorch: final loss {torch_losses[-1]:.6f}, "
      f"{measure.format_seconds(torch_seconds / steps)} per step")

# %%
# TensorFlow
# ----------
# Two ``tf.Variable`` objects hold the same initial values, and the data are
# plain tensors used directly, where TensorFlow 1 code would have fed
# placeholders (see :doc:`/tensorflow/variables-constants-placeholders`).
# The loss is ``tf.reduce_mean(tf.square(...))`` with no ``axis``: the mean
# over every element of the batch, one number, as ``mse_loss`` computes it.
# (With ``axis=-1`` it would be one loss per sample, and the gradient of
# that vector would be the gradient of its sum, ``samples`` times larger.)
# The ``GradientTape`` records the forward pass and
# ``tf.keras.optimizers.SGD`` applies the same step.
import tensorflow as tf

from tensorguide.device import tf_device_name

with tf.device(tf_device_name(device)):
    w_tf = tf.Variable(w0)
    b_tf = tf.Variable(b0)
    X_tf, y_tf = tf.constant(X), tf.constant(y)
    tf_optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)

    def train_tf():
        losses = []
        for _ in range(steps):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(X_tf @ w_tf + b_tf - y_tf))
            gradients = tape.gradient(loss, [w_tf, b_tf])
            tf_optimizer.apply_gradients(zip(gradients, [w_tf, b_tf]))
            losses.append(float(loss))
        return losses

    start = time.perf_counter()
    tf_losses = train_tf()
    tf_seconds = time.perf_counter() - start
tf_w, tf_b = w_tf.numpy(), b_tf.numpy()
print(f"TensorFlow: final loss {tf_losses[-1]:.6f}, "
      f"{measure.format_seconds(tf_seconds / steps)} per step "
      f"(eager, on {w_tf.device})")

# %%
# The two runs agree
# ------------------
# Same data, same initial weights, same steps: the curves and the weights
# may differ only by float32 rounding (on an NVIDIA GPU a little more:
# TensorFlow multiplies float32 matrices in TensorFloat-32 there by
# default).  Both should be close to the least-squares solution, which
# NumPy computes directly.
loss_gap = np.max(np.abs(np.array(torch_losses) - np.array(tf_losses)))
weight_gap = max(np.abs(torch_w - tf_w).max(), np.abs(torch_b - tf_b).max())
design = np.hstack([X, np.ones((samples, 1), dtype=np.float32)])
solution = np.linalg.lstsq(design, y, rcond=None)[0]
print(f"largest difference between the loss curves: {loss_gap:.2e}")
print(f"largest difference between the final weights: {weight_gap:.2e}")
for name, weights, bias in (("PyTorch", torch_w, torch_b),
                            ("TensorFlow", tf_w, tf_b),
                            ("least squares", solution[:3], solution[3])):
    print(f"{name:13s} weights {np.round(weights.ravel(), 4)} "
          f"bias {np.round(bias, 4)}")
rtol = 1e-2 if device == "cuda" else 1e-4
np.testing.assert_allclose(torch_losses, tf_losses, rtol=rtol, atol=1e-6)
np.testing.assert_allclose(torch_w, tf_w, rtol=rtol, atol=1e-5)
np.testing.assert_allclose(torch_b, tf_b, rtol=rtol, atol=1e-5)
np.testing.assert_allclose(torch_w.ravel(), solution[:3].ravel(), atol=1e-2)

# %%
# Loss curves compared
# --------------------
# Top and middle: each framework's loss, on a log scale.  Bottom: the gap
# between them at every step, which stays at the level of float32 rounding.
import matplotlib.pyplot as plt

fig, (top, middle, bottom) = plt.subplots(3, 1, figsize=(5.5, 9),
                                          layout="constrained")
top.semilogy(torch_losses, color="#e6550d")
top.set_title("PyTorch")
middle.semilogy(tf_losses, color="#3182bd")
middle.set_title("TensorFlow")
for ax in (top, middle):
    ax.set_xlabel("step")
    ax.set_ylabel("MSE loss")
gap = np.abs(np.array(torch_losses) - np.array(tf_losses))
bottom.plot(gap)
bottom.set_xlabel("step")
bottom.set_ylabel("|PyTorch - TensorFlow|")
bottom.set_title("difference between the losses")
plt.show()

# %%
# Memory on the GPU
# -----------------
print(measure.memory_report(device))
