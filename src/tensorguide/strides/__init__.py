"""Strides and contiguity: how a shape is laid out in one flat block.

A tensor is a flat block of memory plus a :class:`Layout`: its shape, its
strides (how many elements to skip for one step along each axis) and the
offset of its first element.  Element ``(i1, ..., in)`` lives at
``offset + i1 * s1 + ... + in * sn``.

Views (transpose, permute, basic slicing, expand) only compute a new layout
over the same block; nothing is copied.  All strides here are counted in
elements, as PyTorch counts them; NumPy counts in bytes.
"""

from __future__ import annotations

from .layout import Layout
from .rules import is_contiguous, row_major_strides

__all__ = ["Layout", "row_major_strides", "is_contiguous"]
