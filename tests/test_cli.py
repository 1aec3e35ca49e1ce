"""The command line: explanations, exit statuses, error messages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tensorguide.cli import main

from .harness import child_env


def run_module(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tensorguide", *args],
        capture_output=True, text=True, env=child_env(), timeout=120,
    )


@pytest.mark.slow  # a new interpreter
def test_broadcast_prints_the_aligned_explanation():
    completed = run_module("broadcast", "8,1,6,1", "7,1,5")
    assert completed.returncode == 0
    assert completed.stdout.splitlines() == [
        "axis     -4  -3  -2  -1",
        "input 0   8   1   6   1",
        "input 1   -   7   1   5",
        "result    8   7   6   5",
        "input 0 (8, 1, 6, 1): axis -3 stretched 1 -> 7, axis -1 stretched 1 -> 5",
        "input 1 (7, 1, 5): axis -4 added (size 8), axis -2 stretched 1 -> 6",
        "result: (8, 7, 6, 5)",
    ]


@pytest.mark.slow  # a new interpreter
def test_impossible_broadcast_exits_non_zero_naming_the_axis():
    completed = run_module("broadcast", "2,3", "4,5")
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.strip() == (
        "tensorguide broadcast: error: cannot broadcast (2, 3) with (4, 5): axis -1 has 3 vs 5"
    )


@pytest.mark.parametrize(
    "args, last_line",
    [
        (["reshape", "2,3,4", "-1,4"], "result: (6, 4)"),
        (["matmul", "2,1,3,4", "5,4,6"], "result: (2, 5, 3, 6)"),
        (["matmul", "4", "4"], "result: ()"),
        (["broadcast", "()", "3,1"], "result: (3, 1)"),
    ],
    ids=["reshape", "matmul-batched", "matmul-dot", "broadcast-scalar"],
)
def test_commands_in_process(capsys, args, last_line):
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[-1] == last_line


@pytest.mark.parametrize(
    "args, message",
    [
        (["reshape", "2,3", "4,2"], "cannot reshape (2, 3) (6 elements) into (4, 2) (8 elements)"),
        (["matmul", "3,4", "5,6"], "axis -1 of the first has 4 but axis -2 of the second has 5"),
        (["reshape", "2,3", "-1,-1"], "only one size can be inferred"),
    ],
    ids=["reshape-count", "matmul-inner", "two-unknowns"],
)
def test_impossible_shapes_exit_1_with_the_message(capsys, args, message):
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err


@pytest.mark.parametrize("args", [["broadcast", "2,x"], [], ["frobnicate"]], ids=["bad-shape", "no-command", "unknown"])
def test_malformed_command_lines_exit_2(capsys, args):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2


@pytest.mark.slow  # a new interpreter
def test_device_command_prints_the_runtime_line():
    completed = run_module("device")
    assert completed.returncode == 0
    assert completed.stdout.startswith("device: ")


def test_console_script_is_declared():
    from importlib.metadata import entry_points

    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts.get("tensorguide") == "tensorguide.cli:main"
