"""The "verified with" stamp at the foot of every page.

It says which NumPy, PyTorch and TensorFlow the page's code ran with, on
which device, and when the site was built:

- for a page whose code cells tgdocs executed, the runtime that
  :mod:`tgdocs.pages` recorded when it executed them (kept in the execution
  cache with the outputs, so a page replayed from the cache still shows what
  it really ran with);
- for any other page, the runtime of this build.

The build date honours ``SOURCE_DATE_EPOCH`` and sits alone in a
``<time class="tg-build-date">`` element (:data:`DATE_CLASS`), which the
reproducible-build check strips; everything else in the stamp is a function
of the recorded runtime, so two builds of the same sources in the same
environment write the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
from html import escape

DATE_CLASS = "tg-build-date"
"""Class of the one element of a page that changes from build to build."""

FRAMEWORKS = (("numpy", "NumPy"), ("torch", "PyTorch"), ("tensorflow", "TensorFlow"))


def current_runtime() -> dict[str, str]:
    """The runtime of this process: framework versions (from package
    metadata), the device tensorguide picks, and the Python version."""
    from tensorguide import device

    versions = device.framework_versions()
    try:
        # "device: cpu (no CUDA or MPS device found) | python ... | ..."
        where = device.describe_runtime().split(" | ")[0].removeprefix("device: ")
    except Exception as exc:  # a bad TENSORGUIDE_DEVICE must not hide the stamp
        where = f"unknown ({type(exc).__name__}: {exc})"
    runtime = {name: versions.get(name) or "not installed" for name, _ in FRAMEWORKS}
    runtime["device"] = where
    runtime["python"] = platform.python_version()
    return runtime


def build_date(environ: dict[str, str] | None = None) -> _dt.date:
    """The build's date: ``SOURCE_DATE_EPOCH`` (UTC) when set, else today (UTC)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).date()
    return _dt.datetime.now(tz=_dt.timezone.utc).date()


def render(runtime: dict[str, str], date: _dt.date, executed: bool) -> str:
    """The stamp's HTML for a page that ran with ``runtime`` (see
    :func:`current_runtime`), built on ``date``; ``executed`` says whether the
    runtime is the one recorded when the page's code cells were executed."""
    names = [f"{label} {escape(runtime.get(name) or '?')}" for name, label in FRAMEWORKS]
    versions = ", ".join(names[:-1]) + " and " + names[-1]
    how = (
        "the code cells of this page were run with these"
        if executed
        else "the versions this page was built with"
    )
    return (
        f'<aside class="tg-stamp" id="tg-stamp" aria-label="Verified with" '
        f'data-tg-executed="{"true" if executed else "false"}"><p>'
        f"Verified with {versions} (Python {escape(runtime.get('python') or '?')}), "
        f"device {escape(runtime.get('device') or '?')}; {how}. "
        f'Built on <time class="{DATE_CLASS}" datetime="{date.isoformat()}">'
        f"{date.isoformat()}</time>.</p></aside>"
    )


def render_short(runtime: dict[str, str]) -> str:
    """The stamp's short form, for the top of the page: versions and device,
    linking to the full stamp at the foot."""
    versions = " · ".join(f"{label} {escape(runtime.get(name) or '?')}" for name, label in FRAMEWORKS)
    return (f'<a class="tg-stamp-short" href="#tg-stamp">Verified with {versions} on '
            f"{escape((runtime.get('device') or '?').split(' (')[0])}</a>")


_RUNTIMES = "tgdocs_page_runtimes"  # env attribute: docname -> runtime it executed with


def page_runtimes(env) -> dict[str, dict[str, str]]:
    """Runtimes that :mod:`tgdocs.pages` recorded, by docname (it also
    purges and merges them with its own records)."""
    if not hasattr(env, _RUNTIMES):
        setattr(env, _RUNTIMES, {})
    return getattr(env, _RUNTIMES)


_BUILD_RUNTIME = "tgdocs_build_runtime"  # env attribute: (key, runtime) of the last build


def _runtime_key() -> tuple:
    """What the build's runtime depends on, cheaply (no framework imported)."""
    from tensorguide import device

    return (
        tuple(sorted(device.framework_versions().items())),
        platform.python_version(),
        os.environ.get(device.ENV_VAR, ""),
    )


def remember_build_runtime(app, env) -> None:
    """Work out this build's runtime before the environment is saved, and
    keep it there: asking for the device imports PyTorch, which a no-op
    rebuild should not pay for."""
    key = _runtime_key()
    saved = getattr(env, _BUILD_RUNTIME, None)
    if saved is None or saved[0] != key:
        setattr(env, _BUILD_RUNTIME, (key, current_runtime()))


def _build_runtime(env) -> dict[str, str]:
    saved = getattr(env, _BUILD_RUNTIME, None)
    if saved is not None and saved[0] == _runtime_key():
        return saved[1]
    return current_runtime()


def _add_stamp(app, pagename, templatename, context, doctree):
    if not hasattr(app, "_tgdocs_build_runtime"):
        app._tgdocs_build_runtime = _build_runtime(app.env)
        app._tgdocs_build_date = build_date()
    recorded = page_runtimes(app.env).get(pagename)
    runtime = recorded or app._tgdocs_build_runtime
    context["tg_stamp"] = render(runtime, app._tgdocs_build_date, executed=recorded is not None)
    context["tg_stamp_short"] = render_short(runtime)


def setup(app) -> None:
    app.connect("env-updated", remember_build_runtime)
    app.connect("html-page-context", _add_stamp)
