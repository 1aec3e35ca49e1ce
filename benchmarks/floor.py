"""Run, in this one process, all the code the site build must run: every
worked example (each in a namespace of its own, as the build runs them) and
every gallery script, each framework imported once.  Prints the elapsed
seconds as the last line.  build.py adds a build that runs none of it to get
the floor a build cannot beat.
"""

from __future__ import annotations

import os
import runpy
import sys
import time
from pathlib import Path

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "docs" / "_ext")]
os.environ.setdefault("MPLBACKEND", "Agg")

import tgdocs  # noqa: E402,F401  quiets TensorFlow, as in the build
from tgdocs import site  # noqa: E402
from tgdocs.blocks import code_blocks  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    examples = [block for page in site.pages() for block in code_blocks(page)
                if block.form == "directive:worked-example"]
    for block in examples:
        exec(compile(block.source, str(block.path), "exec"), {"__name__": "__main__"})
    import matplotlib.pyplot as plt

    scripts = sorted((ROOT / "gallery").rglob("plot_*.py"))
    for script in scripts:
        runpy.run_path(str(script), run_name="__main__")
        plt.close("all")
    elapsed = time.perf_counter() - started
    print(f"{len(examples)} worked examples, {len(scripts)} gallery scripts")
    print(f"{elapsed:.3f}")


if __name__ == "__main__":
    main()
