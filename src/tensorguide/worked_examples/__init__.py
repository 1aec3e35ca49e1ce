"""Worked examples whose tables appear on the pages.

Each function performs its example (with NumPy, or with the framework the
chapter is about) and returns the rows of the step-by-step table as a
:class:`~tensorguide.worked_examples.table.Table` of
:class:`~tensorguide.worked_examples.table.Step` rows.  A page shows the table by evaluating the function in a
code cell, and the tests assert the rows, so a table can never disagree with
its arithmetic.  One module per chapter.
"""

from .broadcasting import broadcast_row_add
from .common_operations import add_reshape_matmul_sum
from .creating_and_shaping import ViewCase, reshape_steps, view_cases
from .indexing_and_slicing import formula_length, slice_lengths, slice_then_multiply, views_and_copies
from .key_differences import WALKTHROUGH_A, WALKTHROUGH_B, matmul_walkthrough
from .ops_for_models import INPUTS, mse_sgd_step, sgd_updates
from .pytorch_vs_tensorflow import double_flatten_sum, tracing_log
from .table import Step, Table, show
from .variables_constants_placeholders import variable_update_walkthrough
from .what_are_tensors import reshape_add_sum

__all__ = [
    "broadcast_row_add",
    "add_reshape_matmul_sum",
    "reshape_steps",
    "ViewCase",
    "view_cases",
    "Table",
    "slice_then_multiply",
    "slice_lengths",
    "formula_length",
    "views_and_copies",
    "WALKTHROUGH_A",
    "WALKTHROUGH_B",
    "matmul_walkthrough",
    "INPUTS",
    "mse_sgd_step",
    "sgd_updates",
    "double_flatten_sum",
    "tracing_log",
    "Step",
    "show",
    "variable_update_walkthrough",
    "reshape_add_sum",
]
