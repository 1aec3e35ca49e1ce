"""Memory counted where it lives: a PyTorch tensor's storage, and the peak GPU
memory PyTorch's allocator saw.  PyTorch is imported only inside the functions."""

from __future__ import annotations

from .units import format_bytes

__all__ = [
    "storage_bytes",
    "shares_memory",
    "new_bytes",
    "reset_peak_memory",
    "peak_memory_bytes",
    "memory_report",
]


def storage_bytes(tensor: object) -> int:
    """Bytes of the memory block behind a PyTorch tensor.

    A view reports the bytes of the block it looks into, however few of
    them it reads; compare with :func:`shares_memory` to tell views from
    copies.

    Examples
    --------
    >>> import torch
    >>> x = torch.zeros(1000)                     # 1000 float32 elements
    >>> storage_bytes(x), storage_bytes(x[:10])   # the slice is a view of the same block
    (4000, 4000)
    >>> storage_bytes(torch.zeros(1).expand(1000))   # stride 0: one element stored
    4
    """
    return int(tensor.untyped_storage().nbytes())


def shares_memory(a: object, b: object) -> bool:
    """Whether two PyTorch tensors look into the same memory block.

    Examples
    --------
    >>> import torch
    >>> x = torch.arange(6).reshape(2, 3)
    >>> shares_memory(x, x.t()), shares_memory(x, x.t().contiguous())
    (True, False)
    """
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def new_bytes(result: object, *sources: object) -> int:
    """Bytes of new memory behind ``result``: 0 if it is a view of a source.

    Examples
    --------
    >>> import torch
    >>> x = torch.zeros(10, 10)                        # 400 bytes
    >>> new_bytes(x[::2], x), new_bytes(x[[0, 2, 4]], x)   # a view, then a copy of 3 rows
    (0, 120)
    """
    if any(shares_memory(result, source) for source in sources):
        return 0
    return storage_bytes(result)


def reset_peak_memory(device: str) -> None:
    """Start counting peak GPU memory afresh (CUDA only; elsewhere a no-op).

    Examples
    --------
    >>> reset_peak_memory("cpu")
    """
    if device == "cuda":
        import torch

        torch.cuda.reset_peak_memory_stats()


def peak_memory_bytes(device: str) -> int | None:
    """Peak bytes PyTorch's CUDA allocator has handed out, or ``None`` elsewhere.

    On MPS PyTorch keeps no peak counter, and on the CPU none at all, so the
    answer there is ``None``; :func:`memory_report` says what it can instead.

    Examples
    --------
    >>> peak_memory_bytes("cpu") is None
    True
    """
    if device != "cuda":
        return None
    import torch

    return int(torch.cuda.max_memory_allocated())


def memory_report(device: str) -> str:
    """One line on the GPU memory an example used.

    Examples
    --------
    >>> memory_report("cpu")
    'ran on the CPU: no GPU memory to report'
    """
    if device == "cuda":
        return f"peak CUDA memory allocated by PyTorch: {format_bytes(peak_memory_bytes(device))}"
    if device == "mps":
        import torch

        now = format_bytes(torch.mps.current_allocated_memory())
        return f"MPS memory allocated by PyTorch at the end (MPS keeps no peak): {now}"
    return "ran on the CPU: no GPU memory to report"
