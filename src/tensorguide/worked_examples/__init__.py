"""Worked examples whose tables appear on the pages.

Each function performs its example (with NumPy, or with the framework the
chapter is about) and returns the rows of the step-by-step table as a
:class:`StepTable`.  A page shows the table by evaluating the function in a
code cell, and the tests assert the rows, so a table can never disagree with
its arithmetic.  One module per chapter.
"""

from .broadcasting import broadcast_row_add
from .creating_and_shaping import ViewCase, ViewCaseTable, reshape_steps, view_cases
from .indexing_and_slicing import slice_lengths, slice_then_multiply, views_and_copies
from .table import Step, StepTable, show
from .what_are_tensors import reshape_add_sum

__all__ = [
    "Step",
    "StepTable",
    "show",
    "reshape_add_sum",
    "broadcast_row_add",
    "slice_then_multiply",
    "slice_lengths",
    "views_and_copies",
    "reshape_steps",
    "ViewCase",
    "ViewCaseTable",
    "view_cases",
]
