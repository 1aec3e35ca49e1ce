"""Worked examples of the chapter "Creating tensors and manipulating shapes in PyTorch".

Both run real PyTorch tensors on the CPU (the layouts do not depend on the
device) and report what PyTorch did next to what
:mod:`tensorguide.reshape` and :mod:`tensorguide.strides` predict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..reshape import can_view
from .table import Step, Table

__all__ = ["reshape_steps", "ViewCase", "view_cases", "gradient_and_memory"]


def reshape_steps() -> Table:
    """Create a tensor from a list, reshape, permute, add a batch axis, convert.

    The worked example of the chapter: each row gives the shape and strides
    PyTorch reports, the dtype where it changes, whether the result is
    contiguous, and whether it still uses the storage of step 1 ("shared")
    or new storage ("a copy").

    Examples
    --------
    >>> [step.result for step in reshape_steps()][2]  # the swap copies nothing
    '(3, 2), strides (1, 3), not contiguous; shared'
    """
    import torch

    data = [1, 2, 3, 4, 5, 6]
    created = torch.tensor(data)
    base = created.untyped_storage().data_ptr()

    def result(tensor, show_dtype: bool = False) -> str:
        shared = tensor.untyped_storage().data_ptr() == base
        dtype = f", {str(tensor.dtype).replace('torch.', '')}" if show_dtype else ""
        contiguous = "contiguous" if tensor.is_contiguous() else "not contiguous"
        return (f"{tuple(tensor.shape)}, strides {tensor.stride()}{dtype}, {contiguous}; "
                f"{'shared' if shared else 'a copy'}")

    reshaped = created.reshape(2, 3)
    permuted = reshaped.permute(1, 0)
    batched = permuted.unsqueeze(0)
    converted = batched.to(torch.float32)
    flat = converted.reshape(-1)
    return Table(Step.COLUMNS, 
        [
            Step(1, "Create from a list of six integers",
                 f"t = torch.tensor({data})", result(created, show_dtype=True)),
            Step(2, "Reshape to (2, 3): 2 x 3 = 6 elements",
                 "r = t.reshape(2, 3)", result(reshaped)),
            Step(3, "Swap the two axes", "p = r.permute(1, 0)", result(permuted)),
            Step(4, "Add a batch axis in front", "b = p.unsqueeze(0)", result(batched)),
            Step(5, "Convert int64 to float32", "f = b.to(torch.float32)",
                 result(converted, show_dtype=True)),
            Step(6, "Flatten: view(-1) raises here, reshape(-1) copies",
                 "f.reshape(-1)", result(flat)),
        ]
    )


@dataclass(frozen=True)
class ViewCase:
    """One layout, one target shape, and what both tensorguide and PyTorch say."""

    name: str
    code: str
    shape: tuple[int, ...]
    strides: tuple[int, ...]
    target: tuple[int, ...]
    contiguous: bool
    predicted: bool  # tensorguide.can_view
    torch_view: bool  # did tensor.view(target) succeed?
    reshape_copies: bool  # did tensor.reshape(target) allocate new storage?

    COLUMNS: ClassVar[tuple[str, ...]] = ("Tensor", "Shape", "Strides", "Contiguous", "Target",
                                          "`can_view`", "`view()`", "`reshape()`")

    def cells(self) -> tuple[str, ...]:
        """The row's texts under ``COLUMNS``."""
        def yes(flag: bool) -> str:
            return "yes" if flag else "no"

        return (f"`{self.code}`", str(self.shape), str(self.strides), yes(self.contiguous),
                str(self.target), yes(self.predicted), "a view" if self.torch_view else "raises",
                "copies" if self.reshape_copies else "a view")


def view_cases() -> Table:
    """Try ``view`` and ``reshape`` on real PyTorch layouts and compare with
    :func:`tensorguide.reshape.can_view`.

    Each row is run, not asserted: ``torch_view`` records whether
    ``tensor.view(target)`` raised, and ``reshape_copies`` whether
    ``tensor.reshape(target)`` returned new storage.

    Examples
    --------
    >>> all(case.predicted == case.torch_view for case in view_cases())
    True
    >>> viewable = [case for case in view_cases() if case.torch_view and not case.contiguous]
    >>> len(viewable)                # not contiguous, and view() still works
    5
    """
    import torch

    layouts = [
        ("contiguous", "torch.arange(6).reshape(2, 3)", (6,)),
        ("transposed", "torch.arange(6).reshape(2, 3).t()", (6,)),
        ("transposed", "torch.arange(6).reshape(2, 3).t()", (3, 1, 2)),
        ("permuted 3-D", "torch.arange(24).reshape(2, 3, 4).permute(1, 2, 0)", (12, 2)),
        ("permuted 3-D", "torch.arange(24).reshape(2, 3, 4).permute(1, 2, 0)", (24,)),
        ("rows with step 2", "torch.arange(24).reshape(8, 3)[::2]", (2, 2, 3)),
        ("rows with step 2", "torch.arange(24).reshape(8, 3)[::2]", (12,)),
        ("columns with step 2", "torch.arange(12).reshape(3, 4)[:, ::2]", (6,)),
        ("expanded", "torch.arange(3).expand(4, 3)", (2, 2, 3)),
        ("expanded", "torch.arange(3).expand(4, 3)", (12,)),
    ]
    rows = []
    for name, code, target in layouts:
        tensor = eval(code, {"torch": torch})  # the code shown is the code run
        shape, strides = tuple(tensor.shape), tensor.stride()
        try:
            tensor.view(target)
            viewed = True
        except RuntimeError:
            viewed = False
        reshaped = tensor.reshape(target)
        copies = reshaped.untyped_storage().data_ptr() != tensor.untyped_storage().data_ptr()
        rows.append(
            ViewCase(name, code, shape, strides, target, tensor.is_contiguous(),
                     can_view(shape, strides, target), viewed, copies)
        )
    return Table(ViewCase.COLUMNS, rows)


def gradient_and_memory(operation) -> str:
    """Whether a gradient flows back through ``operation``, and whether its
    result shares storage with its input.

    ``operation`` is applied to a ``(2, 3)`` leaf tensor that requires grad;
    the gradient "flows" when ``backward()`` from the result's sum reaches
    the leaf.  The chapter's table of what flows and what stops shows this
    for each operation, so a wrong cell fails the build.

    Examples
    --------
    >>> gradient_and_memory(lambda x: x.t())
    'flows; shared'
    >>> gradient_and_memory(lambda x: x.t().reshape(6))
    'flows; new'
    >>> gradient_and_memory(lambda x: x.detach())
    'stops; shared'
    """
    import torch

    leaf = torch.arange(6.0).reshape(2, 3).requires_grad_()
    result = operation(leaf)
    if result.requires_grad:
        result.sum().backward()
    gradient = "flows" if leaf.grad is not None else "stops"
    shared = result.untyped_storage().data_ptr() == leaf.untyped_storage().data_ptr()
    return f"{gradient}; {'shared' if shared else 'new'}"
