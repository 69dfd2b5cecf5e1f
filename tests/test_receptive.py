"""The receptive field layer by layer (issue 13): playground.receptive against shapes.receptive_field and
against torch autograd; the component's payload; the Channels page's sentence under AppTest in both languages.

The browser walks the field with the same steps (ui/receptive/receptive.js, fieldPerLayer); the Chromium test
(test_receptive_browser.py) compares what it lights with field_per_layer cell by cell.
"""

from __future__ import annotations

import numpy as np
import pytest
from app_session import app, fresh
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as hs

from playground.i18n import t
from playground.lessons import stack_lesson
from playground.receptive import field_per_layer, layer_sizes, stack_layers
from playground.shapes import Layer, Rect, receptive_field
from ui.receptive import _cell
from ui.receptive.payload import PICTURE_SIDE, build_payload, picture, read_picture, sentence, templates

# ---- the arithmetic ------------------------------------------------------------------------------------------

layer_st = hs.builds(Layer, kind=hs.sampled_from(["conv", "pool"]), kernel_size=hs.integers(1, 5),
                     stride=hs.integers(1, 3), padding=hs.integers(0, 2), dilation=hs.integers(1, 3))


@hs.composite
def stacks(draw, max_layers=4):
    """An input size, 1..max_layers layers that fit it, and a cell of the last layer."""
    layers = draw(hs.lists(layer_st, min_size=1, max_size=max_layers))
    need = 1  # the smallest input that gives the last layer one cell: walk one cell back
    for l in reversed(layers):
        need = max(1, (need - 1) * l.stride - 2 * l.padding + l.dilation * (l.kernel_size - 1) + 1)
    H, W = draw(hs.integers(need, need + 24)), draw(hs.integers(need, need + 24))
    OH, OW = layer_sizes((H, W), layers)[-1]
    return (H, W), layers, (draw(hs.integers(0, OH - 1)), draw(hs.integers(0, OW - 1)))


def walk_unclipped_reaches_every_row(hw, layers) -> bool:
    """True when no stride leaves trailing rows or columns unread (then clipping at the end equals clipping
    at every layer)."""
    sizes = layer_sizes(hw, layers)
    for l, (h, w), (oh, ow) in zip(layers, sizes, sizes[1:]):
        last = lambda n: (n - 1) * l.stride - l.padding + l.dilation * (l.kernel_size - 1)  # noqa: E731
        if last(oh) < h - 1 or last(ow) < w - 1:
            return False
    return True


@settings(deadline=None)
@given(stacks())
def test_the_input_field_is_receptive_field_clipped(case):
    hw, layers, at = case
    fields = field_per_layer(hw, layers, at)
    assert len(fields) == len(layers) + 1 and fields[-1].rect == Rect(at[0], at[1], at[0], at[1])
    seen, full = fields[0].rect, receptive_field(layers, at).clip(*hw)
    # every layer's rect lies inside its grid and inside shapes.receptive_field's rectangle ...
    for f in fields:
        assert f.rect is None or (0 <= f.rect.top <= f.rect.bottom < f.size[0]
                                  and 0 <= f.rect.left <= f.rect.right < f.size[1])
    if seen is None:  # a window that reads only padding: nothing further down (autograd agrees, below)
        assert any(f.rect is None and f.reach is not None for f in fields)
        return
    assert full.top <= seen.top and full.left <= seen.left and seen.bottom <= full.bottom and seen.right <= full.right
    # ... and equals it whenever no stride leaves a trailing row unread (the only other way the two walks differ)
    if walk_unclipped_reaches_every_row(hw, layers):
        assert seen == full
    if all(l.padding == 0 for l in layers):  # valid layers never reach outside: nothing is clipped at all
        assert not any(f.touches_padding for f in fields)
        assert fields[0].reach == receptive_field(layers, at)


def test_a_stride_that_leaves_a_row_unread_is_clipped_layer_by_layer():
    # 7 rows -> 2×2 pooling, stride 2 -> 3 rows (row 6 is read by no window) -> 3×3 conv, padding 1 -> 3 rows
    layers = [Layer("pool", 2, 2, 0), Layer("conv", 3, 1, 1)]
    fields = field_per_layer((7, 7), layers, (2, 2))
    assert fields[1].reach == Rect(1, 1, 3, 3) and fields[1].rect == Rect(1, 1, 2, 2)  # row 3 is padding
    assert fields[0].rect == Rect(2, 2, 5, 5)
    assert receptive_field(layers, (2, 2)).clip(7, 7) == Rect(2, 2, 6, 6)  # the unclipped walk claims row 6


def torch_stack(layers: list[Layer]) -> list[torch.nn.Module]:
    """Generic weights: positive conv weights (no cancellation), average pooling (a max pool routes its gradient
    to one cell only; the geometry is the same)."""
    gen = torch.Generator().manual_seed(0)
    mods = []
    for l in layers:
        if l.kind == "conv":
            conv = torch.nn.Conv2d(1, 1, l.kernel_size, l.stride, l.padding, l.dilation, bias=False).double()
            with torch.no_grad():
                conv.weight.copy_(torch.rand(conv.weight.shape, generator=gen, dtype=torch.float64) + 0.5)
            mods.append(conv)
        else:
            mods.append(torch.nn.AvgPool2d(l.kernel_size, l.stride, l.padding))  # (no dilation in AvgPool2d)
    return mods


def autograd_support(hw, layers, at) -> list[np.ndarray]:
    """Per grid (input first): where d out[at] / d grid is nonzero, from torch autograd."""
    x = torch.rand((1, 1, *hw), dtype=torch.float64, generator=torch.Generator().manual_seed(1)) + 0.5
    grids = [x.requires_grad_()]
    for m in torch_stack(layers):
        grids.append(m(grids[-1]))
        grids[-1].retain_grad()
    grids[-1][0, 0, at[0], at[1]].backward()
    return [g.grad[0, 0].numpy() != 0 for g in grids]


def pool_fits_torch(l: Layer) -> bool:
    return l.kind == "conv" or (l.dilation == 1 and 2 * l.padding <= l.kernel_size)  # AvgPool2d's own limits


@settings(deadline=None, max_examples=150)
@given(stacks(max_layers=3))
def test_autograd_depends_exactly_on_the_field(case):
    hw, layers, at = case
    assume(all(pool_fits_torch(l) for l in layers))
    fields = field_per_layer(hw, layers, at)
    # every window is one solid block touching its grid when dilation is 1, stride <= kernel and padding < kernel:
    # then the cell depends on every cell of each rect; otherwise (dilation, big strides, wide padding) some
    # taps skip cells or read only padding, and each rect is an upper bound of what the cell depends on
    solid = all(l.dilation == 1 and l.stride <= l.kernel_size and l.padding < l.kernel_size for l in layers)
    for f, support in zip(fields, autograd_support(hw, layers, at)):
        inside = np.zeros_like(support)
        if f.rect is not None:
            inside[f.rect.top: f.rect.bottom + 1, f.rect.left: f.rect.right + 1] = True
        assert not (support & ~inside).any()  # nothing outside the rect
        if solid:
            assert np.array_equal(support, inside)


def test_the_page_stack_is_stack_lesson_geometry():
    specs = [dict(kernel_size=5, filters=6, pool=2), dict(kernel_size=3, filters=10, pool=2), dict(kernel_size=3,
                                                                                                   filters=14)]
    lesson = stack_lesson((64, 48, 3), specs, at=(2, 1))
    sizes = layer_sizes((64, 48), stack_layers(specs))
    assert sizes == [r.shape[:2] for r in lesson.rows]
    assert field_per_layer((64, 48), stack_layers(specs), (2, 1))[0].rect == lesson.field_clipped


def test_refused_cells_and_stacks():
    with pytest.raises(ValueError, match="outside"):
        field_per_layer((28, 28), [Layer(kernel_size=5)], (24, 0))
    with pytest.raises(ValueError, match="at must be"):
        field_per_layer((28, 28), [Layer(kernel_size=5)], (-1, 0))
    with pytest.raises(ValueError, match="larger than its input"):
        layer_sizes((4, 4), [Layer(kernel_size=5)])


# ---- the payload and the sentence ----------------------------------------------------------------------------

def test_payload_geometry_picture_and_templates():
    img = (np.arange(512 * 512 * 3) % 251).reshape(512, 512, 3).astype(np.uint8)
    layers = stack_layers([dict(kernel_size=5, pool=2), dict(kernel_size=5, pool=2)])
    d = build_payload(img, layers, lang="ko", selected=(999, -4))
    assert d["sizes"] == [list(s) for s in layer_sizes((512, 512), layers)]
    assert d["selected"] == [d["sizes"][-1][0] - 1, 0]  # clamped into the last layer
    assert [(x["kernel_size"], x["stride"]) for x in d["layers"]] == [(5, 1), (2, 2), (5, 1), (2, 2)]
    pic, f = picture(img)
    assert max(pic.shape) <= PICTURE_SIDE and f == 2 and np.array_equal(read_picture(d), pic)
    assert abs(int(pic[0, 0]) - img[:2, :2].mean()) <= 0.5 + 1e-9
    assert d["names"][0] == "입력 · 512×512" and d["names"][2].startswith("2층: 풀링 2×2")
    assert "{i}" in d["labels"]["sentence"] and "**" not in d["labels"]["sentence"]
    print(f"receptive payload for a 512² RGB photo and 4 layers: {len(str(d)):,} characters of JSON")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_browser_template_filled_is_the_server_sentence(lang):
    layers = [Layer("conv", 3, 1, 1), Layer("pool", 2, 2, 0), Layer("conv", 3, 2, 1, 2)]
    for at in [(0, 0), (1, 2), (2, 2)]:
        fields = field_per_layer((16, 16), layers, at)
        r, padded = fields[0].rect, any(f.touches_padding for f in fields[:-1])
        template = templates(lang)["sentence_padding" if padded else "sentence"]
        filled = template.format(i=at[0], j=at[1], n=3, top=r.top, bottom=r.bottom, left=r.left, right=r.right,
                                 h=r.height, w=r.width)
        assert filled == sentence(fields, lang, bold=False)
    assert sentence(field_per_layer((16, 16), layers, (0, 0)), "en").endswith("its windows also reach into the "
                                                                             "padding.")
    only_padding = field_per_layer((3, 3), [Layer("conv", 1, 1, 1)], (0, 0))
    assert only_padding[0].rect is None and "only padding" in sentence(only_padding, "en")
    assert templates(lang)["sentence_none"].format(i=0, j=0, n=1) == sentence(only_padding, lang)


def test_clicks_are_checked():
    assert _cell([2, 3], (4, 4)) == (2, 3)
    for bad in ([4, 0], [-1, 2], ["1", "2"], [1.5, 2], None, [1, 2, 3], {"i": 1}, [True, 1]):
        assert _cell(bad, (4, 4)) is None


# ---- the Channels page under AppTest (the component itself does not run there) --------------------------------

def open_channels(lang: str, **state):

    at = app()  # the shared hang guard (tests/app_session.py), not a speed limit
    at.session_state["lang"] = lang
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    at.switch_page("pages/channels.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def expected(img_hw, specs, cell, lang) -> str:
    return sentence(field_per_layer(img_hw, stack_layers(specs), cell), lang)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_channels_page_sentence_follows_the_stored_cell(lang):
    img = np.zeros((32, 32, 3), np.uint8)
    at = open_channels(lang, image=img, image_label="black")
    specs = [dict(kernel_size=5), dict(kernel_size=5)]  # the page's defaults: two 5×5 layers, 32 -> 28 -> 24
    shown = [m.value for m in at.markdown]
    assert expected((32, 32), specs, (12, 12), lang) in shown  # no cell chosen yet: the centre
    at.session_state["_learner"] = {**at.session_state["_learner"], "rf_cell": (3, 5)}  # as a click stores it
    at.run()
    text = expected((32, 32), specs, (3, 5), lang)
    assert text in [m.value for m in at.markdown]
    assert text == (t("rf_sentence", lang, i=3, j=5, n=2, top=3, bottom=11, left=5, right=13, h=9, w=9))
    assert at.query_params["rf_cell"] == "3,5"  # the kept cell is in the lesson link
    at.toggle(key="layers_pool").set_value(True).run()  # 24×24 -> 5×5: the cell keeps its place, as on Convolution
    moved = expected((32, 32), [dict(kernel_size=5, pool=2)] * 2, (0, 1), lang)  # (3.5/24, 5.5/24) of the way
    assert moved in [m.value for m in at.markdown]
    assert "**16×16**" in moved


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_link_reopens_the_kept_cells_of_both_explorers(lang):
    img = np.zeros((32, 32, 3), np.uint8)
    first = open_channels(lang, image=img, image_label="black")
    first.session_state["_learner"] = {**first.session_state["_learner"], "rf_cell": (2, 7), "ch_cell": (4, 9)}
    first.run()
    link = {k: first.query_params[k] for k in ("rf_cell", "ch_cell")}
    assert link["rf_cell"] == "2,7" and link["ch_cell"] == "4,9"
    other = fresh("pages/channels.py", lang=lang, rf_cell="2,7", ch_cell="4,9")  # a student opens the link
    assert other.session_state["_learner"]["ch_cell"] == (4, 9)  # the explorer opens on it (its `selected`)
    specs = [dict(kernel_size=5), dict(kernel_size=5)]
    h, w = other.session_state["image"].shape[:2]
    assert expected((h, w), specs, (2, 7), lang) in [m.value for m in other.markdown]


@pytest.mark.parametrize("raw", ["99999,1", "a,b", "1", "-1,2"])
def test_a_tampered_cell_in_a_link_is_refused_in_words(raw):
    at = fresh("pages/channels.py", rf_cell=raw)
    assert not at.exception
    assert any(raw in w.value for w in at.warning), [w.value for w in at.warning]  # said, and the centre shown
