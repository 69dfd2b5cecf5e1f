"""The explorer's payload: one lesson -> the compact bytes the browser draws from (no streamlit here).

Layout of the bytes (little-endian):

    b"CPX1" | u32 header length | header (UTF-8 JSON) | blob 0 | blob 1 | ...

The header holds the settings, the kernel, the translated labels and, per blob, its offset, length,
shape and encoding. Blobs:

- ``input``: the padded input (C, Hp, Wp). Integers 0..255 (every lesson image) travel as uint8 after
  an "up" filter (each row minus the row above, mod 256, as PNG does) and zlib; anything else as
  float64, zlib'd. The browser inflates with DecompressionStream (no library, no network).
  For pooling the padding cells hold 0 here; the browser reads them as −inf / +inf / 0 by mode,
  exactly as ``playground.pool`` pads.
- ``map``: the output (OH, OW) as a picture: uint8 levels between ``lo`` and ``hi``, box-averaged
  down to at most OVERVIEW_SIDE per side, zlib'd. Exact output numbers are not sent: the browser works out
  the cells it shows with the same arithmetic as ``trace_conv`` / ``trace_pool`` (tested equal).

In quiz mode the hidden cell is painted at mid level in ``map`` and the browser never computes it.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

MAGIC = b"CPX1"
OVERVIEW_SIDE = 256  # the map picture is box-averaged down to this many cells per side at most
NUMBERS_MIN_CELL = 22  # (px) the browser writes numbers in a grid cell this big or bigger
# Presentation mode (a projector at 1920×1080): the browser draws bigger maps and writes numbers only where
# a cell holds them at >= 20 px (explorer.js SIZES.present); the header says which.


@dataclass(frozen=True)
class Spec:
    """What the browser needs for one lesson, normalised from a ConvLesson, PoolLesson or ChannelLesson."""

    kind: str  # "conv" or "pool"
    padded: np.ndarray  # (C, Hp, Wp) the input with its padding (pooling: 0 on the padding); any dtype
    pads: tuple[int, int, int, int]  # top, bottom, left, right
    ksize: tuple[int, int]  # (kh, kw)
    stride: tuple[int, int]
    dilation: tuple[int, int]
    output: np.ndarray  # (OH, OW) the map the page shows
    kernel: np.ndarray | None = None  # (C, kh, kw) conv only
    bias: float = 0.0
    mode: str = "zeros"  # conv: padding mode; pool: "max", "avg" or "min"


def _pair(v) -> tuple[int, int]:
    return (int(v[0]), int(v[1])) if isinstance(v, (tuple, list)) else (int(v), int(v))


def spec_of(lesson, kind: str, *, stride: int = 1, padding: int = 0) -> Spec:
    """Normalise a lesson. `stride`/`padding` are read only for a ChannelLesson (it does not record them)."""
    from playground.lessons import ChannelLesson, ConvLesson, PoolLesson

    if kind == "conv" and isinstance(lesson, ConvLesson):
        s = lesson.settings
        return Spec("conv", np.asarray(lesson.padded)[None], tuple(int(p) for p in lesson.pads),
                    lesson.kernel.shape, _pair(s["stride"]), _pair(s["dilation"]), np.asarray(lesson.output),
                    np.asarray(lesson.kernel, np.float64)[None], float(lesson.bias), s["padding_mode"])
    if kind == "conv" and isinstance(lesson, ChannelLesson):
        x = np.asarray(lesson.image)  # (3, H, W), uint8 for every image the app loads
        k = lesson.filters.shape[-1]
        p = int(padding)
        return Spec("conv", np.pad(x, ((0, 0), (p, p), (p, p))) if p else x, (p, p, p, p), (k, k), _pair(stride), (1, 1),
                    np.asarray(lesson.first_map), np.asarray(lesson.filters[0], np.float64), float(lesson.bias))
    if kind == "pool" and isinstance(lesson, PoolLesson):
        s = lesson.settings
        p = int(s["padding"])
        return Spec("pool", (np.pad(lesson.image, p) if p else lesson.image)[None], (p, p, p, p),
                    _pair(s["kernel_size"]), _pair(s["stride"]), (1, 1), np.asarray(lesson.output), mode=s["mode"])
    raise TypeError(f"kind {kind!r} does not fit a {type(lesson).__name__}")


def _encode_input(x: np.ndarray) -> tuple[bytes, str]:
    """(C, Hp, Wp) -> (bytes, encoding): uint8 'up'-filtered + zlib when exact, else float64 + zlib.

    zlib level 1: on a 512² RGB photo level 6 saves 7 % of the bytes for 5× the time (35 -> 170 ms).
    """
    x8 = x if x.dtype == np.uint8 else x.astype(np.uint8)  # out-of-range, fractional or NaN values change
    if x8 is x or np.array_equal(x8, x):
        up = x8.copy()
        up[:, 1:] -= x8[:, :-1]  # each row minus the row above, wrapping mod 256
        return zlib.compress(up.tobytes(), 1), "u8up+zlib"
    return zlib.compress(np.ascontiguousarray(x, "<f8").tobytes(), 1), "f64+zlib"


def _box_down(a: np.ndarray, side: int) -> tuple[np.ndarray, int]:
    """Box-average (H, W) down by an integer factor f so both sides are <= side; returns (picture, f)."""
    f = max(1, -(-max(a.shape) // side))
    if f == 1:
        return a, 1
    H, W = a.shape
    Hf, Wf = -(-H // f) * f, -(-W // f) * f
    padded = np.pad(a, ((0, Hf - H), (0, Wf - W)), mode="edge")  # edge cells average with copies of themselves
    return padded.reshape(Hf // f, f, Wf // f, f).mean(axis=(1, 3)), f


def map_levels(output: np.ndarray, hidden: tuple[int, int] | None) -> tuple[np.ndarray, float, float, int]:
    """The output as uint8 levels (lo -> 0, hi -> 255), downsampled; the hidden cell at mid level."""
    out = np.asarray(output, np.float64)
    if hidden is not None:
        out = out.copy()
        rest = np.delete(out.ravel(), hidden[0] * out.shape[1] + hidden[1])
        lo, hi = (float(rest.min()), float(rest.max())) if rest.size else (0.0, 1.0)
        out[hidden] = (lo + hi) / 2  # the answer's colour would give it away
    else:
        lo, hi = float(out.min()), float(out.max())
    small, f = _box_down(out, OVERVIEW_SIDE)
    span = hi - lo or 1.0
    levels = np.clip(np.rint((small - lo) / span * 255), 0, 255).astype(np.uint8)
    return levels, lo, hi, f


_CACHE: OrderedDict[str, tuple[bytes, str, bytes, dict]] = OrderedDict()  # digest -> encoded blobs


def _blobs(spec: Spec, hidden: tuple[int, int] | None) -> tuple[bytes, str, bytes, dict, str]:
    """Encoded input and map (cached: a rerun with the same lesson does not compress again)."""
    parts = [repr(hidden)]
    for a in (spec.padded, spec.output):  # two fast checksums of the raw buffers (a full hash of a 512² RGB
        buf = memoryview(np.ascontiguousarray(a)).cast("B")  # photo as float64 costs ~30 ms per rerun)
        parts += [str(a.shape), str(a.dtype), f"{zlib.crc32(buf):08x}{zlib.adler32(buf):08x}"]
    digest = hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()
    if digest not in _CACHE:
        inp, enc = _encode_input(spec.padded)
        levels, lo, hi, f = map_levels(spec.output, hidden)
        _CACHE[digest] = (inp, enc, zlib.compress(levels.tobytes(), 6), dict(lo=lo, hi=hi, factor=f, shape=list(levels.shape)))
        while len(_CACHE) > 8:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(digest)
    return (*_CACHE[digest], digest)


def build_payload(spec: Spec, *, labels: dict[str, str], lang: str, selected: tuple[int, int],
                  quiz: bool = False, present: bool = False) -> bytes:
    """The bytes the component receives (see the module docstring for the layout).

    present: presentation mode (a projector): the browser draws the maps, numbers and text larger.
    """
    C, Hp, Wp = spec.padded.shape
    OH, OW = spec.output.shape
    sel = (min(max(int(selected[0]), 0), OH - 1), min(max(int(selected[1]), 0), OW - 1))
    hidden = sel if quiz else None
    inp, enc, levels, map_info, digest = _blobs(spec, hidden)
    header = {
        "v": 1, "id": digest, "kind": spec.kind, "lang": lang, "labels": labels,
        "C": C, "Hp": Hp, "Wp": Wp, "pads": list(spec.pads), "ksize": list(spec.ksize),
        "stride": list(spec.stride), "dilation": list(spec.dilation), "mode": spec.mode,
        "bias": spec.bias, "kernel": None if spec.kernel is None else spec.kernel.tolist(),
        "out": [OH, OW], "selected": list(sel), "hidden": None if hidden is None else list(hidden),
        "numbers_min_cell": NUMBERS_MIN_CELL, "present": bool(present),
        "map": {**map_info, "signed": bool(map_info["lo"] < 0 < map_info["hi"])},
        "blobs": [],
    }
    blobs = [("input", inp, enc, [C, Hp, Wp]), ("map", levels, "u8+zlib", map_info["shape"])]
    offset = 0
    for name, data, encoding, shape in blobs:
        header["blobs"].append({"name": name, "offset": offset, "length": len(data), "enc": encoding, "shape": shape})
        offset += len(data)
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    return MAGIC + struct.pack("<I", len(head)) + head + b"".join(b[1] for b in blobs)


def read_payload(data: bytes) -> tuple[dict, dict[str, np.ndarray]]:
    """The inverse of build_payload (for tests and notebooks): header and decoded arrays."""
    assert data[:4] == MAGIC, "not an explorer payload"
    (n,) = struct.unpack("<I", data[4:8])
    header = json.loads(data[8: 8 + n].decode())
    body = data[8 + n:]
    arrays = {}
    for b in header["blobs"]:
        raw = body[b["offset"]: b["offset"] + b["length"]]
        if b["enc"] == "u8up+zlib":
            up = np.frombuffer(zlib.decompress(raw), np.uint8).reshape(b["shape"])
            arrays[b["name"]] = np.cumsum(up, axis=1, dtype=np.uint8).astype(np.float64)  # undo mod 256
        elif b["enc"] == "u8+zlib":
            arrays[b["name"]] = np.frombuffer(zlib.decompress(raw), np.uint8).reshape(b["shape"])
        elif b["enc"] == "f64+zlib":
            arrays[b["name"]] = np.frombuffer(zlib.decompress(raw), "<f8").reshape(b["shape"])
        else:
            arrays[b["name"]] = np.frombuffer(raw, np.uint8).reshape(b["shape"])
    return header, arrays
