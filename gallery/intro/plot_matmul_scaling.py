"""
How matrix multiplication time grows with size
==============================================

Multiplying two square matrices of size n by n takes n cubed multiply-adds
with the textbook algorithm, so doubling n should make it take eight times as
long.  This example times ``a @ b`` for a range of sizes on this machine,
and fits the exponent on a log-log scale to set beside the cubic count.

It supports the cubic cost stated in :doc:`/intro/what-are-tensors` and the
cost notes of :doc:`/intro/common-operations` and
:doc:`/tensorflow/key-differences`.
"""

# %%
# Where this runs
# ---------------
# Every gallery example starts by saying which device and versions it used.
import tensorguide

print(tensorguide.describe_runtime())

# %%
# Sizes, device and the timing protocol
# -------------------------------------
# The sizes are small enough for a laptop CPU; set
# ``TENSORGUIDE_GALLERY_SCALE`` to multiply them on bigger hardware.  Each
# size is timed with :func:`tensorguide.measure.time_call`: two warm-up calls,
# then the median of seven runs, with the device synchronised before every
# timer is read.  Small products are repeated within a run so that each run
# is long enough to time.
import torch

from tensorguide import measure

device = tensorguide.pick_device()
measure.reset_peak_memory(device)
scale = measure.gallery_scale()
sizes = [measure.scaled(n, scale, minimum=8)
         for n in (32, 48, 64, 96, 128, 192, 256, 384)]
print(f"device {device}, scale {scale:g}, sizes {sizes}")

fmt = measure.format_seconds
print(f"{'n':>5s} {'median':>9s} {'min':>9s} {'max':>9s} {'first call':>11s} "
      f"{'GFLOP/s':>8s}")
timings = []
for n in sizes:
    a = torch.randn(n, n, device=device)
    b = torch.randn(n, n, device=device)
    assert (a @ b).shape == tensorguide.matmul_shape(a.shape, b.shape)
    timing = measure.time_call(lambda: a @ b, device=device, warmup=2,
                               repeat=7, number=max(1, (256 // n) ** 2))
    timings.append(timing)
    gflops = 2 * n**3 / timing.median / 1e9
    print(f"{n:5d} {fmt(timing.median):>9s} {fmt(timing.best):>9s} "
          f"{fmt(timing.worst):>9s} {fmt(timing.first):>11s} {gflops:8.1f}")

# %%
# Fitting the exponent
# --------------------
# If :math:`t = c\,n^k`, then :math:`\log t = \log c + k \log n`: a straight
# line whose slope is the exponent :math:`k`.  The fit over all sizes and the
# fit over the larger half are printed; small products are dominated by
# fixed costs (calling into the library, launching kernels), which pull the
# slope below 3.
medians = [t.median for t in timings]
exponent, prefactor = measure.fit_power_law(sizes, medians)
half = len(sizes) // 2
large_exponent, _ = measure.fit_power_law(sizes[half:], medians[half:])
print(f"fitted exponent, all sizes:    {exponent:.2f}")
print(f"fitted exponent, larger half:  {large_exponent:.2f}")
print("exponent the O(n^3) claim predicts: 3")

# %%
# The picture
# -----------
# Top: measured medians (bars from the fastest to the slowest run), the
# fitted line, and an :math:`n^3` line through the largest size.  Bottom: the
# arithmetic rate, :math:`2n^3` floating-point operations per second; where
# it still rises, the fixed costs have not yet been amortised.
import matplotlib.pyplot as plt

fig, (top, bottom) = plt.subplots(2, 1, figsize=(5.5, 7.5),
                                  layout="constrained")
_, spread = measure.error_bars(timings)
top.errorbar(sizes, medians, yerr=spread, fmt="o", capsize=3,
             label="measured median")
top.plot(sizes, [prefactor * n**exponent for n in sizes], "-",
         label=f"least-squares fit: n^{exponent:.2f}")
top.plot(sizes, [medians[-1] * (n / sizes[-1]) ** 3 for n in sizes], "--",
         label="n^3 through the largest size")
top.set_xscale("log")
top.set_yscale("log")
top.set_xlabel("n (matrices are n x n)")
top.set_ylabel("seconds per product")
top.set_title(f"a @ b on {device}")
top.legend()

bottom.plot(sizes, [2 * n**3 / m / 1e9 for n, m in zip(sizes, medians)], "o-")
bottom.set_xscale("log")
for ax in (top, bottom):
    ax.set_xticks(sizes, [str(n) for n in sizes])
    ax.minorticks_off()
bottom.set_xlabel("n")
bottom.set_ylabel("GFLOP/s")
bottom.set_title("arithmetic rate")
plt.show()

# %%
# Reading the result
# ------------------
# The exponent measured here is the one to quote for this machine and this
# range of sizes.  On large matrices optimised libraries come close to 3;
# over small sizes the exponent is lower because part of the cost does not
# grow with :math:`n` at all.  The complexity claim counts operations, not
# seconds.
print(measure.memory_report(device))
