"""Values and names in prose, tied to code.

- ``{tg}`expr``` evaluates a Python expression when the page is read and
  shows ``str()`` of its value as inline code, so a shape, dtype or count in
  a sentence is computed, not typed.  The names ``np``, ``torch``, ``tf``
  and ``tg`` (tensorguide) are imported on first use.
- ``{absent}`name``` shows an API name the page says does not exist; the
  build fails if it does exist in the installed versions.

``resolve`` is also what ``tests/prose.py`` uses to check every API name
written in prose, tables and code comments.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOTS = {"np": "numpy", "numpy": "numpy", "torch": "torch", "tf": "tensorflow",
         "tensorflow": "tensorflow", "keras": "keras", "tg": "tensorguide",
         "tensorguide": "tensorguide"}
"""The abbreviations a page may start a dotted name with, and their modules."""


def resolve(name: str):
    """The object a dotted name such as ``torch.nn.functional.relu`` names.

    Raises ``LookupError`` saying which part is missing.
    """
    root, *parts = name.split(".")
    module = ROOTS.get(root, root)
    obj = importlib.import_module(module)
    for i, part in enumerate(parts):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            try:  # a submodule that its parent does not import
                obj = importlib.import_module(".".join([module, *parts[: i + 1]]))
            except ImportError:
                raise LookupError(f"{name!r}: {'.'.join([root, *parts[:i]])} has no "
                                  f"attribute {part!r}") from None
    return obj


class _Names(dict):
    def __missing__(self, key):
        if hasattr(builtins, key):  # KeyError: eval then finds int, len, ...
            raise KeyError(key)
        if key not in ROOTS:
            raise NameError(f"name {key!r} is not defined (a {{tg}} expression may use "
                            f"{', '.join(sorted(ROOTS))})")
        self[key] = importlib.import_module(ROOTS[key])
        if ROOTS[key] == "tensorguide":  # so a value can come from a worked example's module
            importlib.import_module("tensorguide.worked_examples")
        return self[key]


def evaluate(expression: str):
    """The value of a ``{tg}`` expression, and the files it read from tensorguide."""
    value = eval(compile(expression, "<tg role>", "eval"), {}, _Names())  # noqa: S307
    files = set()
    for node in ast.walk(ast.parse(expression, mode="eval")):
        chain = ast.unparse(node) if isinstance(node, ast.Attribute) else ""
        if ROOTS.get(chain.split(".")[0]) == "tensorguide" and chain.replace(".", "").isidentifier():
            try:  # the file of each tensorguide name used: tg.worked_examples.x.f -> x.py
                files.add(inspect.getsourcefile(resolve(chain)))
            except TypeError:  # a constant, not a function, class or module: no file
                pass
    return value, files - {None}


def tg_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    env = inliner.document.settings.env
    try:
        value, files = evaluate(text)
    except Exception as exc:  # the page shows nothing it could not compute
        logger.warning("{tg}`%s` raised %s: %s", text, type(exc).__name__, exc,
                       location=(env.docname, lineno))
        return [nodes.literal(rawtext, text)], []
    for path in sorted(files):
        env.note_dependency(path)
    return [nodes.literal(rawtext, str(value), classes=["tg-value"])], []


def absent_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    env = inliner.document.settings.env
    try:
        resolve(text)
    except (LookupError, ImportError):
        pass
    else:
        logger.warning("{absent}`%s` exists: the page says it does not", text,
                       location=(env.docname, lineno))
    return [nodes.literal(rawtext, text, classes=["tg-absent"])], []


def setup(app) -> None:
    app.add_role("tg", tg_role)
    app.add_role("absent", absent_role)
