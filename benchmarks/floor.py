"""Execute, in this one process, all the code the site build must run.

That is every code cell of every page (each page in its own namespace, as
the build runs them) and every gallery script.  Frameworks are imported
once.  Prints the elapsed seconds as the last line.  Used by build.py to
measure the floor that a build cannot beat.
"""

from __future__ import annotations

import os
import runpy
import sys
import time
from pathlib import Path

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "docs" / "_ext")]
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("MPLBACKEND", "Agg")

from tgdocs import site, state  # noqa: E402
from tgdocs.blocks import code_blocks  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    state.quiet_tensorflow_import()
    pages = site.pages()
    cells = 0
    for page in pages:
        namespace = {"__name__": "__main__"}
        state.reset()
        for block in code_blocks(page):
            if block.form == "directive:code-cell":
                exec(compile(block.source, str(page), "exec"), namespace)
                cells += 1
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scripts = site.gallery_examples()
    for script in scripts:
        state.reset()
        runpy.run_path(str(script), run_name="__main__")
        plt.close("all")
    elapsed = time.perf_counter() - started
    print(f"{cells} code cells on {len(pages)} pages, {len(scripts)} gallery scripts")
    print(f"{elapsed:.3f}")


if __name__ == "__main__":
    main()
