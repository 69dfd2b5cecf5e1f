"""The colour policy and the chart rules, asserted on the figure dicts the pages send to the browser."""

import json

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from playground import figures, samples


def spec(fig) -> dict:
    return json.loads(fig.to_json())


def heat(fig, k: int = 0) -> dict:
    return [t for t in spec(fig)["data"] if t["type"] == "heatmap"][k]


def texts(fig) -> list[dict]:
    return [t for t in spec(fig)["data"] if t.get("mode") == "text"]


def test_small_values_get_their_own_range_not_0_255():
    grid = samples.sample("grid6")  # 0..9: on a fixed 0..255 scale every cell would be near black
    h = heat(figures.heatmap(grid))
    assert (h["zmin"], h["zmax"]) == (0, 9)
    pic = figures.raster(grid.astype(float), upscale_to=6)
    assert pic.max() == 255  # the largest value is white in the picture too
    counts = np.array([[100, 2, 0], [1, 97, 3], [0, 4, 99]])  # a confusion matrix: off-diagonal cells
    h = heat(figures.heatmap(counts, signed=False))
    assert (h["zmin"], h["zmax"]) == (0, 100)


def test_each_map_in_a_row_has_its_own_range():
    a, b = np.arange(9.0).reshape(3, 3), np.arange(9.0).reshape(3, 3) * 100 - 400
    fig = figures.heatmap_row([a, b], ["a", "b"])
    ha, hb = heat(fig, 0), heat(fig, 1)
    assert (ha["zmin"], ha["zmax"]) == (0, 8) and (hb["zmin"], hb["zmax"]) == (-400, 400)
    assert not ha["showscale"] and hb["showscale"]  # signed: a colour bar says blue < 0 < red


@pytest.mark.parametrize("a, signed, bar", [
    (np.arange(16.0).reshape(4, 4) - 8, None, True),  # signed, even with numbers in the cells
    (np.linspace(0, 0.8, 400).reshape(20, 20), None, True),  # not brightness 0..255, no numbers
    (np.linspace(0, 900, 400).reshape(20, 20), None, True),  # beyond 255
    (np.linspace(0, 255, 400).reshape(20, 20), None, False),  # a picture: gray is brightness
    (samples.sample("grid6"), None, False),  # small, the numbers are printed in the cells
])
def test_colour_bar_where_colour_needs_explaining(a, signed, bar):
    assert heat(figures.heatmap(a, signed=signed))["showscale"] is bar


@settings(max_examples=60)
@given(arrays(np.float64, st.tuples(st.integers(1, 12), st.integers(1, 12)),
              elements=st.floats(-1000, 1000, allow_nan=False)), st.sampled_from([None, True, False]))
def test_every_cell_number_contrasts_with_its_cell(a, signed):
    fig = figures.heatmap(a, signed=signed)
    h, (t,) = heat(fig), texts(fig)
    c = figures.Colours(h["zmin"], h["zmax"], h["colorscale"] == figures.SIGNED, h["showscale"])
    lum = figures.luminance(figures.cell_rgb(np.array(h["z"], dtype=float), c)).ravel()
    text_lum = np.array([0.0 if col == "#000000" else 1.0 for col in t["textfont"]["color"]])
    assert len(text_lum) == a.size
    assert (figures.contrast(lum, text_lum) >= 4.5).all()  # WCAG AA for normal text


def test_255_is_black_text_on_white_not_white_on_white():
    a = np.array([[0, 128], [200, 255]])
    (t,) = texts(figures.heatmap(a))
    colours = dict(zip(t["text"], t["textfont"]["color"]))
    assert colours["255"] == "#000000" and colours["0"] == "#ffffff"


@pytest.mark.parametrize("shape", [(2, 2), (4, 4), (1, 7), (6, 6), (28, 28), (48, 40)])
def test_axes_are_exactly_the_cells_with_integer_ticks(shape):
    a = np.arange(np.prod(shape), dtype=float).reshape(shape)
    layout = spec(figures.heatmap(a, clickable=True, marks=a > 3))["layout"]
    H, W = shape
    assert layout["xaxis"]["range"] == [-0.5, W - 0.5] and layout["yaxis"]["range"] == [H - 0.5, -0.5]
    for axis, n in (("xaxis", W), ("yaxis", H)):
        vals = layout[axis]["tickvals"]
        assert all(isinstance(v, int) and 0 <= v < n for v in vals) and vals[0] == 0
        assert len(vals) <= 12


def test_a_tiny_map_is_drawn_at_cell_size_not_floated_in_big_axes():
    small = spec(figures.heatmap(np.ones((2, 2)), title="out"))["layout"]
    big = spec(figures.heatmap(np.ones((12, 12)), title="out"))["layout"]
    assert small["height"] < big["height"]
    cell = (small["height"] - small["margin"]["t"] - small["margin"]["b"]) / 2
    assert 30 <= cell <= 60


def test_title_sits_above_the_column_ticks():
    layout = spec(figures.heatmap(np.ones((5, 5)), title="Feature map"))["layout"]
    f = figures.fonts()
    # the top margin holds the title line and the tick labels, the title anchored to the top edge
    assert layout["margin"]["t"] >= f.title + f.tick + 8
    assert layout["title"]["yref"] == "container" and layout["title"]["yanchor"] == "top"
    assert layout["xaxis"]["side"] == "top"


def test_presentation_mode_enlarges_numbers_and_ticks():
    a = np.arange(16.0).reshape(4, 4)
    for fig in (figures.heatmap(a, present=True), figures.heatmap_row([a, a], ["a", "b"], present=True)):
        s = spec(fig)
        assert all(t["textfont"]["size"] >= 20 for t in texts(fig))
        assert all(ax["tickfont"]["size"] >= 16 for k, ax in s["layout"].items() if k.startswith(("xaxis", "yaxis")))
    normal, big = spec(figures.heatmap(a))["layout"], spec(figures.heatmap(a, present=True))["layout"]
    assert big["height"] > normal["height"]


def test_thousands_separators_in_figure_text():
    a = np.array([[1234.5, 20000], [-1500, 7]])
    (t,) = texts(figures.heatmap(a))
    assert t["text"] == ["1,234.5", "20,000", "−1,500", "7"]
    assert ",.3~f" in heat(figures.heatmap(a))["hovertemplate"]
    fig = spec(figures.params_vs_error(["A", "B"], [61_100_840, 1_248_424], [43.5, 41.9], [20.9, 19.6],
                                       ("Parameters", "top-1", "top-5")))
    assert all("," in t for t in fig["layout"]["xaxis"]["ticktext"] if len(t) > 3)
    assert fig["layout"]["xaxis"]["separatethousands"]
    assert "10,000,000" in fig["layout"]["xaxis"]["ticktext"]
    flow = spec(figures.shape_flow(["in", "dense"], [(224, 224, 3), (4096,)]))
    assert any("4,096" in n["text"] for n in flow["layout"]["annotations"])
    assert figures.number(1234567) == "1,234,567" and figures.number(-0.004) == "0" and figures.number(2.50) == "2.5"


def test_a_white_map_stays_visible_on_the_page():
    cov = np.full((24, 24), 9.0)  # the coverage map's interior: the largest count, drawn white
    cov[0], cov[:, 0] = 4, 4
    s = spec(figures.heatmap_row([cov, cov], ["with", "without"], signed=[False, False],
                                 zranges=[(0, 9), (0, 9)]))
    assert s["layout"]["plot_bgcolor"] == figures.GAP  # cell gaps drawn gray, not page white
    frames = [sh for sh in s["layout"]["shapes"] if sh["type"] == "rect"]
    assert len(frames) == 2 and all(sh["line"]["color"] == figures.FRAME for sh in frames)
    assert all(h["xgap"] == 1 for h in (heat(s_fig) for s_fig in [figures.heatmap_row([cov], ["x"])]))


def test_squeezenet_labels_do_not_overprint():
    from playground.gallery import GALLERY, gallery_summaries

    s = gallery_summaries()
    names = [n for n in GALLERY if GALLERY[n].top1 is not None]
    fig = spec(figures.params_vs_error(names, [s[n].total_params for n in names],
                                       [100 - GALLERY[n].top1 for n in names],
                                       [100 - GALLERY[n].top5 for n in names], ("p", "1", "5")))
    spots = dict(zip(fig["data"][0]["text"], fig["data"][0]["textposition"]))
    assert spots["SqueezeNet 1.0"] != spots["SqueezeNet 1.1"]


@settings(max_examples=100)
@given(st.lists(st.tuples(st.floats(0, 800), st.floats(0, 300), st.text("abcdefgh", min_size=1, max_size=12)),
                min_size=1, max_size=8))
def test_placed_labels_do_not_overlap_when_room_allows(points):
    xs, ys, names = zip(*points)
    spots = figures.place_labels(list(xs), list(ys), list(names), 12)

    def box(k, spot):
        return figures._label_box(xs[k], ys[k], spot, 0.6 * 12 * len(names[k]), 1.25 * 12)

    order = sorted(range(len(names)), key=lambda i: (xs[i], ys[i]))
    for n, k in enumerate(order):  # each label, against the labels placed before it
        earlier = [box(i, spots[i]) for i in order[:n]]
        room = any(not any(figures._overlap(box(k, s), o) for o in earlier) for s in figures.LABEL_SPOTS)
        assert not room or not any(figures._overlap(box(k, spots[k]), o) for o in earlier)


def test_animation_starts_on_content_with_fixed_axes():
    digit = samples.sample("digit").astype(float)
    padded = np.pad(digit, 1)
    kernel = np.ones((3, 3))
    from playground import conv2d

    out = conv2d(digit, kernel, padding=1)
    s = spec(figures.conv_animation(padded, kernel, out, stride=1, dilation=1))
    inp = np.array(s["data"][0]["z"], dtype=float)
    assert inp.std() > 0 and inp.max() > 0  # not the all-zero corner
    x2 = s["layout"]["xaxis2"]
    n_j = len(s["data"][2]["z"][0])
    assert x2["range"][1] - x2["range"][0] == n_j > 1  # the output panel is as wide as its cells
    first = s["frames"][0]["data"][0]["z"]
    assert sum(v is not None for row in first for v in row) == 1


def test_montage_keeps_one_range_for_a_block():
    maps = np.stack([np.full((4, 4), 1.0), np.full((4, 4), 4.0)])
    pic = figures.montage(maps, columns=2, cell_px=2, gap=2)
    assert pic.shape == (8, 18, 3)
    assert pic[0, 0, 0] < pic[0, -1, 0] == 255  # the weak map is darker than the strong one


# ---- titles and labels fit (issue 12: cut at 1280 px) ----------------------------------------------

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz×()=가나다라마바사", min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 8), st.integers(1, 8), st.lists(WORDS, min_size=1, max_size=5)),
                min_size=1, max_size=4), st.booleans())
def test_every_title_of_a_row_of_maps_fits_over_its_own_map(maps, present):
    """Each title is drawn inside the figure and clear of its neighbours' (a 3×3 map under 'Window (input under the
    kernel)' had its title cut at the figure's left edge)."""
    grids = [np.arange(h * w, dtype=float).reshape(h, w) for h, w, _ in maps]
    titles = [" ".join(words) for *_, words in maps]
    s = spec(figures.heatmap_row(grids, titles, present=present))
    layout = s["layout"]
    plot_w = layout["width"] - layout["margin"]["l"] - layout["margin"]["r"]
    size = layout["annotations"][0]["font"]["size"]
    spans = []
    for note, title in zip(layout["annotations"], titles):
        half = figures.text_px(title, size) / 2
        spans.append((note["x"] * plot_w - half, note["x"] * plot_w + half))
    assert spans[0][0] >= -layout["margin"]["l"] and spans[-1][1] <= plot_w + layout["margin"]["r"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # titles do not overprint each other
    for k in range(len(grids)):  # and each map keeps square cells
        xa, ya = layout[f"xaxis{'' if k == 0 else k + 1}"], layout[f"yaxis{'' if k == 0 else k + 1}"]
        assert ya["scaleanchor"] == f"x{'' if k == 0 else k + 1}" and xa["domain"][1] <= 1 + 1e-9


@given(st.integers(1, 6), st.integers(1, 6), st.lists(WORDS, min_size=1, max_size=6))
def test_a_small_maps_title_fits_its_figure_and_its_cells_stay_square(H, W, words):
    title = " ".join(words)
    layout = spec(figures.heatmap(np.ones((H, W)), title=title))["layout"]
    assert figures.text_px(title, layout["title"]["font"]["size"], bold=False) + 20 <= layout["width"]
    m = layout["margin"]
    assert abs((layout["width"] - m["l"] - m["r"]) / W - (layout["height"] - m["t"] - m["b"]) / H) < 1.0


def flow_boxes(fig) -> list[dict]:
    return [b for b in spec(fig)["layout"]["shapes"] if b["type"] == "rect"]


def test_shape_flow_vectors_are_as_tall_as_their_lengths():
    """The Model page's MLP: Flatten 500 → Dense 64 → Dense 10 are three different bars, in proportion."""
    boxes = flow_boxes(figures.shape_flow(["in", "flatten", "dense", "out"], [(10, 10, 5), (500,), (64,), (10,)]))
    h = [b["y1"] - b["y0"] for b in boxes[1:]]
    assert h[0] > h[1] > h[2] > 0
    assert h[1] / h[0] == pytest.approx(64 / 500) and h[2] / h[0] == pytest.approx(10 / 500)
    big, tiny = [b["y1"] - b["y0"] for b in flow_boxes(figures.shape_flow(["a", "b"], [(4096,), (10,)]))]
    assert tiny / big == pytest.approx(figures.VECTOR_MIN)  # 10/4,096 would be thinner: clamped, still shown


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 512), st.integers(1, 512), st.integers(1, 2048)), min_size=1, max_size=9),
       st.booleans())
def test_shape_flow_boxes_are_as_wide_as_their_channels_and_their_labels_fit_their_slots(shapes, present):
    labels = ["Max pooling 2×2" if k % 2 else "Convolution" for k in range(len(shapes))]
    fig = figures.shape_flow(labels, shapes, present=present)
    boxes, notes = flow_boxes(fig), spec(fig)["layout"]["annotations"]
    top_c, top_h = max(s[2] for s in shapes), max(s[0] for s in shapes)
    widest, tallest = max(b["x1"] - b["x0"] for b in boxes), max(b["y1"] - b["y0"] for b in boxes)
    for k, (box, note, shape) in enumerate(zip(boxes, notes, shapes)):
        w, h = box["x1"] - box["x0"], box["y1"] - box["y0"]
        # proportional to C and to H (the largest fills the box), never thinner than FLOW_MIN of it
        assert w == pytest.approx(widest * max(shape[2] / top_c, figures.FLOW_MIN))
        assert h == pytest.approx(tallest * max(shape[0] / top_h, figures.FLOW_MIN))
        assert k <= box["x0"] and box["x1"] <= k + 1  # inside its own slot
        slot_px = 720 / len(shapes)
        lines = note["text"].replace("<b>", "").replace("</b>", "").split("<br>")
        assert lines[-1] == "×".join(f"{v:,}" for v in shape)  # the exact shape, with separators
        fits = [figures.text_px(line, note["font"]["size"], bold=False) <= slot_px for line in lines]
        assert all(fits) or note["font"]["size"] == (14 if present else 10)  # shrunk to the floor at most


@pytest.mark.parametrize("present", [False, True])
def test_probability_bars_label_the_axis_up_to_100_percent(present):
    """The y axis runs 0–100 % and its top label has room above the plot (on a projector it was dropped)."""
    layout = spec(figures.probability_bars(np.full(10, 0.1), "probability", present=present))["layout"]
    y = layout["yaxis"]
    assert y["range"] == [0, 1] and y["tickvals"][-1] == 1 and y["ticktext"][-1] == "100%"
    assert layout["margin"]["t"] >= y["tickfont"]["size"] / 2 + 1
