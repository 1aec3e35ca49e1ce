"""
Eager code, traced graphs and compiled code, timed
==================================================

TensorFlow 2 runs operations eagerly, one at a time, unless a function is
wrapped in ``tf.function``, which traces it into a graph on its first call.
PyTorch runs eagerly too, and ``torch.compile`` turns a function into
generated code on its first call.  Claims such as "static graphs are 10%
faster" hide two different numbers: the one-off cost of the first call
(tracing, compiling) and the time of every call after it.  This example
measures both, for the same small computation, on this machine.

It supports
the chapters :doc:`/intro/pytorch-vs-tensorflow` and
:doc:`/tensorflow/key-differences`, and the notes on tracing and retracing in
:doc:`/tensorflow/variables-constants-placeholders` and
:doc:`/tensorflow/ops-for-models`.
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
import tensorguide

print(tensorguide.describe_runtime())

# %%
# The computation
# ---------------
# A two-layer perceptron's forward pass on one batch: a matrix product, a
# bias, a ReLU, another product and a mean.  The weights come from one NumPy
# generator, so both libraries compute the same number.  The sizes grow with
# ``TENSORGUIDE_GALLERY_SCALE``.
import numpy as np

from tensorguide import measure

device = tensorguide.pick_device()
measure.reset_peak_memory(device)
scale = measure.gallery_scale()
batch, features, hidden = (measure.scaled(n, scale) for n in (64, 128, 256))
rng = np.random.default_rng(0)
x_np = rng.standard_normal((batch, features), dtype=np.float32)
w1_np = rng.standard_normal((features, hidden), dtype=np.float32)
w2_np = rng.standard_normal((hidden, 1), dtype=np.float32)
arrays = (x_np, w1_np / features**0.5,                       # x, w1
          np.zeros(hidden, dtype=np.float32), w2_np / hidden**0.5)  # b1, w2
print(f"batch {batch}, features {features}, hidden {hidden}")

# %%
# TensorFlow: eager, then ``tf.function``
# ---------------------------------------
# The same Python function is called eagerly and through ``tf.function``,
# which traces it into a graph on its first call.  Reading the result with
# ``.numpy()`` makes sure the work has finished before a timer stops.
import tensorflow as tf

from tensorguide.device import tf_device_name

with tf.device(tf_device_name(device)):
    tf_args = tuple(tf.constant(a) for a in arrays)


def forward_tf(x, w1, b1, w2):
    return tf.reduce_mean(tf.nn.relu(x @ w1 + b1) @ w2)


forward_tf_graph = tf.function(forward_tf)

# %%
# PyTorch: eager, then ``torch.compile``
# --------------------------------------
# ``torch.compile`` generates code on its first call and needs a working
# compiler toolchain for its default backend.  Its first call is tried here
# on its own: where it fails on this machine, the reason is printed and the
# example carries on without it.  Any other failure stops the example.  The
# generated code is cached on disk, so a second run of the example on the
# same machine compiles faster than the first.
import torch

pt_args = tuple(torch.from_numpy(a).to(device) for a in arrays)


def forward_pt(x, w1, b1, w2):
    return torch.mean(torch.relu(x @ w1 + b1) @ w2)


forward_pt_compiled = torch.compile(forward_pt)
try:
    compiling = measure.time_call(lambda: forward_pt_compiled(*pt_args),
                                  device=device, warmup=1, repeat=1)
except Exception as err:  # only torch.compile is allowed to fail here
    reason = (str(err).strip().splitlines() or [""])[0]
    print(f"torch.compile did not work here: {type(err).__name__}: {reason}")
    compiling = None
else:
    print("torch.compile's first call (compiling) took",
          measure.format_seconds(compiling.first))
print(f"PyTorch runs on {pt_args[0].device}, "
      f"with {torch.get_num_threads()} CPU threads")

# %%
# Timing every variant
# --------------------
# :func:`tensorguide.measure.time_call` times each variant's first call on
# its own (for ``tf.function`` that is the trace), warms it up, then takes
# the median of 25 timed runs.  The variants are timed one after another,
# not alternately: on a small CPU, TensorFlow's and PyTorch's thread pools
# slow each other down when their calls alternate.
variants = {
    "TF eager": lambda: forward_tf(*tf_args).numpy(),
    "TF tf.function": lambda: forward_tf_graph(*tf_args).numpy(),
    "PyTorch eager": lambda: forward_pt(*pt_args),
}
if compiling is not None:
    variants["PyTorch torch.compile"] = lambda: forward_pt_compiled(*pt_args)
with tf.device(tf_device_name(device)):
    timings = {name: measure.time_call(fn, device=device,
                                       warmup=3, repeat=25, number=4)
               for name, fn in variants.items()}
    results = {name: float(fn()) for name, fn in variants.items()}
    print("TensorFlow ran on", forward_tf(*tf_args).device)
if compiling is not None:
    # the compiled function's real first call was the compiling one above
    timings["PyTorch torch.compile"] = measure.Timing(
        first=compiling.first, runs=timings["PyTorch torch.compile"].runs)
print("traces of the tf.function:",
      forward_tf_graph.experimental_get_tracing_count())

# %%
# A new input shape means a new trace
# -----------------------------------
# A ``tf.function`` keeps one graph per input signature.  Calling it with a
# different batch size traces again, and the first call pays again (what a
# trace captures, and how an input signature avoids retracing, is in
# :doc:`/tensorflow/variables-constants-placeholders`).
with tf.device(tf_device_name(device)):
    wider = rng.standard_normal((batch + 1, features), dtype=np.float32)
    other_args = (tf.constant(wider),) + tf_args[1:]
    retrace = measure.time_call(
        lambda: forward_tf_graph(*other_args).numpy(), warmup=1, repeat=5)
print(f"first call with batch {batch + 1}: "
      f"{measure.format_seconds(retrace.first)}; traces now: "
      f"{forward_tf_graph.experimental_get_tracing_count()}")

# %%
# All variants compute the same number
# ------------------------------------
# The ways of running the function must agree before their times mean
# anything: to float32 rounding on the CPU, and more loosely on an NVIDIA
# GPU, where TensorFlow multiplies float32 matrices in TensorFloat-32 by
# default.
for name, value in results.items():
    print(f"{name:22s} result {value:.6f}")
reference = results["TF eager"]
rtol = 1e-2 if device == "cuda" else 1e-4
assert all(np.isclose(value, reference, rtol=rtol, atol=1e-5)
           for value in results.values())

# %%
# First call against steady state
# -------------------------------
# The table and the plot show both numbers per variant, with the fastest and
# slowest timed run beside the median.  The ratio of the first call to the
# steady state says how many calls it takes before tracing or compiling pays
# off; the steady-state medians say how much each call saves afterwards.
# Neither is a constant: both depend on the machine, the size of the
# computation and the library versions printed at the top.
fmt = measure.format_seconds
eager = timings["TF eager"].median
print(f"{'variant':22s} {'first call':>10s} {'median':>9s} {'min':>9s} "
      f"{'max':>9s} {'speed vs TF eager':>18s}")
for name, t in timings.items():
    print(f"{name:22s} {fmt(t.first):>10s} {fmt(t.median):>9s} "
          f"{fmt(t.best):>9s} {fmt(t.worst):>9s} {eager / t.median:17.2f}x")

import matplotlib.pyplot as plt

names = list(timings)
fig, (top, bottom) = plt.subplots(2, 1, figsize=(5.5, 6.5),
                                  layout="constrained")
medians = [timings[n].median * 1e6 for n in names]
spread = [[(timings[n].median - timings[n].best) * 1e6 for n in names],
          [(timings[n].worst - timings[n].median) * 1e6 for n in names]]
top.barh(names, medians, xerr=spread, color="#6baed6", capsize=3)
top.set_xlabel("microseconds per call\n(median after warm-up)")
top.set_title(f"steady state on {device}")
top.invert_yaxis()
bottom.barh(names, [timings[n].first * 1e3 for n in names], color="#fd8d3c")
bottom.set_xscale("log")
bottom.set_xlabel("milliseconds, first call (log scale)")
bottom.set_title("first call: tracing and compiling")
bottom.invert_yaxis()
plt.show()

# %%
# Memory on the GPU
# -----------------
print(measure.memory_report(device))
