"""Checks that hold the prose of a page to its code.

A page is read line by line into prose, code, shown output and code
comments, section by section (``##`` and ``###`` headings: a gotcha is its own section).  Then:

1. every API name written in prose, tables, inline code and code comments
   (``torch.…``, ``tf.…``, ``np.…``, ``keras.…``, ``tensorguide.…``,
   ``Tensor.expand``, `` `.contiguous()` ``) resolves in the installed
   versions, and every ``{absent}`` name does not;
2. every shape or list of integers written in prose or a table, such as
   ``(3, 4)`` or ``[2, 3, 4]``, and every dtype named there, appears in the
   code or shown output of the same section, in a worked example's output
   or in a ``{tg}`` value (chapters only; a figure's caption is prose);
3. a sum or product written out in prose (``4 + 12 + 24 = 40``) is right;
4. a code comment states no shape, dtype, view, copy or number (other than
   a written-out calculation, checked as in 3): those are shown as outputs,
   where the tests check them.

``problems(path)`` returns one line per failure, naming the page and line.
"""

from __future__ import annotations

import contextlib
import importlib
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tgdocs.claims import evaluate, resolve
from tgdocs.site import DOCS, is_chapter
from tgdocs.worked_example import run

API = re.compile(r"(?<![\w.-])(?:np|numpy|torch|tf|tensorflow|keras|tensorguide)(?:\.[A-Za-z_]\w*)+")
OWNERS = {"Tensor": ("torch.Tensor", "tf.Tensor"), "ndarray": ("np.ndarray",),
          "Variable": ("tf.Variable",), "Parameter": ("torch.nn.Parameter",),
          "Module": ("torch.nn.Module",), "Size": ("torch.Size",),
          "GradientTape": ("tf.GradientTape",)}
OWNED = re.compile(r"(?<![\w.])(" + "|".join(OWNERS) + r")\.([A-Za-z_]\w*)")
METHOD = re.compile(r"`\.([A-Za-z_]\w*)\([^`]*\)`")
METHOD_OWNERS = {"intro": ("np.ndarray", "torch.Tensor", "tf.Tensor", "tf.Variable"),
                 "pytorch": ("torch.Tensor",), "tensorflow": ("tf.Tensor", "tf.Variable")}
INTS = re.compile(r"[(\[]\s*-?\d+\s*,(?:\s*-?\d+\s*,?)*\s*[)\]]")
DTYPE = re.compile(r"\b(?:b?float(?:16|32|64)|u?int(?:8|16|32|64)|complex(?:64|128))\b")
SUM = re.compile(r"(?<![\w.\[(*+/-])(\d+(?:\.\d+)?(?:\s*[-+*/]\s*\d+(?:\.\d+)?)+)\s*=\s*(\d+(?:\.\d+)?)(?!\w|\.\d)")
CLAIM_IN_COMMENT = re.compile(r"\b(views?|cop(?:y|ies)|shares?|same memory)\b|"
                              + DTYPE.pattern + "|" + INTS.pattern)
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w]|\.\d)")
NOT_A_CLAIM = re.compile(r"^\s*(?:#+ |\d+\. |\(\w[\w-]*\)=)|(?<![\w.])(?:1[89]|20)\d\d(?![\w.])|"
                         r"https?://\S+|[\w.-]+/[\w.-]+#\d+|"  # links and issue numbers
                         r"(?:NumPy|PyTorch|TensorFlow|Python|Keras|CUDA|JAX|Theano|Torch|TH|Fortran) ?\d+(?:\.\d+)*|\b\d+\.x\b|"
                         r"\bsize[ -]1\b")  # "an axis of size 1" is the rules' term
VERSION = re.compile(r"\b(NumPy|PyTorch|TensorFlow|Keras|Python) (\d+(?:\.\d+)?)(?![\w.]*\d)")
MODULES = {"NumPy": "numpy", "PyTorch": "torch", "TensorFlow": "tensorflow", "Keras": "keras"}
ANY_INTS = re.compile(r"[(\[]\s*-?\d+(?:\s*,\s*-?\d+)*\s*,?\s*[)\]]")
MATH = re.compile(r"\$([^$]+)\$")
LATEX = {r"\cdot": "*", r"\times": "*", "×": "*", "·": "*", "−": "-", "{": "(", "}": ")", "^": "**"}
TALLY: Counter = Counter()
"""What the checks looked at, by kind (printed by ``python -m tests.prose``)."""
ROLE = re.compile(r"\{(tg|absent)\}`([^`]*)`")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(\{[\w-]+\})?\s*(\w*)")


@dataclass
class Section:
    prose: list[tuple[int, str]] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    worked: list[str] = field(default_factory=list)


def read(text: str) -> list[Section]:
    """The page's sections, each split into prose, comments and anchors."""
    sections = [Section()]
    fence = kind = doctest = None
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE.match(line)
        if fence is None and match:
            fence, directive, language = match.groups()
            kind = "worked" if directive in ("{code-cell}", "{worked-example}") else (
                "python" if language == "python" and not directive else
                "caption" if directive == "{drawing}" else "other")
            doctest = None
            if kind == "worked":
                sections[-1].worked.append("")
            sections[-1].anchors.append(line)
        elif fence is not None:
            if line.strip() == fence:
                fence = None
                continue
            if kind == "caption":  # a figure's caption is prose, checked like prose
                sections[-1].prose.append((number, line))
                continue
            sections[-1].anchors.append(line)
            code = line.strip()
            if kind == "worked":
                sections[-1].worked[-1] += line + "\n"
            if doctest is None and code:
                doctest = code.startswith(">>>")
            is_code = kind != "other" and (not doctest or code.startswith((">>>", "...")))
            comment = re.search(r"(?:^|\s)#\s(.*)$", line) if is_code else None
            if comment:
                sections[-1].comments.append((number, comment.group(1)))
        else:
            if line.startswith(("## ", "### ")):
                sections.append(Section())
            sections[-1].prose.append((number, line))
    return sections


def _worked_output(code: str) -> str:
    """What a worked example shows: its value's table, run as the build runs it."""
    code = "\n".join(line for line in code.splitlines() if not re.match(r"\s*:[\w-]+:", line))
    return run(code, "<worked example>", 1)[1]._repr_markdown_()  # the directive's options dropped


def _ints(text: str, pattern: re.Pattern = INTS) -> set[tuple[int, ...]]:
    return {tuple(int(n) for n in re.findall(r"-?\d+", m)) for m in pattern.findall(text)}


def problems(path: Path, text: str | None = None) -> list[str]:
    """What is wrong on the page at ``path`` (read from disk unless ``text``
    is given: the mutation check's census passes a mutated copy)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    docname = path.relative_to(DOCS).with_suffix("").as_posix()
    part = docname.split("/")[0]
    where = path.relative_to(DOCS.parent).as_posix()
    found = []
    for section in read(text):
        tg_values = []
        for number, line in section.prose + section.comments:
            for role, content in ROLE.findall(line):
                TALLY[f"{{{role}}} roles"] += 1
                if role == "absent":
                    with contextlib.suppress(LookupError, ImportError):
                        resolve(content)
                        found.append(f"{where}:{number}: {{absent}}`{content}` exists")
                else:
                    tg_values.append(str(evaluate(content)))
            plain = ROLE.sub("", line)
            TALLY["API names"] += len(API.findall(plain)) + len(OWNED.findall(plain)) \
                + len(METHOD.findall(plain))
            for name in API.findall(plain):
                found += _unresolved(name, f"{where}:{number}")
            for owner, attribute in OWNED.findall(plain):
                candidates = [f"{o}.{attribute}" for o in OWNERS[owner]]
                if all(_unresolved(c, "") for c in candidates):
                    found.append(f"{where}:{number}: {owner}.{attribute}: no "
                                 f"{' or '.join(candidates)}")
            for method in METHOD.findall(plain):
                candidates = [f"{o}.{method}" for o in METHOD_OWNERS.get(part, METHOD_OWNERS["intro"])]
                if all(_unresolved(c, "") for c in candidates):
                    found.append(f"{where}:{number}: .{method}(): no {' or '.join(candidates)}")
        if not is_chapter(docname):
            continue
        TALLY["code comments"] += len(section.comments)
        for number, comment in section.comments:
            claim = CLAIM_IN_COMMENT.search(comment)
            if claim:
                found.append(f"{where}:{number}: the comment {comment!r} states "
                             f"{claim.group(0)!r}: show it as an output instead")
            # a number in a comment sits beside code that holds the same small
            # numbers, so no anchor can tell it from its neighbour: only a
            # written-out calculation, which is evaluated, may state one
            checked, wrong = _equations(comment)
            found += [f"{where}:{number}: {w}" for w in wrong]
            for value in NUMBER.findall(NOT_A_CLAIM.sub("", checked)):
                found.append(f"{where}:{number}: the comment {comment!r} states the number "
                             f"{value}: show it as an output, or drop it")
        anchors = "\n".join(section.anchors + tg_values
                            + [_worked_output(code) for code in section.worked])
        # in code and output a one-element shape may be written [3] (torch.Size([3]))
        anchored, numbers = _ints(anchors, ANY_INTS), set(NUMBER.findall(anchors))
        for number, line in section.prose:
            plain, here = ROLE.sub("", line), f"{where}:{number}"
            TALLY["shapes and lists"] += len(_ints(plain))
            TALLY["dtypes"] += len(DTYPE.findall(plain))
            for ints in sorted(_ints(plain) - anchored):
                found.append(f"{here}: {ints} is in no code, output or {{tg}} value of its section")
            for dtype in DTYPE.findall(plain):
                if not re.search(rf"\b{dtype}\b", anchors):
                    found.append(f"{here}: {dtype} is in no code or output of its section")
            checked, wrong = _equations(plain)
            found += [f"{here}: {w}" for w in wrong]
            found += [f"{here}: {w}" for w in _future_versions(plain)]
            TALLY["calculations"] += len(MATH.findall(plain)) + len(SUM.findall(plain)) \
                - len(MATH.findall(checked)) - len(SUM.findall(checked))
            rest = NOT_A_CLAIM.sub("", INTS.sub("", checked))
            TALLY["numbers"] += len(NUMBER.findall(rest))
            for value in NUMBER.findall(rest):
                if value not in numbers:
                    found.append(f"{here}: {value} is in no code, output or {{tg}} value of "
                                 "its section")
    return found


def _equations(line: str) -> tuple[str, list[str]]:
    """Check every written-out calculation: ``4 + 12 = 16`` in prose, and each
    ``$...$`` whose sides are numbers.  Returns the line without the checked
    calculations, and what is wrong."""
    wrong = []

    def check(sides: list[str], text: str) -> str:
        values = []
        for side in sides:
            for latex, python in LATEX.items():
                side = side.replace(latex, python)
            side = re.sub(r"\\frac\((.+?)\)\((.+?)\)", r"(\1)/(\2)", side)
            side = re.sub(r"(?<=[\d)])\s*(?=\()", "*", side)  # 2 (7 - 10): a product
            if re.fullmatch(r"[\d\s.+\-*/()]+", side):
                with contextlib.suppress(SyntaxError, ZeroDivisionError):
                    values.append((side.strip(), eval(side)))  # noqa: S307 (digits, + - * / only)
        if len(values) < 2:
            return text
        for side, value in values[1:]:
            # a result written with d decimals may be rounded to d decimals;
            # one written as a whole number (or a calculation) must be exact
            decimals = len(side.partition(".")[2]) if re.fullmatch(r"-?\d+\.\d+", side) else None
            if abs(value - values[0][1]) > (1e-9 if decimals is None else 0.51 * 10 ** -decimals):
                wrong.append(f"{values[0][0]} = {values[0][1]:g}, not {side}")
        return ""

    line = MATH.sub(lambda m: check(m.group(1).split("="), m.group(0)), line)
    line = SUM.sub(lambda m: check([m.group(1), m.group(2)], m.group(0)), line)
    return line, wrong


def _future_versions(line: str) -> list[str]:
    """A version named in prose (``TensorFlow 2``, ``PyTorch 2.0``) is not
    newer than the one installed: a release the page cannot have run."""
    wrong = []
    for library, version in VERSION.findall(line):
        installed = (".".join(map(str, sys.version_info[:2])) if library == "Python"
                     else importlib.import_module(MODULES[library]).__version__)
        have = tuple(int(n) for n in re.findall(r"\d+", installed)[:2])
        said = tuple(int(n) for n in version.split("."))
        if said > have[:len(said)]:
            wrong.append(f"{library} {version} is newer than the installed {installed}")
    return wrong


def _unresolved(name: str, where: str) -> list[str]:
    try:
        resolve(name)
    except (LookupError, ImportError) as exc:
        return [f"{where}: {exc}"]
    return []


if __name__ == "__main__":
    from tgdocs.site import pages

    failures = sum(len(problems(page)) for page in pages())
    for kind, count in sorted(TALLY.items()):
        print(f"{count:6d}  {kind}")
    print(f"{failures:6d}  problems")
