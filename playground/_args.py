"""Argument normalisation and validation shared by every public function.

numpy's `sliding_window_view` style: normalise -> validate -> compute. Every error names the
argument, the value received and what is allowed, so a learner (or the page showing the error)
knows exactly what to change.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
# numpy's names for torch's padding modes: reflect excludes the edge in both libraries.
NUMPY_PAD_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


class InputError(ValueError):
    """Bad input from a learner; `key` names its sentence in the strings table (English and Korean)."""

    def __init__(self, message: str, key: str, **values: object):
        super().__init__(message)
        self.key = key
        self.values = values


def _is_int(v: Any) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def pair(name: str, value: Any, *, minimum: int) -> tuple[int, int]:
    """An int or (h, w) pair of ints, each >= minimum."""
    if _is_int(value):
        h = w = int(value)
    elif isinstance(value, (tuple, list)) and len(value) == 2 and all(_is_int(v) for v in value):
        h, w = (int(v) for v in value)
    else:
        raise ValueError(f"{name} must be an int or a pair (h, w) of ints; got {value!r}")
    if h < minimum or w < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value!r}")
    return h, w


def array(name: str, value: Any, *, ndims: tuple[int, ...]) -> np.ndarray:
    """A finite real array with one of the allowed numbers of dimensions.

    Integer and bool arrays keep their dtype (an image stays uint8, so the fast path converts it
    once, to what it needs); anything else becomes float64.
    """
    try:
        a = np.asarray(value)
        if a.dtype.kind not in "biuf":
            a = a.astype(np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an array of numbers; got {type(value).__name__}") from None
    if a.ndim not in ndims:
        allowed = " or ".join(f"{n}-D" for n in ndims)
        raise ValueError(f"{name} must be {allowed}; got shape {a.shape}")
    if a.size == 0:
        raise ValueError(f"{name} must not be empty; got shape {a.shape}")
    if a.dtype.kind == "f" and not np.isfinite(a).all():
        bad = "NaN" if np.isnan(a).any() else "inf"
        raise ValueError(f"{name} must contain only finite numbers; got {bad} in it")
    return a


def choice(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    """One of a fixed set of strings."""
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value


def at_index(name: str, value: Any, shape: tuple[int, ...]) -> tuple[int, ...]:
    """An index tuple of ints inside `shape`."""
    if not (isinstance(value, (tuple, list)) and len(value) == len(shape) and all(_is_int(v) for v in value)):
        raise ValueError(f"{name} must be a tuple of {len(shape)} ints; got {value!r}")
    for v, n in zip(value, shape):
        if not 0 <= v < n:
            raise ValueError(f"{name} must lie inside the output of shape {tuple(shape)}; got {tuple(value)!r}")
    return tuple(int(v) for v in value)
