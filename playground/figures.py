"""Figures shared by the pages: Plotly heatmaps for small grids, raster images for big maps.

Small grids (≤ 48×48) are heatmaps with values on hover (printed in the cells up to 12×12) and an
invisible marker per cell so a click returns the cell (plotly.js returns no points for heatmap
clicks). Big maps are RGB images: a heatmap of 512×512 would be megabytes of JSON.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .shapes import fmt

HEATMAP_MAX = 48
TEXT_MAX = 12
GRAY = [[0, "#000000"], [1, "#ffffff"]]
SIGNED = "RdBu_r"  # blue negative, white zero, red positive
WINDOW = "#f39c12"
RESULT = "#27ae60"


def _figure(spec: dict) -> go.Figure:
    """A figure from a plain dict, not validated property by property.

    Plotly's validation costs ~100 ms for a 3-D stack and several ms per heatmap, on every rerun;
    these specs are fixed by this module and drawn by the browser tests, so it buys nothing here.
    """
    return go.Figure(spec, _validate=False)


def is_small(a: np.ndarray) -> bool:
    """True when a map is drawn as a heatmap (values on hover), not as a picture."""
    return max(np.shape(a)[-2:]) <= HEATMAP_MAX


def _unsigned_range(a: np.ndarray) -> tuple[float, float]:
    """0..255 for image-like data (so a pixel's gray is its brightness), else 0..max."""
    hi = float(a.max())
    return (0.0, 255.0) if 1 < hi <= 255 else (0.0, hi or 1.0)


def _cell_text(a: np.ndarray) -> list[list[str]]:
    return [[fmt(round(float(v), 2)) for v in row] for row in a]


def heatmap(a: np.ndarray, *, title: str = "", signed: bool | None = None, rects: list[tuple] = (),
            marks: np.ndarray | None = None, height: int = 320, zrange: tuple[float, float] | None = None,
            clickable: bool = False) -> go.Figure:
    """A 2-D grid as a heatmap; rects are (top, left, bottom, right, colour) outlines in cell units.

    Built as one dict and validated once: a figure assembled with update_* calls costs ~10× more,
    and pages draw several per interaction.
    """
    a = np.asarray(a, dtype=np.float64)
    H, W = a.shape
    signed = bool(a.min() < 0) if signed is None else signed
    lim = float(np.abs(a).max()) or 1.0
    if zrange is None:
        zrange = (-lim, lim) if signed else _unsigned_range(a)
    with_text = max(H, W) <= TEXT_MAX
    data = [{"type": "heatmap", "z": a.tolist(), "colorscale": SIGNED if signed else GRAY, "zmin": zrange[0],
             "zmax": zrange[1], "showscale": False, "xgap": 1, "ygap": 1,
             "hovertemplate": "row %{y}, col %{x}: %{z:.3f}<extra></extra>",
             **({"text": _cell_text(a), "texttemplate": "%{text}", "textfont": {"size": 12}} if with_text else {})}]
    if clickable:  # one invisible square per cell centre: clicks on it come back as points
        yy, xx = np.mgrid[:H, :W]
        data.append({"type": "scatter", "x": xx.ravel().tolist(), "y": yy.ravel().tolist(), "mode": "markers",
                     "hoverinfo": "skip", "showlegend": False,
                     "marker": {"symbol": "square", "size": max(6, 300 // max(H, W)), "opacity": 0}})
    if marks is not None and np.any(marks):  # e.g. cells that are padding
        ys, xs = np.nonzero(marks)
        data.append({"type": "scatter", "x": xs.tolist(), "y": ys.tolist(), "mode": "markers", "hoverinfo": "skip",
                     "showlegend": False, "marker": {"symbol": "x-thin", "size": 8,
                                                     "line": {"width": 1, "color": "#999"}}})
    shapes = [{"type": "rect", "x0": left - 0.5, "x1": right + 0.5, "y0": top - 0.5, "y1": bottom + 0.5,
               "line": {"color": colour, "width": 3}} for top, left, bottom, right, colour in rects]
    tick = {"dtick": 1} if with_text else {}
    layout = {"title": {"text": title, "font": {"size": 14}}, "height": height, "shapes": shapes,
              "margin": {"l": 10, "r": 10, "t": 50 if title else 30, "b": 10}, "clickmode": "event+select",
              "dragmode": False,
              "yaxis": {"autorange": "reversed", "scaleanchor": "x", "constrain": "domain", "showgrid": False,
                        "zeroline": False, **tick},
              "xaxis": {"side": "top", "showgrid": False, "zeroline": False, "constrain": "domain", **tick}}
    return _figure({"data": data, "layout": layout})


def heatmap_row(grids: list[np.ndarray], titles: list[str], *, signed: list[bool | None] | None = None,
                zranges: list[tuple[float, float] | None] | None = None, height: int = 300,
                marks: list[np.ndarray | None] | None = None) -> go.Figure:
    """Several small grids side by side in ONE figure (one chart to redraw instead of several)."""
    n = len(grids)
    signed = signed or [None] * n
    zranges = zranges or [None] * n
    marks = marks or [None] * n
    data, layout, gap = [], {"height": height, "margin": {"l": 10, "r": 10, "t": 75, "b": 10}, "dragmode": False,
                             "annotations": []}, 0.06
    width = (1 - gap * (n - 1)) / n
    for k, (a, title) in enumerate(zip(grids, titles)):
        single = heatmap(a, signed=signed[k], zrange=zranges[k], marks=marks[k])
        suffix = "" if k == 0 else str(k + 1)
        for trace in single.data:
            data.append(trace.update(xaxis=f"x{suffix}", yaxis=f"y{suffix}"))
        x0 = k * (width + gap)
        xa, ya = single.layout.xaxis.to_plotly_json(), single.layout.yaxis.to_plotly_json()
        layout[f"xaxis{suffix}"] = {**xa, "domain": [x0, x0 + width], "anchor": f"y{suffix}"}
        layout[f"yaxis{suffix}"] = {**ya, "scaleanchor": f"x{suffix}", "anchor": f"x{suffix}"}
        layout["annotations"].append({"text": f"<b>{title}</b>", "x": x0 + width / 2, "y": 1.0, "yshift": 42, "xref": "paper",
                                      "yref": "paper", "showarrow": False, "font": {"size": 13}})
    return _figure({"data": data, "layout": layout})


def _signed_lut() -> np.ndarray:
    """(256, 3) uint8: index 0 = most negative (blue), 128 ≈ zero (white), 255 = most positive (red)."""
    t = np.linspace(-1, 1, 256)
    pos, neg = np.clip(t, 0, 1), np.clip(-t, 0, 1)
    rgb = np.stack([1 - neg * 0.85, 1 - (pos + neg) * 0.8, 1 - pos * 0.85], axis=-1)
    return (rgb * 255).round().astype(np.uint8)


SIGNED_LUT = _signed_lut()


def raster(a: np.ndarray, *, signed: bool | None = None, upscale_to: int = 256,
           zrange: tuple[float, float] | None = None, rects: list[tuple] = (), max_side: int | None = None) -> np.ndarray:
    """A map as a picture: gray (H, W) uint8 for 0..255 data, blue–white–red (H, W, 3) around 0 for signed data.

    max_side thins a big map (every k-th pixel) to what its place on the page can show anyway.
    """
    a = np.asarray(a, dtype=np.float32)  # float32 halves the memory traffic of a 512² map
    step = max(1, -(-max(a.shape) // max_side)) if max_side else 1
    if step > 1:
        a = a[::step, ::step]
        rects = [(t // step, l // step, b // step, r // step, c) for t, l, b, r, c in rects]
    signed = bool(a.min() < 0) if signed is None else signed
    if signed:
        lim = float(np.abs(a).max()) or 1.0
        q = np.clip(a * (127.5 / lim) + 127.5, 0, 255).astype(np.uint8)
        img = SIGNED_LUT[q]  # a table look-up per pixel
    else:
        lo, hi = zrange if zrange is not None else _unsigned_range(a)
        img = np.clip((a - lo) * (255.0 / ((hi - lo) or 1.0)), 0, 255).astype(np.uint8)
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


def conv_animation(padded: np.ndarray, kernel: np.ndarray, output: np.ndarray, *, stride: int, dilation: int,
                   crop: int = 16, title_in: str = "", title_out: str = "") -> go.Figure:
    """The sliding window on a crop of at most crop×crop padded pixels, played in the browser (Plotly frames)."""
    kh, kw = kernel.shape
    span_h, span_w = dilation * (kh - 1) + 1, dilation * (kw - 1) + 1
    # output cells whose whole window fits in the top-left crop
    n_i = min(output.shape[0], max(1, (min(crop, padded.shape[0]) - span_h) // stride + 1))
    n_j = min(output.shape[1], max(1, (min(crop, padded.shape[1]) - span_w) // stride + 1))
    ch, cw = (n_i - 1) * stride + span_h, (n_j - 1) * stride + span_w
    inp, out = padded[:ch, :cw], output[:n_i, :n_j]
    fig = make_subplots(1, 2, subplot_titles=(title_in, title_out), horizontal_spacing=0.08,
                        column_widths=[cw / (cw + n_j), max(0.25, n_j / (cw + n_j))])
    text_in = _cell_text(inp) if max(inp.shape) <= 16 else None
    fig.add_trace(go.Heatmap(z=inp, colorscale=GRAY, zmin=0, zmax=max(255.0, float(inp.max())), showscale=False,
                             text=text_in, texttemplate="%{text}" if text_in else None, textfont={"size": 10},
                             xgap=1, ygap=1, hovertemplate="%{z}<extra></extra>"), 1, 1)
    lim = float(np.abs(out).max()) or 1.0
    hidden = np.full(out.shape, np.nan)
    fig.add_trace(go.Heatmap(z=hidden, colorscale=SIGNED, zmin=-lim, zmax=lim, showscale=False, xgap=1, ygap=1,
                             texttemplate="%{text}", text=[[""] * n_j] * n_i, textfont={"size": 11},
                             hovertemplate="%{z:.2f}<extra></extra>"), 1, 2)
    frames, steps = [], []
    for idx in range(n_i * n_j):
        i, j = divmod(idx, n_j)
        z = hidden.copy().ravel()
        z[: idx + 1] = out.ravel()[: idx + 1]
        text = [[fmt(round(float(v), 1)) if not np.isnan(v) else "" for v in row] for row in z.reshape(out.shape)]
        r0, c0 = i * stride, j * stride
        shapes = [
            dict(type="rect", xref="x", yref="y", x0=c0 - 0.5, x1=c0 + span_w - 0.5, y0=r0 - 0.5,
                 y1=r0 + span_h - 0.5, line={"color": WINDOW, "width": 3}),
            dict(type="rect", xref="x2", yref="y2", x0=j - 0.5, x1=j + 0.5, y0=i - 0.5, y1=i + 0.5,
                 line={"color": RESULT, "width": 3}),
        ]
        frames.append(go.Frame(name=str(idx), data=[go.Heatmap(), go.Heatmap(z=z.reshape(out.shape), text=text)],
                               traces=[0, 1], layout={"shapes": shapes}))
        steps.append({"label": f"{i},{j}", "method": "animate",
                      "args": [[str(idx)], {"mode": "immediate", "frame": {"duration": 0, "redraw": True}}]})
    fig.frames = frames
    fig.update_layout(shapes=frames[0].layout.shapes, height=420, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      updatemenus=[{"type": "buttons", "showactive": False, "x": 0, "y": -0.05, "xanchor": "left",
                                    "yanchor": "top", "direction": "left", "buttons": [
                                        {"label": "▶", "method": "animate", "args": [None, {
                                            "frame": {"duration": 450, "redraw": True}, "fromcurrent": True,
                                            "transition": {"duration": 0}}]},
                                        {"label": "❚❚", "method": "animate", "args": [[None], {
                                            "mode": "immediate", "frame": {"duration": 0, "redraw": False}}]}]}],
                      sliders=[{"active": 0, "steps": steps, "x": 0.1, "len": 0.9, "y": -0.05,
                                "currentvalue": {"prefix": "(i, j) = "}, "pad": {"t": 10}}])
    for axis in ("yaxis", "yaxis2"):
        fig.layout[axis].update(autorange="reversed", scaleanchor=axis.replace("yaxis", "x"), showgrid=False)
    fig.update_xaxes(showgrid=False, side="top")
    return fig


def conv_animation_cached(padded: np.ndarray, kernel: np.ndarray, output: np.ndarray, stride: int, dilation: int,
                          title_in: str, title_out: str) -> go.Figure:
    """conv_animation with positional arguments only (for st.cache_data)."""
    return conv_animation(padded, kernel, output, stride=stride, dilation=dilation, title_in=title_in,
                          title_out=title_out)


def stack_3d(maps: np.ndarray, *, max_side: int = 32, title: str = "") -> go.Figure:
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
    layout = {"title": {"text": title}, "height": 420, "margin": {"l": 0, "r": 0, "t": 40, "b": 0}, "scene": {
        "xaxis": {"title": {"text": "W"}, "showticklabels": False},
        "yaxis": {"title": {"text": "H"}, "showticklabels": False, "autorange": "reversed"},
        "zaxis": {"title": {"text": "C"}, "dtick": 1}, "aspectmode": "manual",
        "aspectratio": {"x": 1, "y": 1, "z": min(2.0, 0.25 + 0.12 * C)},
        "camera": {"eye": {"x": 1.6, "y": -1.6, "z": 0.9}}}}
    return _figure({"data": data, "layout": layout})


def shape_flow(labels: list[str], shapes: list[tuple[int, ...]], *, height: int = 280,
               groups: list[tuple[str, int, int]] = ()) -> go.Figure:
    """Layers as boxes: height ∝ H (log), width ∝ depth C (log); vectors as thin bars.

    groups: (title, first box, last box) brackets drawn above, e.g. feature extraction / classification.
    """
    boxes, notes, spans = [], [], []
    x = 0.0
    for label, shape in zip(labels, shapes):
        if len(shape) == 3:
            box_h, box_w = 1 + np.log2(max(shape[0], 1)), 0.6 + 0.6 * np.log2(max(shape[2], 1))
            text, fill, line = f"{shape[0]}×{shape[1]}×{shape[2]}", "#d6e4ff", "#3b6fd4"
        else:
            box_h, box_w = 1 + np.log2(max(shape[0], 1)), 0.5
            text, fill, line = f"{shape[0]}", "#ffe7ba", "#d48806"
        boxes.append({"type": "rect", "x0": x, "x1": x + box_w, "y0": -box_h / 2, "y1": box_h / 2,
                      "fillcolor": fill, "line": {"color": line}})
        notes.append({"x": x + box_w / 2, "y": -box_h / 2 - 0.6, "text": f"<b>{label}</b><br>{text}",
                      "showarrow": False, "font": {"size": 11}, "yanchor": "top"})
        spans.append((x, x + box_w))
        x += box_w + 1.2
    for title, first, last in groups:
        x0, x1 = spans[first][0], spans[last][1]
        boxes.append({"type": "line", "x0": x0, "x1": x1, "y0": 7.2, "y1": 7.2, "line": {"color": "#888", "width": 2}})
        notes.append({"x": (x0 + x1) / 2, "y": 7.4, "text": f"<b>{title}</b>", "showarrow": False,
                      "yanchor": "bottom", "font": {"size": 13}})
    layout = {"shapes": boxes, "annotations": notes, "height": height, "dragmode": False,
              "margin": {"l": 0, "r": 0, "t": 10, "b": 0}, "plot_bgcolor": "rgba(0,0,0,0)",
              "xaxis": {"visible": False, "range": [-0.5, x]}, "yaxis": {"visible": False, "range": [-12, 10]}}
    return _figure({"data": [], "layout": layout})


def training_curves(losses: list[float], train_acc: list[float], test_acc: list[tuple[int, float]],
                    labels: tuple[str, str, str], *, height: int = 260, last: int = 600) -> go.Figure:
    """Loss (left) and training / test accuracy (right) per batch, as one light figure (redrawn live)."""
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
    layout = {"height": height, "margin": {"l": 40, "r": 10, "t": 30, "b": 30},
              "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},  # above: clear of the ticks
              "xaxis": {"domain": [0, 0.45]}, "yaxis": {"rangemode": "tozero"},
              "xaxis2": {"domain": [0.55, 1], "anchor": "y2"}, "yaxis2": {"range": [0, 1], "anchor": "x2"}}
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


def probability_bars(probs: np.ndarray, label: str, *, height: int = 200) -> go.Figure:
    """Softmax probabilities (10,) of one digit as bars 0–9, the most likely one highlighted."""
    best = int(np.argmax(probs))
    data = [{"type": "bar", "x": [str(k) for k in range(len(probs))], "y": np.round(probs, 4).tolist(),
             "marker": {"color": [RESULT if k == best else "#95b4ee" for k in range(len(probs))]},
             "name": label, "hovertemplate": "%{x}: %{y:.1%}<extra></extra>"}]
    layout = {"height": height, "margin": {"l": 40, "r": 10, "t": 10, "b": 30},
              "xaxis": {"type": "category"}, "yaxis": {"range": [0, 1], "tickformat": ".0%", "title": {"text": label}}}
    return _figure({"data": data, "layout": layout})


def data_size_curves(rows: list[tuple[int, float, float]], label: str, *, height: int = 260) -> go.Figure:
    """Test accuracy against training digits per class (log axis), CNN and MLP: rows (n, cnn, mlp)."""
    n = [r[0] for r in rows]
    data = [{"type": "scatter", "mode": "lines+markers", "x": n, "y": [r[1] for r in rows], "name": "CNN",
             "line": {"color": "#3b6fd4"}, "hovertemplate": "%{x}: %{y:.1%}<extra>CNN</extra>"},
            {"type": "scatter", "mode": "lines+markers", "x": n, "y": [r[2] for r in rows], "name": "MLP",
             "line": {"color": WINDOW}, "hovertemplate": "%{x}: %{y:.1%}<extra>MLP</extra>"}]
    layout = {"height": height, "margin": {"l": 50, "r": 10, "t": 10, "b": 40}, "legend": {"orientation": "h"},
              "xaxis": {"type": "log", "title": {"text": label}, "tickvals": n},
              "yaxis": {"tickformat": ".0%", "rangemode": "tozero"}}
    return _figure({"data": data, "layout": layout})


def param_bars(names: list[str], params: list[int], label: str, *, height: int = 300) -> go.Figure:
    """Where the parameters are: one bar per layer."""
    data = [{"type": "bar", "x": names, "y": params, "marker": {"color": "#3b6fd4"}, "name": label,
             "hovertemplate": "%{x}: %{y:,}<extra></extra>"}]
    return _figure({"data": data, "layout": {"height": height, "margin": {"l": 40, "r": 10, "t": 10, "b": 80},
                                             "yaxis": {"title": {"text": label}}}})


def params_vs_error(names: list[str], params: list[int], top1: list[float], top5: list[float],
                    labels: tuple[str, str, str], *, height: int = 380) -> go.Figure:
    """Parameters (log scale) against ImageNet top-1 and top-5 error."""
    data = [{"type": "scatter", "x": params, "y": top1, "text": names, "mode": "markers+text", "name": labels[1],
             "textposition": "top center", "marker": {"size": 11, "color": "#3b6fd4"}},
            {"type": "scatter", "x": params, "y": top5, "text": names, "mode": "markers", "name": labels[2],
             "marker": {"size": 9, "color": "#f39c12", "symbol": "diamond"}}]
    layout = {"height": height, "margin": {"l": 50, "r": 10, "t": 10, "b": 50}, "legend": {"orientation": "h"},
              "xaxis": {"type": "log", "title": {"text": labels[0]}}, "yaxis": {"title": {"text": "%"}}}
    return _figure({"data": data, "layout": layout})
