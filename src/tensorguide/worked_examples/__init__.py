"""Worked examples whose tables appear on the pages.

Each function performs its example (with NumPy, or with the framework the
chapter is about) and returns the rows of the step-by-step table as a
:class:`StepTable`.  A page shows the table by evaluating the function in a
code cell, and the tests assert the rows, so a table can never disagree with
its arithmetic.  One module per chapter.
"""

from .common_operations import add_reshape_matmul_sum
from .pytorch_vs_tensorflow import double_flatten_sum, tracing_log
from .table import Step, StepTable, show
from .what_are_tensors import reshape_add_sum

__all__ = [
    "Step",
    "StepTable",
    "show",
    "reshape_add_sum",
    "double_flatten_sum",
    "tracing_log",
    "add_reshape_matmul_sum",
]
