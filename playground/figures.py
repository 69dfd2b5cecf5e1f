"""Figures shared by the pages: Plotly heatmaps for small grids, raster images for big maps.

Small grids (≤ 48×48) are heatmaps with values on hover (printed in the cells up to 12×12) and an
invisible marker per cell so a click returns the cell (plotly.js returns no points for heatmap
clicks). Big maps are RGB images: a heatmap of 512×512 would be megabytes of JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import plotly.graph_objects as go


HEATMAP_MAX = 48
TEXT_MAX = 12
GRAY = [[0, "#000000"], [1, "#ffffff"]]
# blue (negative) – white (0) – red (positive), the same colours as raster's SIGNED_LUT (linear in between)
SIGNED = [[0, "rgb(38,51,255)"], [0.5, "rgb(255,255,255)"], [1, "rgb(255,51,38)"]]
WINDOW = "#f39c12"
RESULT = "#27ae60"
GAP = "#c8c8c8"  # the lines between cells and the frame: a white map stays visible on a white page
FRAME = "#777777"


@dataclass(frozen=True)
class Fonts:
    """Font sizes in px: normal, or big for a projector (numbers in cells ≥ 20, ticks ≥ 16)."""

    cell: int
    tick: int
    title: int
    note: int


def fonts(present: bool = False) -> Fonts:
    return Fonts(cell=20, tick=16, title=22, note=18) if present else Fonts(cell=12, tick=12, title=14, note=12)


def number(v: float, digits: int = 2) -> str:
    """A number as figure text: thousands separators, at most `digits` decimals, no '3.0', unicode minus."""
    v = round(float(v), digits)
    s = f"{v:,.{digits}f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v):,}"
    return "0" if s in ("-0", "") else s.replace("-", "−")


def _figure(spec: dict) -> go.Figure:
    """A figure from a plain dict, not validated property by property.

    Plotly's validation costs ~100 ms for a 3-D stack and several ms per heatmap, on every rerun;
    these specs are fixed by this module and drawn by the browser tests, so it buys nothing here.
    """
    return go.Figure(spec, _validate=False)


def is_small(a: np.ndarray) -> bool:
    """True when a map is drawn as a heatmap (values on hover), not as a picture."""
    return max(np.shape(a)[-2:]) <= HEATMAP_MAX


# ---------------------------------------------------------------- the colour policy
@dataclass(frozen=True)
class Colours:
    """How one map is coloured: its own range, the scale, and whether a colour bar explains it."""

    zmin: float
    zmax: float
    signed: bool
    colorbar: bool

    @property
    def scale(self) -> list:
        return SIGNED if self.signed else GRAY


def colour_policy(a: np.ndarray, *, signed: bool | None = None, zrange: tuple[float, float] | None = None,
                  numbers_shown: bool = False) -> Colours:
    """One rule for every map.

    - Range per map: signed maps −m..m (m = the largest |value|, white = 0); others 0..max, so the
      largest value of THIS map is white and small values (a 0–9 grid, a count of 3) are not black.
    - A colour bar when the colour needs explaining: always for signed maps; for others when the
      range is not brightness 0–255 and no numbers are printed in the cells.
    """
    a = np.asarray(a, dtype=np.float64)
    finite = a[np.isfinite(a)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
    signed = bool(lo < 0) if signed is None else bool(signed)
    if zrange is None:
        if signed:
            m = max(abs(lo), abs(hi)) or 1.0
            zrange = (-m, m)
        else:
            zrange = (min(lo, 0.0), hi if hi > min(lo, 0.0) else min(lo, 0.0) + 1.0)
    zmin, zmax = float(zrange[0]), float(zrange[1])
    brightness = zmin == 0 and zmax == 255 and 0 <= lo and hi <= 255
    return Colours(zmin, zmax, signed, signed or (not brightness and not numbers_shown))


def cell_rgb(v: np.ndarray, c: Colours) -> np.ndarray:
    """(..., 3) floats 0..1: the colour each value gets under the policy (NaN -> white)."""
    t = np.clip((np.nan_to_num(np.asarray(v, dtype=np.float64), nan=c.zmin) - c.zmin) / ((c.zmax - c.zmin) or 1.0),
                0, 1)
    if not c.signed:
        return np.repeat(t[..., None], 3, axis=-1)
    s = 2 * t - 1  # -1..1, as in _signed_lut
    pos, neg = np.clip(s, 0, 1), np.clip(-s, 0, 1)
    return np.stack([1 - neg * 0.85, 1 - (pos + neg) * 0.8, 1 - pos * 0.85], axis=-1)


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB colours (..., 3) in 0..1."""
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def contrast(l1: np.ndarray, l2: np.ndarray) -> np.ndarray:
    """WCAG contrast ratio of two luminances (1..21)."""
    hi, lo = np.maximum(l1, l2), np.minimum(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


def text_colours(a: np.ndarray, c: Colours) -> np.ndarray:
    """Per cell, black or white: whichever contrasts more with the cell's colour (never white on white)."""
    lum = luminance(cell_rgb(a, c))
    return np.where(contrast(lum, 0.0) >= contrast(lum, 1.0), "#000000", "#ffffff")


def _ticks(n: int, f: Fonts, start: int = 0) -> dict:
    """Integer ticks only, every cell for small maps, else a round step (≤ ~10 labels); a crop's cells are
    labelled with the picture's own row / column numbers (start + index)."""
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if n / s <= 12 or s == 1000)
    vals = list(range(0, n, step))
    return {"tickmode": "array", "tickvals": vals, "ticktext": [f"{v + start:,}" for v in vals],
            "tickfont": {"size": f.tick}, "ticks": "", "showgrid": False, "zeroline": False}


def _axes(H: int, W: int, f: Fonts, origin: tuple[int, int] = (0, 0)) -> tuple[dict, dict]:
    """x on top (columns), y down (rows); the range is exactly the cells: no −1…6 around a 4×4 map.
    origin: the (row, column) of the top-left cell in a larger picture (a zoom), for the tick labels."""
    xaxis = {"side": "top", "range": [-0.5, W - 0.5], "constrain": "domain", "fixedrange": True,
             **_ticks(W, f, origin[1])}
    yaxis = {"range": [H - 0.5, -0.5], "scaleanchor": "x", "scaleratio": 1, "constrain": "domain",
             "fixedrange": True, **_ticks(H, f, origin[0])}
    return xaxis, yaxis


def _cell_px(H: int, W: int, height: int, top: int, bottom: int, f: Fonts, labels: int, present: bool,
             numbers_shown: bool, side: int | None = None) -> float:
    """Pixels per cell: what the height allows; with numbers, at least what the numbers need, at most a
    comfortable size (a 2×2 map is drawn as four big cells, not floated in empty axes).

    side: the map's longer side in px (a page's main picture): the cells fill it, numbers or not.
    """
    if side:
        need = 0.62 * f.cell * max(labels, 1) + 10 if numbers_shown else 1.0
        return max(side / max(H, W, 1), need)
    cell = (height - top - bottom) / max(H, 1)
    if numbers_shown:
        need = 0.62 * f.cell * max(labels, 1) + 10  # width of the longest number, with a margin
        cell = max(cell, need)
        cell = min(cell, max(need, 80 if present else 48))
    return cell


def cell_font(cell: float, labels: int, f: Fonts, present: bool) -> int:
    """The size of the numbers in cells: f.cell; for a projector, bigger in big cells (up to 40 px, and
    never wider than the cell: ~0.62 em per digit)."""
    if not present:
        return f.cell
    fits = (cell - 10) / (0.62 * max(labels, 1))
    return int(max(f.cell, min(cell * 0.3, fits, 40)))


def _map_traces(a: np.ndarray, c: Colours, f: Fonts, *, numbers_shown: bool, axis: str = "",
                clickable: bool = False, marks: np.ndarray | None = None, colorbar: dict | None = None,
                cell: float = 20, font: int | None = None) -> list[dict]:
    """The heatmap, its numbers (one text colour per cell, `font` px, f.cell by default), the padding
    marks and the click targets."""
    H, W = a.shape
    refs = {"xaxis": f"x{axis}", "yaxis": f"y{axis}"}
    heat = {"type": "heatmap", "z": np.where(np.isfinite(a), a, None).tolist(), "colorscale": c.scale,
            "zmin": c.zmin, "zmax": c.zmax, "showscale": c.colorbar, "xgap": 1 if cell >= 8 else 0,
            "ygap": 1 if cell >= 8 else 0, "hovertemplate": "(%{y}, %{x}): %{z:,.3~f}<extra></extra>", **refs}
    if c.colorbar:
        heat["colorbar"] = {"thickness": 12, "len": 0.9, "tickfont": {"size": f.tick}, "tickformat": ",~g",
                            "outlinewidth": 0, **(colorbar or {})}
    data = [heat]
    yy, xx = np.mgrid[:H, :W]
    if numbers_shown:
        keep = np.isfinite(a).ravel()
        data.append({"type": "scatter", "mode": "text", "x": xx.ravel()[keep].tolist(), "y": yy.ravel()[keep].tolist(),
                     "text": [number(v) for v in a.ravel()[keep]], "hoverinfo": "skip", "showlegend": False,
                     "textfont": {"size": font or f.cell, "color": text_colours(a, c).ravel()[keep].tolist()}, **refs})
    if marks is not None and np.any(marks):  # e.g. cells that are padding
        ys, xs = np.nonzero(marks)
        data.append({"type": "scatter", "x": xs.tolist(), "y": ys.tolist(), "mode": "markers", "hoverinfo": "skip",
                     "showlegend": False, "marker": {"symbol": "x-thin", "size": max(6, min(cell * 0.35, 14)),
                                                     "line": {"width": 1, "color": "#999"}}, **refs})
    if clickable:  # one invisible square per cell centre: clicks on it come back as points
        # (hoverinfo "skip" would also drop the clicks: plotly picks click points by hovering. The square carries
        # the cell's hover label, since it sits above the heatmap.)
        z = np.where(np.isfinite(a), a, np.nan).ravel()
        data.append({"type": "scatter", "x": xx.ravel().tolist(), "y": yy.ravel().tolist(), "mode": "markers",
                     "customdata": [None if np.isnan(v) else float(v) for v in z], "showlegend": False,
                     "hovertemplate": "(%{y}, %{x}): %{customdata:,.3~f}<extra></extra>",
                     "marker": {"symbol": "square", "size": max(6, int(cell * 0.9)), "opacity": 0}, **refs})
    return data


def _frame(H: int, W: int, axis: str = "") -> dict:
    return {"type": "rect", "xref": f"x{axis}", "yref": f"y{axis}", "x0": -0.5, "x1": W - 0.5, "y0": -0.5,
            "y1": H - 0.5, "line": {"color": FRAME, "width": 1}, "layer": "above"}


def _longest(a: np.ndarray) -> int:
    return max((len(number(v)) for v in a.ravel() if np.isfinite(v)), default=1)


def text_px(text: str, size: float, bold: bool = True) -> float:
    """How wide a line of text draws, at most (px): Hangul and other wide characters take ~1 em, Latin ~0.6 em
    (bold); HTML tags are not drawn. A figure makes room for its titles with it instead of cutting them."""
    import re

    plain = re.sub(r"<[^>]+>", "", text)
    ems = sum(1.0 if ord(ch) >= 0x1100 else 0.62 if bold else 0.58 for ch in plain)
    return ems * size


def heatmap(a: np.ndarray, *, title: str = "", signed: bool | None = None, rects: list[tuple] = (),
            marks: np.ndarray | None = None, height: int = 320, zrange: tuple[float, float] | None = None,
            clickable: bool = False, present: bool = False, side: int | None = None,
            origin: tuple[int, int] = (0, 0)) -> go.Figure:
    """A 2-D grid as a heatmap; rects are (top, left, bottom, right, colour) outlines in cell units.

    Colours follow `colour_policy`; numbers are printed in cells up to TEXT_MAX×TEXT_MAX, each in
    black or white for contrast. `present` enlarges numbers, ticks and cells for a projector; `side`
    (px) sizes the map by its longer side instead of by `height` (a page's main picture). `origin`: where a
    crop's top-left cell is in its picture (row, column); the ticks say the picture's own row and column numbers.
    Built as one dict, not validated: a figure assembled with update_* calls costs ~10× more.
    """
    a = np.asarray(a, dtype=np.float64)
    H, W = a.shape
    f = fonts(present)
    if present and side:  # a main picture: tick labels in proportion to its big cells (16 to 22 px)
        f = replace(f, tick=int(max(f.tick, min(side / max(H, W) * 0.4, 22))))
    numbers_shown = max(H, W) <= TEXT_MAX
    c = colour_policy(a, signed=signed, zrange=zrange, numbers_shown=numbers_shown)
    top = (int(f.title * 1.6) if title else 0) + int(f.tick * 1.6) + 8  # title above the column ticks
    bottom, left = 8, int(f.tick * 0.65 * len(f"{origin[0] + H - 1:,}")) + 14
    right = 90 if c.colorbar else 10
    labels = _longest(a)
    cell = _cell_px(H, W, height, top, bottom, f, labels, present, numbers_shown, side)
    data = _map_traces(a, c, f, numbers_shown=numbers_shown, clickable=clickable, marks=marks, cell=cell,
                       font=cell_font(cell, labels, f, present))
    shapes = [_frame(H, W)] + [{"type": "rect", "x0": l - 0.5, "x1": r + 0.5, "y0": t - 0.5, "y1": b + 0.5,
                                "line": {"color": colour, "width": 3}} for t, l, b, r, colour in rects]
    xaxis, yaxis = _axes(H, W, f, origin)
    layout = {"height": int(round(cell * H)) + top + bottom, "width": int(round(cell * W)) + left + right,
              "shapes": shapes, "margin": {"l": left, "r": right, "t": top, "b": bottom, "autoexpand": False, "pad": 0},
              "clickmode": "event+select", "dragmode": False, "plot_bgcolor": GAP, "separators": ".,",
              "xaxis": xaxis, "yaxis": yaxis}
    if title:
        layout["title"] = {"text": title, "font": {"size": f.title}, "x": 0.5, "xanchor": "center",
                           "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 6}}
        extra = int(np.ceil(text_px(title, f.title, bold=False))) + 20 - layout["width"]
        if extra > 0:  # a title wider than a small map: widen the margins, never the cells (they stay square)
            layout["margin"]["l"] += extra // 2
            layout["margin"]["r"] += extra - extra // 2
            layout["width"] += extra
    return _figure({"data": data, "layout": layout})


def heatmap_row(grids: list[np.ndarray], titles: list[str], *, signed: list[bool | None] | None = None,
                zranges: list[tuple[float, float] | None] | None = None, height: int = 300,
                marks: list[np.ndarray | None] | None = None, present: bool = False) -> go.Figure:
    """Several small grids side by side in ONE figure (one chart to redraw instead of several), each
    with its own colour range (and colour bar when it needs one)."""
    n = len(grids)
    signed = signed or [None] * n
    zranges = zranges or [None] * n
    marks = marks or [None] * n
    f = fonts(present)
    grids = [np.asarray(a, dtype=np.float64) for a in grids]
    shown = [max(a.shape) <= TEXT_MAX for a in grids]
    policies = [colour_policy(a, signed=s, zrange=z, numbers_shown=t) for a, s, z, t in zip(grids, signed, zranges, shown)]
    top, bottom = int(f.title * 1.6) + int(f.tick * 1.6) + 10, 8
    maxH = max(a.shape[0] for a in grids)
    cell = min(_cell_px(a.shape[0], a.shape[1], height, top, bottom, f, _longest(a), present, t)
               for a, t in zip(grids, shown))
    font = cell_font(cell, max(_longest(a) for a in grids), f, present)  # one size for the whole row
    bar_px, gap_px = 70, 30 + int(f.tick * 1.5)
    widths_px = [a.shape[1] * cell + (bar_px if p.colorbar else 0) for a, p in zip(grids, policies)]
    # each map's slot is as wide as its title needs (a 3×3 map under "Window (input under the kernel)" cut the
    # title at the figure's edge); the map sits in the middle of its slot, its title centred over it
    slots = [max(w, text_px(t, f.title) + 6 + (bar_px if p.colorbar else 0))
             for w, t, p in zip(widths_px, titles, policies)]
    total = sum(slots) + gap_px * (n - 1)
    data, shapes, notes, layout = [], [], [], {}
    x0 = 0.0
    for k, (a, title, p) in enumerate(zip(grids, titles, policies)):
        suffix = "" if k == 0 else str(k + 1)
        H, W = a.shape
        w_map = W * cell / total
        x0 += (slots[k] - widths_px[k]) / 2 / total  # centre the map (and its colour bar) in its slot
        bar = {"x": x0 + w_map + 8 / total, "xanchor": "left", "xref": "paper"}
        data += _map_traces(a, p, f, numbers_shown=shown[k], axis=suffix, marks=marks[k], colorbar=bar, cell=cell,
                             font=font)
        xaxis, yaxis = _axes(H, W, f)
        layout[f"xaxis{suffix}"] = {**xaxis, "domain": [x0, min(x0 + w_map, 1.0)], "anchor": f"y{suffix}"}
        # each map from the top: a shorter map is not centred in mid-air beside a taller one
        layout[f"yaxis{suffix}"] = {**yaxis, "scaleanchor": f"x{suffix}", "anchor": f"x{suffix}",
                                    "domain": [1 - H / maxH, 1]}
        shapes.append(_frame(H, W, suffix))
        notes.append({"text": f"<b>{title}</b>", "x": x0 + w_map / 2, "y": 1.0, "xref": "paper", "yref": "paper",
                      "yshift": int(f.tick * 1.6) + 4, "yanchor": "bottom", "xanchor": "center", "showarrow": False,
                      "font": {"size": f.title}})
        x0 += (widths_px[k] + (slots[k] - widths_px[k]) / 2 + gap_px) / total
    layout.update({"height": int(round(cell * maxH)) + top + bottom, "width": int(total) + 20,
                   "margin": {"l": 10, "r": 10, "t": top, "b": bottom, "autoexpand": False, "pad": 0}, "dragmode": False,
                   "plot_bgcolor": GAP, "separators": ".,", "shapes": shapes, "annotations": notes})
    return _figure({"data": data, "layout": layout})


def _signed_lut() -> np.ndarray:
    """(256, 3) uint8: index 0 = most negative (blue), 128 ≈ zero (white), 255 = most positive (red)."""
    t = np.linspace(-1, 1, 256)
    pos, neg = np.clip(t, 0, 1), np.clip(-t, 0, 1)
    rgb = np.stack([1 - neg * 0.85, 1 - (pos + neg) * 0.8, 1 - pos * 0.85], axis=-1)
    return (rgb * 255).round().astype(np.uint8)


SIGNED_LUT = _signed_lut()


def raster_colours(a: np.ndarray, *, signed: bool | None = None,
                   zrange: tuple[float, float] | None = None) -> Colours:
    """The colour policy for a picture (min/max without a copy of the map)."""
    lo, hi = float(a.min()), float(a.max())
    return colour_policy(np.array([lo, hi]), signed=signed, zrange=zrange)


def raster(a: np.ndarray, *, signed: bool | None = None, upscale_to: int = 256,
           zrange: tuple[float, float] | None = None, rects: list[tuple] = (), max_side: int | None = None) -> np.ndarray:
    """A map as a picture, coloured by `colour_policy`: gray (H, W) uint8 from 0 (black) to the map's
    largest value (white), or blue–white–red (H, W, 3) around 0 for signed data.

    max_side thins a big map (every k-th pixel) to what its place on the page can show anyway.
    """
    a = np.asarray(a, dtype=np.float32)  # float32 halves the memory traffic of a 512² map
    step = max(1, -(-max(a.shape) // max_side)) if max_side else 1
    if step > 1:
        a = a[::step, ::step]
        rects = [(t // step, l // step, b // step, r // step, c) for t, l, b, r, c in rects]
    c = raster_colours(a, signed=signed, zrange=zrange)
    if c.signed:
        q = np.clip((a - c.zmin) * (255.0 / ((c.zmax - c.zmin) or 1.0)), 0, 255).astype(np.uint8)
        img = SIGNED_LUT[q]  # a table look-up per pixel
    else:
        img = np.clip((a - c.zmin) * (255.0 / ((c.zmax - c.zmin) or 1.0)), 0, 255).astype(np.uint8)
    n = max(1, upscale_to // max(a.shape))  # small maps get crisp big pixels instead of browser blur
    if n > 1:
        img = np.repeat(np.repeat(img, n, axis=0), n, axis=1)
    if rects and img.ndim == 2:
        img = np.repeat(img[..., None], 3, axis=2)
    for top, left, bottom, right, colour in rects:  # outlines, 2 px wide, in upscaled pixels
        rgb = [int(colour[k: k + 2], 16) for k in (1, 3, 5)]
        y0, x0 = max(top * n, 0), max(left * n, 0)
        y1, x1 = min((bottom + 1) * n, img.shape[0]) - 1, min((right + 1) * n, img.shape[1]) - 1
        w = max(1, min(2, (y1 - y0) // 2, (x1 - x0) // 2))
        img[y0: y0 + w, x0: x1 + 1] = rgb
        img[y1 - w + 1: y1 + 1, x0: x1 + 1] = rgb
        img[y0: y1 + 1, x0: x0 + w] = rgb
        img[y0: y1 + 1, x1 - w + 1: x1 + 1] = rgb
    return img


def rgb_planes(img: np.ndarray) -> list[np.ndarray]:
    """(H, W, 3) -> three RGB pictures, each showing one channel in its own colour."""
    planes = []
    for c in range(3):
        p = np.zeros_like(img)
        p[..., c] = img[..., c]
        planes.append(p)
    return planes


def _busiest_origin(padded: np.ndarray, ch: int, cw: int, stride: int, n_out: tuple[int, int],
                    n_crop: tuple[int, int]) -> tuple[int, int]:
    """The output cell (oi, oj) where a crop of n_crop output cells starts so that its ch×cw input
    window holds the most contrast (largest spread of values): the animation starts on the picture,
    not on an all-zero corner."""
    x = np.asarray(padded, dtype=np.float64)
    best_at = (0, 0)
    # the crop lies wholly inside `padded` (a caller may pass a cut of it): every drawn cell has its number
    max_i = max(0, min(n_out[0] - n_crop[0], (x.shape[0] - ch) // stride))
    max_j = max(0, min(n_out[1] - n_crop[1], (x.shape[1] - cw) // stride))
    # integral images of x and x² give every crop's variance at once
    s1 = np.pad(x, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    s2 = np.pad(x * x, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    ii = np.arange(0, max_i + 1)
    jj = np.arange(0, max_j + 1)
    r0, c0 = ii[:, None] * stride, jj[None, :] * stride
    r1, c1 = np.minimum(r0 + ch, x.shape[0]), np.minimum(c0 + cw, x.shape[1])

    def box(s):
        return s[r1, c1] - s[r0, c1] - s[r1, c0] + s[r0, c0]

    n = (r1 - r0) * (c1 - c0)
    var = box(s2) / n - (box(s1) / n) ** 2
    k = int(np.argmax(var))  # first maximum: top-left-most among equals
    best_at = divmod(k, var.shape[1])
    return int(best_at[0]), int(best_at[1])


def busiest_crop(a: np.ndarray, size: int) -> tuple[int, int]:
    """(top, left) of the size×size crop of a 2-D map with the most contrast: where a zoom starts, on the
    picture rather than on a flat corner."""
    a = np.asarray(a, dtype=np.float64)
    h, w = min(size, a.shape[0]), min(size, a.shape[1])
    return _busiest_origin(a, h, w, 1, (a.shape[0] - h + 1, a.shape[1] - w + 1), (1, 1))


ANIMATION_CROP = {False: 16, True: 8}  # the animation's largest crop (pixels a side): normal, for a projector


def conv_animation(padded: np.ndarray, kernel: np.ndarray, output: np.ndarray, *, stride: int, dilation: int,
                   crop: int = 16, title_in: str = "", title_out: str = "", present: bool = False) -> go.Figure:
    """The sliding window on a crop of at most crop×crop padded pixels, played in the browser (Plotly frames).

    The crop is placed where the image has content; axes show the real row and column numbers, and
    both panels have fixed ranges (the output panel starts empty, so autorange would collapse it).
    For a projector (`present`) the crop is at most 8×8 so that every number fits its cell at ≥ 20 px;
    the figure then has a fixed size (show it with width="content").
    """
    padded, output = np.asarray(padded, dtype=np.float64), np.asarray(output, dtype=np.float64)
    kernel = np.asarray(kernel)
    f = fonts(present)
    crop = min(crop, ANIMATION_CROP[present])
    kh, kw = kernel.shape
    span_h, span_w = dilation * (kh - 1) + 1, dilation * (kw - 1) + 1
    # how many output cells fit with their whole window in a crop×crop input crop
    n_i = min(output.shape[0], max(1, (min(crop, padded.shape[0]) - span_h) // stride + 1))
    n_j = min(output.shape[1], max(1, (min(crop, padded.shape[1]) - span_w) // stride + 1))
    ch, cw = (n_i - 1) * stride + span_h, (n_j - 1) * stride + span_w
    oi, oj = _busiest_origin(padded, ch, cw, stride, output.shape, (n_i, n_j))
    r_in, c_in = oi * stride, oj * stride
    inp, out = padded[r_in: r_in + ch, c_in: c_in + cw], output[oi: oi + n_i, oj: oj + n_j]
    c_inp = colour_policy(inp, numbers_shown=True)
    c_out = colour_policy(out, signed=bool(out.min() < 0), numbers_shown=True)
    total = cw + n_j + 3
    w_in, w_out = cw / total, n_j / total
    xs_in, ys_in = np.arange(c_in, c_in + cw), np.arange(r_in, r_in + ch)
    xs_out, ys_out = np.arange(oj, oj + n_j), np.arange(oi, oi + n_i)
    yy, xx = np.meshgrid(ys_in, xs_in, indexing="ij")
    oy, ox = np.meshgrid(ys_out, xs_out, indexing="ij")
    small_font = max(8, min(f.cell, int(420 / max(ch, cw) / 3)))
    if present:  # cells as wide as the longest number needs at f.cell
        longest = max(len(number(v, 1)) for v in np.concatenate([inp.ravel(), out.ravel()]))
        cell_px, small_font = max(44.0, 0.62 * f.cell * longest + 12), f.cell
    data = [
        {"type": "heatmap", "x": xs_in.tolist(), "y": ys_in.tolist(), "z": inp.tolist(), "colorscale": c_inp.scale,
         "zmin": c_inp.zmin, "zmax": c_inp.zmax, "showscale": False, "xgap": 1, "ygap": 1,
         "hovertemplate": "(%{y}, %{x}): %{z:,.3~f}<extra></extra>"},
        {"type": "scatter", "mode": "text", "x": xx.ravel().tolist(), "y": yy.ravel().tolist(),
         "text": [number(v, 1) for v in inp.ravel()], "hoverinfo": "skip", "showlegend": False,
         "textfont": {"size": small_font, "color": text_colours(inp, c_inp).ravel().tolist()}},
        {"type": "heatmap", "x": xs_out.tolist(), "y": ys_out.tolist(), "z": [[None] * n_j for _ in range(n_i)],
         "colorscale": c_out.scale, "zmin": c_out.zmin, "zmax": c_out.zmax, "showscale": False, "xgap": 1,
         "ygap": 1, "xaxis": "x2", "yaxis": "y2", "hovertemplate": "(%{y}, %{x}): %{z:,.3~f}<extra></extra>"},
        {"type": "scatter", "mode": "text", "x": ox.ravel().tolist(), "y": oy.ravel().tolist(),
         "text": [""] * (n_i * n_j), "hoverinfo": "skip", "showlegend": False, "xaxis": "x2", "yaxis": "y2",
         "textfont": {"size": small_font, "color": text_colours(out, c_out).ravel().tolist()}},
    ]
    labels = [number(v, 1) for v in out.ravel()]
    frames, steps = [], []
    for idx in range(n_i * n_j):
        i, j = divmod(idx, n_j)
        z = np.full(n_i * n_j, None, dtype=object)
        z[: idx + 1] = out.ravel()[: idx + 1]
        r0, c0 = r_in + i * stride, c_in + j * stride
        shapes = [{"type": "rect", "xref": "x", "yref": "y", "x0": c0 - 0.5, "x1": c0 + span_w - 0.5,
                   "y0": r0 - 0.5, "y1": r0 + span_h - 0.5, "line": {"color": WINDOW, "width": 3}},
                  {"type": "rect", "xref": "x2", "yref": "y2", "x0": oj + j - 0.5, "x1": oj + j + 0.5,
                   "y0": oi + i - 0.5, "y1": oi + i + 0.5, "line": {"color": RESULT, "width": 3}}]
        frames.append({"name": str(idx), "traces": [2, 3], "layout": {"shapes": shapes},
                       "data": [{"type": "heatmap", "z": z.reshape(n_i, n_j).tolist()},
                                {"type": "scatter", "text": labels[: idx + 1] + [""] * (n_i * n_j - idx - 1)}]})
        steps.append({"label": f"{oi + i},{oj + j}", "method": "animate",
                      "args": [[str(idx)], {"mode": "immediate", "frame": {"duration": 0, "redraw": True}}]})

    def axes(xs, ys, x0, x1, suffix):
        xa = {**_ticks(len(xs), f), "side": "top", "range": [xs[0] - 0.5, xs[-1] + 0.5], "domain": [x0, x1],
              "constrain": "domain", "fixedrange": True, "anchor": f"y{suffix}"}
        xa["tickvals"] = [int(xs[0]) + v for v in xa["tickvals"]]
        xa["ticktext"] = [f"{v:,}" for v in xa["tickvals"]]
        ya = {**_ticks(len(ys), f), "range": [ys[-1] + 0.5, ys[0] - 0.5], "scaleanchor": f"x{suffix}",
              "constrain": "domain", "fixedrange": True, "anchor": f"x{suffix}"}
        ya["tickvals"] = [int(ys[0]) + v for v in ya["tickvals"]]
        ya["ticktext"] = [f"{v:,}" for v in ya["tickvals"]]
        return xa, ya

    xa, ya = axes(xs_in, ys_in, 0.0, w_in, "")
    xa2, ya2 = axes(xs_out, ys_out, 1 - w_out, 1.0, "2")
    top = int(f.title * 1.6) + int(f.tick * 1.6) + 10
    notes = [{"text": f"<b>{t}</b>", "x": (a + b) / 2, "y": 1.0, "xref": "paper", "yref": "paper",
              "yshift": int(f.tick * 1.6) + 4, "yanchor": "bottom", "xanchor": "center", "showarrow": False, "font": {"size": f.title}}
             for t, a, b in ((title_in, 0.0, w_in), (title_out, 1 - w_out, 1.0)) if t]
    size = ({"height": int(ch * cell_px) + top + 90, "width": int(total * cell_px) + 50 + f.tick} if present
            else {"height": 460})
    layout = {**size, "margin": {"l": 40 + (f.tick if present else 0), "r": 10, "t": top, "b": 70 + (20 if present else 0),
                                 "pad": 0},
              "plot_bgcolor": GAP, "separators": ".,", "annotations": notes, "dragmode": False,
              "xaxis": xa, "yaxis": ya, "xaxis2": xa2, "yaxis2": ya2, "shapes": frames[0]["layout"]["shapes"],
              "updatemenus": [{"type": "buttons", "showactive": False, "x": 0, "y": -0.02, "xanchor": "left",
                               "yanchor": "top", "direction": "left", "font": {"size": f.tick}, "buttons": [
                                   {"label": "▶", "method": "animate", "args": [None, {
                                       "frame": {"duration": 450, "redraw": True}, "fromcurrent": True,
                                       "transition": {"duration": 0}}]},
                                   {"label": "❚❚", "method": "animate", "args": [[None], {
                                       "mode": "immediate", "frame": {"duration": 0, "redraw": False}}]}]}],
              "sliders": [{"active": 0, "steps": steps, "x": 0.1, "len": 0.9, "y": -0.02,
                           "currentvalue": {"prefix": "(i, j) = ", "font": {"size": f.title if present else f.tick,
                                                                              "color": "#31333f"}},
                           "pad": {"t": 10},
                           # for a projector, no crowded step labels under the slider: the current (i, j) says it
                           **({"font": {"color": "rgba(0,0,0,0)"}, "ticklen": 4} if present else {})}]}
    first = frames[0]["data"]
    data[2]["z"], data[3]["text"] = first[0]["z"], first[1]["text"]  # the first step is drawn from the start
    return _figure({"data": data, "layout": layout, "frames": frames})


def conv_animation_cached(padded: np.ndarray, kernel: np.ndarray, output: np.ndarray, stride: int, dilation: int,
                          title_in: str, title_out: str, present: bool = False) -> go.Figure:
    """conv_animation with positional arguments only (for st.cache_data)."""
    return conv_animation(padded, kernel, output, stride=stride, dilation=dilation, title_in=title_in,
                          title_out=title_out, present=present)


def stack_3d(maps: np.ndarray, *, max_side: int = 32, title: str = "", present: bool = False) -> go.Figure:
    """Feature maps (C, H, W) drawn as a 3-D stack of planes, one per channel (depth = C)."""
    C, H, W = maps.shape
    step = max(1, int(np.ceil(max(H, W) / max_side)))
    small = maps[:, ::step, ::step]  # a 3-D view needs no more than ~32×32 per plane
    h, w = small.shape[1:]
    lo = small.min(axis=(1, 2), keepdims=True)
    span = small.max(axis=(1, 2), keepdims=True) - lo
    norm = (small - lo) / np.where(span == 0, 1, span)  # each plane 0..1
    xs, ys = np.arange(w).tolist(), np.arange(h).tolist()
    data = [{"type": "surface", "x": xs, "y": ys, "z": np.full((h, w), float(c)).tolist(),
             "surfacecolor": norm[c].round(3).tolist(), "colorscale": "Viridis", "cmin": 0, "cmax": 1,
             "showscale": False, "opacity": 0.92, "hoverinfo": "skip", "name": str(c)} for c in range(C)]
    f = fonts(present)
    layout = {"title": {"text": title, "font": {"size": f.title}}, "height": 420 if not present else 600,
              "margin": {"l": 0, "r": 0, "t": int(f.title * 2.2), "b": 0}, "scene": {
        "xaxis": {"title": {"text": "W", "font": {"size": f.tick}}, "showticklabels": False},
        "yaxis": {"title": {"text": "H", "font": {"size": f.tick}}, "showticklabels": False, "autorange": "reversed"},
        "zaxis": {"title": {"text": "C", "font": {"size": f.tick}}, "dtick": max(1, C // 8),
                  "tickfont": {"size": f.tick}}, "aspectmode": "manual",
        "aspectratio": {"x": 1, "y": 1, "z": min(2.0, 0.25 + 0.12 * C)},
        "camera": {"eye": {"x": 1.6, "y": -1.6, "z": 0.9}}}}
    return _figure({"data": data, "layout": layout})


def _wrap(text: str, width_px: float, size: float) -> list[str]:
    """Words on lines of at most width_px at this font size (a word longer than a line keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_px(lines[-1] + " " + word, size, bold=False) <= width_px:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


FLOW_MIN = 0.12  # the smallest box side, as a fraction of the largest: 1 channel beside 512 still shows
# A vector's bar is a line, not a box, so it may be shorter: 10 beside 4,096 still shows (~3 px), and 10 beside
# 64 is drawn shorter than 64 (at FLOW_MIN a Dense 64 and a Dense 10 after a Flatten 500 looked the same).
VECTOR_MIN = 0.02


def shape_flow(labels: list[str], shapes: list[tuple[int, ...]], *, height: int = 280,
               groups: list[tuple[str, int, int]] = (), present: bool = False, width_px: int = 720) -> go.Figure:
    """Layers as boxes, each in a slot of its own: a map's box is as tall as its H and as wide as its channels C,
    both proportional to the largest in the figure (never below FLOW_MIN of it, and the label says the exact
    shape); a vector is a thin bar as tall as its length is to the longest vector's (never below VECTOR_MIN).

    Every slot is equally wide, so the labels under the boxes never run into each other: they wrap by words and
    use a font small enough (down to 10 px; 14 px on a projector) that the longest word fits a slot of a chart
    drawn width_px wide (the pages draw it at least that wide).
    groups: (title, first box, last box) brackets drawn above, e.g. feature extraction / classification.
    """
    f = fonts(present)
    n = max(len(shapes), 1)
    slot_px = width_px / n
    texts = [(label, "×".join(f"{v:,}" for v in shape)) for label, shape in zip(labels, shapes)]
    size = float(f.note)
    while size > (14 if present else 10) and any(text_px(w, size, bold=False) > slot_px - 6
                                                 for label, shape in texts for w in [*label.split(), shape]):
        size -= 1
    maps = [sh for sh in shapes if len(sh) == 3]
    vectors = [sh for sh in shapes if len(sh) != 3]
    top_h, top_c = max((sh[0] for sh in maps), default=1), max((sh[2] for sh in maps), default=1)
    top_n = max((sh[0] for sh in vectors), default=1)
    BOX_H, BOX_W = 6.0, 0.8  # the largest box: 6 units tall (y), 0.8 of its slot wide (x: one unit per slot)
    boxes, notes, spans = [], [], []
    for k, ((label, text), shape) in enumerate(zip(texts, shapes)):
        if len(shape) == 3:
            box_h = BOX_H * max(shape[0] / top_h, FLOW_MIN)
            box_w = BOX_W * max(shape[2] / top_c, FLOW_MIN)
            fill, line = "#d6e4ff", "#3b6fd4"
        else:
            box_h, box_w = BOX_H * max(shape[0] / top_n, VECTOR_MIN), BOX_W * FLOW_MIN
            fill, line = "#ffe7ba", "#d48806"
        x = k + 0.5
        boxes.append({"type": "rect", "x0": x - box_w / 2, "x1": x + box_w / 2, "y0": -box_h / 2, "y1": box_h / 2,
                      "fillcolor": fill, "line": {"color": line}})
        lines = [f"<b>{w}</b>" for w in _wrap(label, slot_px - 6, size)] + [text]
        notes.append({"x": x, "y": -BOX_H / 2 - 0.4, "text": "<br>".join(lines), "showarrow": False,
                      "font": {"size": size}, "yanchor": "top", "xanchor": "center"})
        spans.append((x - 0.45, x + 0.45))
    for title, first, last in groups:
        x0, x1 = spans[first][0], spans[last][1]
        boxes.append({"type": "line", "x0": x0, "x1": x1, "y0": 4.2, "y1": 4.2, "line": {"color": "#888", "width": 2}})
        notes.append({"x": (x0 + x1) / 2, "y": 4.4, "text": f"<b>{title}</b>", "showarrow": False,
                      "yanchor": "bottom", "font": {"size": f.title}})
    n_lines = max(len(_wrap(label, slot_px - 6, size)) for label, _ in texts) + 1 if texts else 1
    # room under the boxes for the labels: d units below 0 with (d − a)·px_per_unit ≥ label_px,
    # px_per_unit = plot_h / (top + d)  =>  d = (a·plot_h + label_px·top) / (plot_h − label_px)
    plot_h = (height if not present else int(height * 1.5)) - 10
    label_px, a, top = n_lines * size * 1.3 + 6, BOX_H / 2 + 0.4, (6.0 if groups else BOX_H / 2 + 0.4)
    d = (a * plot_h + label_px * top) / max(plot_h - label_px, plot_h * 0.2)
    layout = {"shapes": boxes, "annotations": notes, "height": plot_h + 10,
              "dragmode": False,
              "margin": {"l": 0, "r": 0, "t": 10, "b": 0}, "plot_bgcolor": "rgba(0,0,0,0)",
              "xaxis": {"visible": False, "range": [0, n], "fixedrange": True},
              "yaxis": {"visible": False, "range": [-d, top], "fixedrange": True}}
    return _figure({"data": [], "layout": layout})


def _axis(f: Fonts, **extra) -> dict:
    """An axis with thousands separators and readable tick labels."""
    return {"separatethousands": True, "exponentformat": "none", "tickfont": {"size": f.tick}, **extra}


def _title(text: str, f: Fonts) -> dict:
    return {"text": text, "font": {"size": f.tick}}


def training_curves(losses: list[float], train_acc: list[float], test_acc: list[tuple[int, float]],
                    labels: tuple[str, str, str], *, height: int = 260, last: int = 600,
                    present: bool = False) -> go.Figure:
    """Loss (left) and training / test accuracy (right) per batch, as one light figure (redrawn live)."""
    f = fonts(present)
    start = max(0, len(losses) - last)
    steps = list(range(start + 1, len(losses) + 1))
    window = 20  # the training accuracy of one batch is noisy: a running mean over 20 batches
    acc = np.asarray(train_acc[start:], dtype=np.float64)
    smooth = (np.convolve(acc, np.ones(window), "full")[: len(acc)] / np.minimum(np.arange(1, len(acc) + 1), window)
              if len(acc) else acc)
    tests = [(s, a) for s, a in test_acc if s > start]
    data = [
        {"type": "scatter", "x": steps, "y": np.round(losses[start:], 4).tolist(), "name": labels[0],
         "line": {"color": "#3b6fd4"}, "xaxis": "x", "yaxis": "y"},
        {"type": "scatter", "x": steps, "y": np.round(smooth, 4).tolist(), "name": labels[1],
         "line": {"color": "#95b4ee"}, "xaxis": "x2", "yaxis": "y2"},
        {"type": "scatter", "x": [s for s, _ in tests], "y": [a for _, a in tests], "name": labels[2],
         "mode": "lines+markers", "line": {"color": RESULT}, "xaxis": "x2", "yaxis": "y2"},
    ]
    layout = {"height": height if not present else int(height * 1.4), "separators": ".,",
              "margin": {"l": 10 + 4 * f.tick, "r": 10, "t": 2 * f.tick + 6, "b": 2 * f.tick + 6},
              "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,  # above: clear of the ticks
                         "font": {"size": f.tick}},
              "xaxis": _axis(f, domain=[0, 0.45]), "yaxis": _axis(f, rangemode="tozero"),
              "xaxis2": _axis(f, domain=[0.55, 1], anchor="y2"),
              "yaxis2": _axis(f, range=[0, 1], anchor="x2", tickformat=".0%")}
    return _figure({"data": data, "layout": layout})


def filter_pictures(weights: np.ndarray, *, upscale_to: int = 64) -> list[np.ndarray]:
    """First-layer kernels (filters, C, kh, kw) as pictures: blue–white–red for one channel, colour for three.

    In colour, a kernel's R, G, B weights become a pixel's colour around mid-gray (0): a filter that
    responds to red ink looks red. Each kernel is scaled by its own largest |weight|.
    """
    w = np.asarray(weights, dtype=np.float32)
    if w.shape[1] != 3:
        return [raster(k[0], signed=True, upscale_to=upscale_to) for k in w]
    pictures = []
    for k in w:  # (3, kh, kw)
        lim = float(np.abs(k).max()) or 1.0
        img = np.clip(k.transpose(1, 2, 0) * (127.5 / lim) + 127.5, 0, 255).astype(np.uint8)  # (kh, kw, 3)
        n = max(1, upscale_to // max(img.shape[:2]))
        pictures.append(np.repeat(np.repeat(img, n, axis=0), n, axis=1))
    return pictures


def sample_picture(x: np.ndarray, *, upscale_to: int = 56) -> np.ndarray:
    """A dataset image (C, H, W) in 0..1 as a picture: gray for one channel, colour for three; crisp pixels."""
    img = np.clip(np.asarray(x, dtype=np.float32) * 255 + 0.5, 0, 255).astype(np.uint8)
    img = img[0] if img.shape[0] == 1 else img.transpose(1, 2, 0)  # (H, W) or (H, W, 3)
    n = max(1, upscale_to // max(img.shape[:2]))
    return np.repeat(np.repeat(img, n, axis=0), n, axis=1)


def montage(maps: np.ndarray, *, columns: int = 1, cell_px: int = 3, gap: int = 2, signed: bool | None = None,
            zrange: tuple[float, float] | None = None) -> np.ndarray:
    """Feature maps (C, H, W) as ONE picture: a grid of `columns` maps across, all coloured with one
    range (the block's), so a strong map looks strong next to a weak one. Gaps are light gray."""
    maps = np.asarray(maps, dtype=np.float32)
    C, H, W = maps.shape
    c = raster_colours(maps, signed=signed, zrange=zrange)
    rows = -(-C // columns)
    side_h, side_w = H * cell_px, W * cell_px
    out = np.full((rows * side_h + (rows - 1) * gap, columns * side_w + (columns - 1) * gap, 3), 220, np.uint8)
    for k in range(C):
        r, q = divmod(k, columns)
        pic = raster(maps[k], signed=c.signed, zrange=(c.zmin, c.zmax), upscale_to=max(side_h, side_w))
        pic = pic if pic.ndim == 3 else np.repeat(pic[..., None], 3, axis=2)
        y0, x0 = r * (side_h + gap), q * (side_w + gap)
        out[y0: y0 + side_h, x0: x0 + side_w] = pic[:side_h, :side_w]
    return out


def probability_bars(probs: np.ndarray, label: str, *, height: int = 200, present: bool = False) -> go.Figure:
    """Softmax probabilities (10,) of one digit as bars 0–9, the most likely one highlighted."""
    f = fonts(present)
    best = int(np.argmax(probs))
    data = [{"type": "bar", "x": [str(k) for k in range(len(probs))], "y": np.round(probs, 4).tolist(),
             "marker": {"color": [RESULT if k == best else "#95b4ee" for k in range(len(probs))]},
             "name": label, "hovertemplate": "%{x}: %{y:.1%}<extra></extra>"}]
    layout = {"height": height if not present else int(height * 1.4), "separators": ".,",
              # (top: room for half of the 100% label, which sits on the plot's top edge)
              "margin": {"l": 20 + 4 * f.tick, "r": 10, "t": f.tick, "b": 2 * f.tick + 6},
              # every digit labelled (a narrow chart would skip every other one: 0, 2, 4…)
              "xaxis": _axis(f, type="category", tickmode="array", tickvals=data[0]["x"], ticktext=data[0]["x"]),
              # 0 % to 100 % written out: left to itself Plotly dropped the 100 % label on a projector
              "yaxis": _axis(f, range=[0, 1], tickmode="array", tickvals=[0, 0.25, 0.5, 0.75, 1],
                             ticktext=["0%", "25%", "50%", "75%", "100%"], title=_title(label, f))}
    return _figure({"data": data, "layout": layout})


def data_size_curves(rows: list[tuple[int, float, float]], label: str, *, height: int = 260,
                     present: bool = False) -> go.Figure:
    """Test accuracy against training digits per class (log axis), CNN and MLP: rows (n, cnn, mlp)."""
    f = fonts(present)
    n = [r[0] for r in rows]
    data = [{"type": "scatter", "mode": "lines+markers", "x": n, "y": [r[1] for r in rows], "name": "CNN",
             "line": {"color": "#3b6fd4"}, "hovertemplate": "%{x:,}: %{y:.1%}<extra>CNN</extra>"},
            {"type": "scatter", "mode": "lines+markers", "x": n, "y": [r[2] for r in rows], "name": "MLP",
             "line": {"color": WINDOW}, "hovertemplate": "%{x:,}: %{y:.1%}<extra>MLP</extra>"}]
    layout = {"height": height if not present else int(height * 1.4), "separators": ".,",
              "margin": {"l": 20 + 3 * f.tick, "r": 10, "t": 10, "b": 4 * f.tick},
              "legend": {"orientation": "h", "font": {"size": f.tick}},
              "xaxis": _axis(f, type="log", title=_title(label, f), tickvals=n, ticktext=[f"{v:,}" for v in n]),
              "yaxis": _axis(f, tickformat=".0%", rangemode="tozero")}
    return _figure({"data": data, "layout": layout})


def param_bars(names: list[str], params: list[int], label: str, *, height: int = 300,
               present: bool = False) -> go.Figure:
    """Where the parameters are: one bar per layer."""
    f = fonts(present)
    data = [{"type": "bar", "x": names, "y": params, "marker": {"color": "#3b6fd4"}, "name": label,
             "hovertemplate": "%{x}: %{y:,}<extra></extra>"}]
    return _figure({"data": data, "layout": {"height": height if not present else int(height * 1.4),
                                             "separators": ".,",
                                             "margin": {"l": 20 + 4 * f.tick, "r": 10, "t": 10, "b": 80},
                                             "xaxis": _axis(f), "yaxis": _axis(f, title=_title(label, f))}})


LABEL_SPOTS = ("top center", "bottom center", "middle right", "middle left", "top right", "bottom left",
               "top left", "bottom right")


def _label_box(x: float, y: float, spot: str, w: float, h: float, pad: float = 7) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) in px (y up) of a text label of size w×h placed at `spot` around a marker at (x, y)."""
    v, u = spot.split()
    cx = {"left": x - pad - w / 2, "center": x, "right": x + pad + w / 2}[u]
    cy = {"top": y + pad + h / 2, "middle": y, "bottom": y - pad - h / 2}[v]
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(xs_px: list[float], ys_px: list[float], names: list[str], font: int) -> list[str]:
    """A text position per point so no two labels (estimated boxes) overlap each other or a marker:
    the first free spot of LABEL_SPOTS, points taken left to right."""
    sizes = [(0.6 * font * len(n), 1.25 * font) for n in names]
    markers = [(x - 6, y - 6, x + 6, y + 6) for x, y in zip(xs_px, ys_px)]
    placed: list[tuple] = []
    spots = [""] * len(names)
    for k in sorted(range(len(names)), key=lambda k: (xs_px[k], ys_px[k])):
        w, h = sizes[k]
        boxes = {s: _label_box(xs_px[k], ys_px[k], s, w, h) for s in LABEL_SPOTS}
        clear = [s for s in LABEL_SPOTS if not any(_overlap(boxes[s], b) for b in placed)]
        clearest = [s for s in clear if not any(_overlap(boxes[s], m) for i, m in enumerate(markers) if i != k)]
        spot = (clearest or clear or LABEL_SPOTS[:1])[0]  # free of labels and markers, else of labels
        box = boxes[spot]
        spots[k] = spot
        placed.append(box)
    return spots


def _log_ticks(lo: float, hi: float) -> list[float]:
    """1, 3, 10, 30, … between lo and hi (a log axis with round, separated labels)."""
    out = []
    for e in range(int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi))) + 1):
        out += [m * 10.0 ** e for m in (1, 3) if lo <= m * 10.0 ** e <= hi]
    return out


def params_vs_error(names: list[str], params: list[int], top1: list[float | None], top5: list[float | None],
                    labels: tuple[str, str, str], *, height: int = 380, present: bool = False,
                    width_px: int = 900) -> go.Figure:
    """Parameters (log scale) against ImageNet top-1 and top-5 error; networks without an ImageNet
    error (None) are left out. Labels are placed so they do not print over each other (width_px: the
    width the placement assumes)."""
    f = fonts(present)
    keep = [k for k in range(len(names)) if top1[k] is not None]
    names = [names[k] for k in keep]
    params, top1, top5 = [params[k] for k in keep], [top1[k] for k in keep], [top5[k] for k in keep]
    lx = np.log10(params)
    x_lo, x_hi = float(lx.min()) - 0.15, float(lx.max()) + 0.15
    ys = [v for v in top1 + top5 if v is not None]
    y_lo, y_hi = min(ys) - 4, max(ys) + 6
    margin = {"l": 20 + 3 * f.tick, "r": 10, "t": 2 * f.tick + 10, "b": 4 * f.tick + 10}
    plot_w, plot_h = width_px - margin["l"] - margin["r"], height - margin["t"] - margin["b"]
    xs_px = [(v - x_lo) / (x_hi - x_lo) * plot_w for v in lx]
    ys_px = [(v - y_lo) / (y_hi - y_lo) * plot_h for v in top1]
    spots = place_labels(xs_px, ys_px, names, f.note)
    hover = "%{text}: %{x:,} · %{y:.2f} %<extra></extra>"
    data = [{"type": "scatter", "x": params, "y": top1, "text": names, "mode": "markers+text", "name": labels[1],
             "textposition": spots, "textfont": {"size": f.note}, "hovertemplate": hover,
             "marker": {"size": 11, "color": "#3b6fd4"}},
            {"type": "scatter", "x": params, "y": top5, "text": names, "mode": "markers", "name": labels[2],
             "hovertemplate": hover, "marker": {"size": 9, "color": "#f39c12", "symbol": "diamond"}}]
    ticks = _log_ticks(10 ** x_lo, 10 ** x_hi)
    layout = {"height": height, "margin": margin, "separators": ".,",
              "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "font": {"size": f.tick}},
              "xaxis": _axis(f, type="log", title=_title(labels[0], f), range=[x_lo, x_hi], tickvals=ticks,
                             ticktext=[f"{int(v):,}" for v in ticks]),
              "yaxis": _axis(f, title=_title("%", f), range=[y_lo, y_hi])}
    return _figure({"data": data, "layout": layout})
