"""The "verified with" stamp, short at the top of every page and full at its foot:
the build's NumPy, PyTorch, TensorFlow, device, Python and date (``SOURCE_DATE_EPOCH``
when set; alone in ``<time class="tg-build-date">``, the one part that changes
between builds).  The versions are a config value, so new ones re-read every page
and re-run its worked examples: a page with one says they ran with these."""

from __future__ import annotations

import datetime as _dt
import os
import platform
from html import escape

from docutils import nodes
from tensorguide import device

DATE_CLASS = "tg-build-date"
FRAMEWORKS = (("numpy", "NumPy"), ("torch", "PyTorch"), ("tensorflow", "TensorFlow"))


def current_runtime() -> dict[str, str]:
    """Framework versions, the device tensorguide picks, and Python's version."""
    try:  # "device: cpu (no CUDA or MPS device found) | python ... | ..."
        where = device.describe_runtime().split(" | ")[0].removeprefix("device: ")
    except Exception as exc:  # a bad TENSORGUIDE_DEVICE must not hide the stamp
        where = f"unknown ({type(exc).__name__}: {exc})"
    versions = device.framework_versions()
    return {**{name: versions.get(name) or "not installed" for name, _ in FRAMEWORKS},
            "device": where, "python": platform.python_version()}


def build_date(environ: dict[str, str] | None = None) -> _dt.date:
    """``SOURCE_DATE_EPOCH`` (UTC) when set, else today (UTC)."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH")
    return _dt.datetime.fromtimestamp(int(epoch) if epoch else _dt.datetime.now().timestamp(),
                                      _dt.timezone.utc).date()


def render(runtime: dict[str, str], date: _dt.date, executed: bool) -> str:
    """The full stamp; ``executed``: the page's worked examples ran with ``runtime``."""
    names = [f"{label} {escape(runtime.get(name) or '?')}" for name, label in FRAMEWORKS]
    how = "the code cells of this page were run with these" if executed else "the versions this page was built with"
    return (f'<aside class="tg-stamp" id="tg-stamp" aria-label="Verified with" data-tg-executed='
            f'"{str(executed).lower()}"><p>Verified with {", ".join(names[:-1])} and {names[-1]} (Python '
            f"{escape(runtime.get('python') or '?')}), device {escape(runtime.get('device') or '?')}; {how}. "
            f'Built on <time class="{DATE_CLASS}" datetime="{date}">{date}</time>.</p></aside>')


def _remember_runtime(app, env) -> None:
    # finding the device imports PyTorch: once per environment, not on each no-op rebuild
    if getattr(env, "tgdocs_runtime", (None,))[0] != app.config.tgdocs_runtime_key:
        env.tgdocs_runtime = (app.config.tgdocs_runtime_key, current_runtime())


def _add_stamp(app, pagename, templatename, context, doctree):
    runtime = app.env.tgdocs_runtime[1]
    executed = doctree is not None and any(
        node.get("nb_element") == "cell_code_output" for node in doctree.findall(nodes.container))
    context["tg_stamp"] = render(runtime, build_date(), executed)
    versions = " · ".join(f"{label} {escape(runtime.get(name) or '?')}" for name, label in FRAMEWORKS)
    context["tg_stamp_short"] = (f'<a class="tg-stamp-short" href="#tg-stamp">Verified with {versions} on '
                                 f"{escape((runtime.get('device') or '?').split(' (')[0])}</a>")


def setup(app) -> None:
    # what the runtime depends on, from package metadata (nothing imported)
    key = (tuple(sorted(device.framework_versions().items())), platform.python_version(),
           os.environ.get(device.ENV_VAR, ""))
    app.add_config_value("tgdocs_runtime_key", key, "env")
    app.connect("env-updated", _remember_runtime)
    app.connect("html-page-context", _add_stamp)
