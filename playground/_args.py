"""Argument normalisation and validation shared by every public function.

numpy's `sliding_window_view` style: normalise -> validate -> compute. Every error names the
argument, the value received and what is allowed, so a learner (or the page showing the error)
knows exactly what to change. Errors are `InputError`s (a ValueError) with a strings-table key and
the values its sentence needs, raised once, here at the source; pages translate them.
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


def shown(value: Any, limit: int = 60) -> str:
    """repr(value) cut to `limit` characters: errors echo what they got, never a whole paste."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # an int beyond Python's digit limit, a self-nested list
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pair(name: str, value: Any, *, minimum: int, key: str = "arg_whole_min") -> tuple[int, int]:
    """An int or (h, w) pair of ints, each >= minimum; `key` names the sentence for a value below it."""
    if _is_int(value):
        h = w = int(value)
    elif isinstance(value, (tuple, list)) and len(value) == 2 and all(_is_int(v) for v in value):
        h, w = (int(v) for v in value)
    else:
        raise InputError(f"{name} must be an int or a pair (h, w) of ints; got {shown(value)}", "arg_not_pair",
                         name=name, value=shown(value))
    if h < minimum or w < minimum:
        raise InputError(f"{name} must be >= {minimum}; got {shown(value)}", key, name=name, minimum=minimum,
                         value=shown(value))
    return h, w


def array(name: str, value: Any, *, ndims: tuple[int, ...], nonfinite_key: str = "arg_not_finite") -> np.ndarray:
    """A finite real array with one of the allowed numbers of dimensions.

    Integer and bool arrays keep their dtype (an image stays uint8, so the fast path converts it
    once, to what it needs); anything else becomes float64.
    """
    try:
        a = np.asarray(value)
        if a.dtype.kind not in "biuf":
            a = a.astype(np.float64)
    except (TypeError, ValueError, OverflowError):
        raise InputError(f"{name} must be an array of numbers; got {type(value).__name__}", "arg_not_numbers",
                         name=name, kind=type(value).__name__) from None
    if a.ndim not in ndims:
        allowed = " or ".join(f"{n}-D" for n in ndims)
        raise InputError(f"{name} must be {allowed}; got shape {a.shape}", "arg_bad_ndim", name=name,
                         allowed=allowed, shape=a.shape)
    if a.size == 0:
        raise InputError(f"{name} must not be empty; got shape {a.shape}", "arg_empty", name=name)
    if a.dtype.kind == "f" and not np.isfinite(a).all():
        bad = "NaN" if np.isnan(a).any() else "inf"
        raise InputError(f"{name} must contain only finite numbers; got {bad} in it", nonfinite_key, name=name)
    return a


def choice(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    """One of a fixed set of strings."""
    if not isinstance(value, str) or value not in allowed:
        text = ", ".join(map(repr, allowed))
        raise InputError(f"{name} must be one of {text}; got {shown(value)}", "arg_not_choice", name=name,
                         allowed=text, value=shown(value))
    return value


def at_index(name: str, value: Any, shape: tuple[int, ...]) -> tuple[int, ...]:
    """An index tuple of ints inside `shape`."""
    if not (isinstance(value, (tuple, list)) and len(value) == len(shape) and all(_is_int(v) for v in value)):
        raise InputError(f"{name} must be a tuple of {len(shape)} ints; got {shown(value)}", "at_not_index",
                         name=name, n=len(shape), value=shown(value))
    for v, n in zip(value, shape):
        if not 0 <= v < n:
            raise InputError(f"{name} must lie inside the output of shape {tuple(shape)}; got {tuple(value)!r}",
                             "at_outside", name=name, shape=tuple(shape), value=tuple(value))
    return tuple(int(v) for v in value)


def finite_result(out: np.ndarray) -> np.ndarray:
    """A computed result must stay finite: finite inputs whose result overflows are refused, not drawn as inf."""
    if not np.isfinite(out).all():
        raise InputError("the result is too large: it overflows to infinity; use smaller values",
                         "result_not_finite")
    return out
