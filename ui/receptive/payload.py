"""The receptive-field component's data: a stack's geometry, the input picture and the texts (no streamlit).

The browser gets each layer's kernel_size / stride / padding / dilation and every grid's (H, W), and walks
the field back itself on every hover with the arithmetic of `playground.receptive.field_per_layer` (tests
compare the two cell by cell). The input travels as a gray picture, box-averaged down to at most
PICTURE_SIDE pixels per side, uint8, zlib'd and base64'd (the component's data is JSON).
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from dataclasses import asdict

import numpy as np

from playground.figures import RESULT, WINDOW
from playground.i18n import t
from playground.receptive import LayerField, geometry, layer_sizes
from playground.shapes import Layer

PICTURE_SIDE = 256  # the input picture is box-averaged down to this many pixels per side at most


def gray(image: np.ndarray) -> np.ndarray:
    """(H, W) or (H, W, 3) -> (H, W) uint8: the mean of the channels, as the page's old receptive-field map."""
    a = np.asarray(image, np.float64)
    if a.ndim == 3:
        a = a.mean(axis=2)
    lo, hi = float(a.min()), float(a.max())
    if lo < 0 or hi > 255:  # (not a 0..255 image: stretch its own range)
        a = (a - lo) / ((hi - lo) or 1.0) * 255
    return np.clip(np.rint(a), 0, 255).astype(np.uint8)


def picture(image: np.ndarray, side: int = PICTURE_SIDE) -> tuple[np.ndarray, int]:
    """(H, W) gray -> (picture, f): box-averaged by an integer factor f so both sides are <= side."""
    g = gray(image)
    f = max(1, -(-max(g.shape) // side))
    if f == 1:
        return g, 1
    H, W = g.shape
    Hf, Wf = -(-H // f) * f, -(-W // f) * f
    padded = np.pad(g.astype(np.float64), ((0, Hf - H), (0, Wf - W)), mode="edge")  # edge blocks average copies
    small = padded.reshape(Hf // f, f, Wf // f, f).mean(axis=(1, 3))
    return np.clip(np.rint(small), 0, 255).astype(np.uint8), f


def sentence(fields: list[LayerField], lang: str, *, bold: bool = True) -> str:
    """What the chosen last-layer cell sees of the input, in the learner's language (the browser fills the same
    template: `templates()`)."""
    cell, r = fields[-1].rect, fields[0].rect
    if r is None:
        return t("rf_sentence_none", lang, i=cell.top, j=cell.left, n=len(fields) - 1)
    key = "rf_sentence_padding" if any(f.touches_padding for f in fields[:-1]) else "rf_sentence"
    text = t(key, lang, i=cell.top, j=cell.left, n=len(fields) - 1, top=r.top, bottom=r.bottom, left=r.left,
             right=r.right, h=r.height, w=r.width)
    return text if bold else text.replace("**", "")


def templates(lang: str) -> dict[str, str]:
    """The per-cell texts with their {placeholders} left for the browser (markdown bold removed)."""
    keep = {k: "{" + k + "}" for k in ("i", "j", "n", "top", "bottom", "left", "right", "h", "w")}
    return {
        "sentence": t("rf_sentence", lang, **keep).replace("**", ""),
        "sentence_padding": t("rf_sentence_padding", lang, **keep).replace("**", ""),
        "sentence_none": t("rf_sentence_none", lang, **keep),
        "rows_cols": t("rf_rows_cols", lang, **keep),
        "cell": t("rf_cell", lang, **keep),
        "legend": t("rf_legend", lang),
        "hint": t("rf_hint", lang),
        "title": t("rf_title", lang),
    }


def grid_names(layers: list[Layer], sizes: list[tuple[int, int]], lang: str) -> list[str]:
    """A caption per grid: 'Input · 28×28', 'Layer 1: Convolution 5×5 · 24×24', ..."""
    out = [t("rf_grid_input", lang, h=sizes[0][0], w=sizes[0][1])]
    for n, (l, (h, w)) in enumerate(zip(layers, sizes[1:]), start=1):
        name = f"{t('block_' + l.kind, lang)} {l.kernel_size}×{l.kernel_size}"
        if l.stride > 1 and l.kind == "conv":
            name += f" /{l.stride}"
        out.append(t("rf_grid_layer", lang, n=n, name=name, h=h, w=w))
    return out


def build_payload(image: np.ndarray, layers: list, *, lang: str, selected: tuple[int, int],
                  present: bool = False) -> dict:
    """The component's data (JSON-able). `selected` is clamped into the last layer."""
    geo = geometry(layers)
    H, W = np.asarray(image).shape[:2]
    sizes = layer_sizes((H, W), geo)
    OH, OW = sizes[-1]
    sel = (min(max(int(selected[0]), 0), OH - 1), min(max(int(selected[1]), 0), OW - 1))
    pic, f = picture(image)
    raw = np.ascontiguousarray(pic).tobytes()
    digest = hashlib.blake2b(raw + repr((H, W, [asdict(l) for l in geo])).encode(), digest_size=12).hexdigest()
    return {
        "v": 1, "id": digest, "lang": lang, "present": bool(present),
        "input": {"H": H, "W": W, "factor": f, "h": pic.shape[0], "w": pic.shape[1],
                  "pixels": base64.b64encode(zlib.compress(raw, 6)).decode("ascii")},
        "layers": [{"kind": l.kind, "kernel_size": l.kernel_size, "stride": l.stride, "padding": l.padding,
                    "dilation": l.dilation} for l in geo],
        "sizes": [list(s) for s in sizes],
        "names": grid_names(geo, sizes, lang),
        "selected": list(sel),
        "labels": templates(lang),
        "colours": {"window": WINDOW, "result": RESULT},  # the explorer's and the server figures' marks
    }


def read_picture(data: dict) -> np.ndarray:
    """The inverse of the picture encoding (tests)."""
    inp = data["input"]
    return np.frombuffer(zlib.decompress(base64.b64decode(inp["pixels"])), np.uint8).reshape(inp["h"], inp["w"])
