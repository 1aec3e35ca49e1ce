"""``import tensorguide`` imports neither PyTorch nor TensorFlow."""

import subprocess
import sys

from .harness import child_env


def test_import_tensorguide_imports_no_framework():
    code = (
        "import sys, tensorguide, tensorguide.cli, tensorguide.crosscheck, tensorguide.adapters\n"
        "print(sorted(m for m in ('torch', 'tensorflow', 'keras') if m in sys.modules))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=child_env()
    )
    assert completed.stdout.strip() == "[]"
