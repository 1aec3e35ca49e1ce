"""Values and names in prose, tied to code.

- ``{tg}`expr``` evaluates a Python expression when the page is read and shows
  ``str()`` of its value as inline code: a shape, dtype or count in a sentence
  is computed, not typed.  ``np``, ``torch``, ``tf``, ``keras`` and ``tg``
  (tensorguide) are imported on first use; the tensorguide modules named
  become the page's dependencies.
- ``{absent}`name``` shows an API name the page says does not exist; the
  build fails if it exists.  (``tests/prose.py`` resolves every other name.)
"""

from __future__ import annotations

import builtins
import importlib
import re

from docutils import nodes
from sphinx.util import logging

from .worked_example import module_files

logger = logging.getLogger(__name__)
ROOTS = {"np": "numpy", "numpy": "numpy", "torch": "torch", "tf": "tensorflow",
         "tensorflow": "tensorflow", "keras": "keras", "tg": "tensorguide",
         "tensorguide": "tensorguide"}
"""The names a dotted API name or a ``{tg}`` expression may start with."""


def resolve(name: str):
    """The object a dotted name names; ``LookupError`` says which part is missing."""
    root, *parts = name.split(".")
    obj = importlib.import_module(ROOTS.get(root, root))
    for i, part in enumerate(parts):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            try:  # a submodule that its parent does not import
                obj = importlib.import_module(".".join([ROOTS.get(root, root), *parts[: i + 1]]))
            except ImportError:
                raise LookupError(f"{name!r}: {'.'.join([root, *parts[:i]])} has no "
                                  f"attribute {part!r}") from None
    return obj


class _Names(dict):
    def __missing__(self, key):
        if hasattr(builtins, key) or key not in ROOTS:  # KeyError: eval tries builtins next
            raise KeyError(key)
        self[key] = importlib.import_module(ROOTS[key])
        importlib.import_module("tensorguide.worked_examples")  # tg.worked_examples.x.f
        return self[key]


def evaluate(expression: str):
    """The value of a ``{tg}`` expression."""
    return eval(compile(expression, "<tg role>", "eval"), {}, _Names())  # noqa: S307


def tg_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    env = inliner.document.settings.env
    try:
        value = evaluate(text)
    except Exception as exc:  # the page shows nothing it could not compute
        logger.warning("{tg}`%s` raised %s: %s", text, type(exc).__name__, exc,
                       location=(env.docname, lineno))
        return [nodes.literal(rawtext, text)], []
    used = re.findall(r"\b(?:tg|tensorguide)((?:\.\w+)+)", text)
    for path in sorted(module_files(["tensorguide" + chain for chain in used])):
        env.note_dependency(path)
    return [nodes.literal(rawtext, str(value), classes=["tg-value"])], []


def absent_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    try:
        resolve(text)
    except (LookupError, ImportError):
        pass
    else:
        logger.warning("{absent}`%s` exists: the page says it does not", text,
                       location=(inliner.document.settings.env.docname, lineno))
    return [nodes.literal(rawtext, text, classes=["tg-absent"])], []


def setup(app) -> None:
    app.add_role("tg", tg_role)
    app.add_role("absent", absent_role)
