"""Widgets and display helpers that several pages share (the UI side: computation lives in playground/)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import KERNELS, figures, samples
from playground._args import InputError
from playground.i18n import LANGS, t
from playground.kernels import kernel_text, parse_kernel


# ---------------------------------------------------------------- routing
def _leave_legacy_multipage() -> None:
    """Run every page through app.py's st.navigation, even when a link opens a page first.

    Streamlit 1.67 treats an app with a pages/ folder as a legacy multipage app until app.py has
    called st.navigation once in the process; a lesson link to /convolution on a fresh server would
    then run the page alone (no language switch, no page config). Flip the flag and rerun once.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# ---------------------------------------------------------------- language
def lang() -> str:
    """The learner's language: 'en' or 'ko'."""
    _leave_legacy_multipage()  # every page asks for its language first thing (a flag read; reruns once)
    value = st.session_state.get("lang")
    return value if value in LANGS else default_lang()


def default_lang() -> str:
    """Korean when the browser says so, English otherwise."""
    try:
        locale = st.context.locale or ""
    except Exception:  # no browser (tests, scripts)
        locale = ""
    return "ko" if str(locale).lower().startswith("ko") else "en"


def T(key: str, **values: object) -> str:
    """The UI text for key, in the learner's language."""
    return t(key, lang(), **values)


def class_label(data, k: int) -> str:
    """The name of class k of a training dataset, in the learner's language (digits are themselves)."""
    c = data.classes[k]
    return c if data.name == "digits" else T(f"cls_{c}")


def language_switch() -> None:
    """EN / 한국어 switch in the sidebar, kept in the URL (?lang=ko)."""
    link("lang", one_of(LANGS))
    st.sidebar.radio("Language / 언어", LANGS, key="lang", horizontal=True, index=LANGS.index(default_lang()),
                     format_func=lambda code: {"en": "English", "ko": "한국어"}[code])


# ---------------------------------------------------------------- lesson links (settings in the URL)
# Streamlit's own bind="query-params" writes a widget's *formatted* label into the URL, so a link
# made in Korean would not open in English; we keep stable codes (?pad_mode=reflect) instead.
def one_of(options):
    """A parser for link(): the value must be one of options (compared as text)."""
    by_text = {str(o): o for o in options}

    def parse(raw: str):
        if raw not in by_text:
            raise ValueError(raw)
        return by_text[raw]
    return parse


def int_in(lo: int, hi: int):
    """A parser for link(): a whole number from lo to hi."""
    def parse(raw: str) -> int:
        v = int(raw)
        if not lo <= v <= hi:
            raise ValueError(raw)
        return v
    return parse


def float_in(lo: float, hi: float):
    """A parser for link(): a finite number from lo to hi."""
    def parse(raw: str) -> float:
        v = float(raw)
        if not (np.isfinite(v) and lo <= v <= hi):
            raise ValueError(raw)
        return v
    return parse


def link(key: str, parse, to_url=str) -> bool:
    """Before creating widget `key`: take its value from the URL (once per session), then keep it there.

    A tampered value (?stride=0, ?stride=abc) is refused with a sentence and the widget keeps its
    value. Returns True when the URL's value was applied (this run).
    """
    linked = st.session_state.setdefault("_linked", {})
    linked[key] = to_url
    seen = st.session_state.setdefault("_url_seen", set())
    if key in seen:
        return False
    seen.add(key)
    raw = st.query_params.get(key)
    if raw is None:
        return False
    try:
        st.session_state[key] = parse(raw)
        return True
    except (ValueError, TypeError, OverflowError):
        st.warning(T("bad_link_value", name=key, value=str(raw)[:40]), icon="🔗")
        return False


def sync_url() -> None:
    """After the widgets: write every linked setting of this run into the URL, so the address is a lesson link."""
    linked = st.session_state.get("_linked", {})
    params = {k: to_url(st.session_state[k]) for k, to_url in linked.items() if k in st.session_state}
    params = {k: v for k, v in params.items() if v is not None}  # None: leave it out (a default)
    hide = st.session_state.get("_hide")
    if hide:
        params["hide"] = ",".join(hide)
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)
    st.session_state["_linked"] = {}
    st.session_state["_current_params"] = params


def lesson_link_box() -> None:
    """The address of this exact view, with a copy button (st.code has one), in the sidebar."""
    from urllib.parse import urlencode

    params = st.session_state.get("_current_params", {})
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:
        base = ""
    with st.sidebar.expander(T("copy_link")):
        st.code(base + ("?" + urlencode(params) if params else ""), language=None, wrap_lines=True)
        st.caption(T("copy_link_help"))


HIDE_NAME = __import__("re").compile(r"^[a-z0-9_]{1,40}$")


def hidden_controls() -> None:
    """?hide=stride,pad_mode hides those controls (their values still apply), as TF Playground does."""
    if "_hide" not in st.session_state:
        raw = st.query_params.get("hide", "")
        names = [n for n in raw.split(",") if n][:30]
        good = [n for n in names if HIDE_NAME.match(n)]
        if len(good) != len(names):
            st.warning(T("bad_link_value", name="hide", value=raw[:40]), icon="🔗")
        st.session_state["_hide"] = good
    css = "".join(f".st-key-{n} {{display: none !important;}}" for n in st.session_state["_hide"])
    if css:
        st.html(f"<style>{css}</style>")


PRESENT_CSS = """<style>
html { font-size: 20px; }
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] { display: none; }
.block-container { max-width: 100%; padding-top: 1.5rem; }
[data-testid='stCaptionContainer'] { display: none; }
</style>"""


def presentation_mode() -> None:
    """A projector view: bigger text, no sidebar, no captions; an Exit button brings the controls back."""
    link("present", one_of([True, False]), to_url=lambda on: "True" if on else None)
    st.sidebar.toggle(T("presentation_mode"), key="present")
    if st.session_state.get("present"):
        st.html(PRESENT_CSS)
        st.button(T("exit_presentation"), key="exit_present", on_click=lambda: st.session_state.update(present=False))


# ---------------------------------------------------------------- the shared image
def current_image() -> tuple[str, np.ndarray]:
    """The image every page works on (chosen on the Image page): (label, uint8 (H, W) or (H, W, 3))."""
    if "image" not in st.session_state:
        st.session_state["image"] = samples.sample("digit")
        st.session_state["image_label"] = "digit"
    return st.session_state["image_label"], st.session_state["image"]


def set_image(label: str, img: np.ndarray) -> None:
    """Make img the shared image."""
    st.session_state["image"] = img
    st.session_state["image_label"] = label


def image_caption() -> None:
    """One line under a page title: which image, which shape, and where to change it."""
    label, img = current_image()
    name = T(f"sample_{label}") if f"sample_{label}" in _sample_keys() else label
    st.caption(T("using_image", name=name, shape=shape_text(img)))


def _sample_keys() -> set[str]:
    return {f"sample_{n}" for n in samples.SAMPLES}


def shape_text(img: np.ndarray) -> str:
    """(H, W, 1) or (H, W, 3), as learners write an image's shape."""
    return f"({img.shape[0]}, {img.shape[1]}, {1 if img.ndim == 2 else img.shape[2]})"


# ---------------------------------------------------------------- errors and previous state
def show_error(e: Exception) -> None:
    """A bad setting as one sentence in the learner's language (never a traceback)."""
    if isinstance(e, InputError):
        st.error(T(e.key, **e.values), icon="⚠️")
    else:
        st.error(T("error_generic", detail=str(e)), icon="⚠️")


def keep_last(name: str, compute):
    """compute() -> result; on bad input show why and return the last good result (or None)."""
    try:
        result = compute()
    except ValueError as e:
        show_error(e)
        st.caption(T("showing_previous"))
        return st.session_state.get(f"last_{name}")
    st.session_state[f"last_{name}"] = result
    return result


# ---------------------------------------------------------------- controls
def kernel_editor(key: str = "kernel") -> np.ndarray:
    """Preset picker + editable grid (rows of numbers); returns (kh, kw) or raises InputError."""
    names = list(KERNELS)
    link(f"{key}_preset", one_of(names))
    typed = link(f"{key}_text", lambda raw: kernel_text(parse_kernel(raw)),
                 to_url=lambda text: ";".join(",".join(r.split()) for r in str(text).strip().splitlines()))
    preset = st.selectbox(T("kernel_preset"), names, index=names.index("sobel_x"), key=f"{key}_preset",
                          format_func=lambda n: getattr(KERNELS[n], f"title_{lang()}"))
    st.caption(getattr(KERNELS[preset], lang()))
    if typed:  # a lesson link brought its own kernel values: keep them
        st.session_state[f"{key}_loaded"] = preset
    if st.session_state.get(f"{key}_loaded") != preset:  # a new preset fills the grid
        st.session_state[f"{key}_text"] = kernel_text(KERNELS[preset].weights)
        st.session_state[f"{key}_loaded"] = preset
    text = st.text_area(T("kernel_values"), key=f"{key}_text", height=150, help=T("kernel_values_help"))
    return parse_kernel(text)


def step_controls(n_rows: int, n_cols: int, key: str) -> tuple[int, int]:
    """Pick an output cell: a slider over positions plus ◀ / ▶ buttons; returns (i, j)."""
    n = n_rows * n_cols
    idx_key = f"{key}_idx"
    link(idx_key, int_in(0, 10**7))  # the step position is part of a lesson link
    if f"{key}_pending" in st.session_state:  # a click on the map asked for this cell
        st.session_state[idx_key] = st.session_state.pop(f"{key}_pending")
    centre = (n_rows // 2) * n_cols + n_cols // 2  # start in the middle, where the picture usually is
    current = min(int(st.session_state.get(idx_key, centre)), n - 1)
    st.session_state[idx_key] = current
    c1, c2, c3 = st.columns([1, 1, 8])
    if c1.button("◀", key=f"{key}_prev", help=T("step_prev")):
        st.session_state[idx_key] = max(current - 1, 0)
    if c2.button("▶", key=f"{key}_next", help=T("step_next")):
        st.session_state[idx_key] = min(current + 1, n - 1)
    if n > 1:
        c3.slider(T("step_position"), 0, n - 1, key=idx_key)
    else:
        st.session_state.setdefault("_linked", {}).pop(idx_key, None)
    return divmod(int(st.session_state[idx_key]), n_cols)


def go_to_cell(key: str, i: int, j: int, n_cols: int) -> None:
    """Select output cell (i, j) in step_controls(key) and rerun."""
    st.session_state[f"{key}_pending"] = i * n_cols + j
    st.rerun()


def clicked_cell(event) -> tuple[int, int] | None:
    """The (row, col) a click on a clickable heatmap selected, if any."""
    try:
        points = event.selection.points if event else []
    except AttributeError:
        return None
    for p in points:
        if "x" in p and "y" in p:
            return int(round(p["y"])), int(round(p["x"]))
    return None


def feature_map_rows(layers: list[tuple[str, np.ndarray]], *, per_layer: int = 16) -> None:
    """Every layer's feature maps (C, H, W) of one image, a row of pictures per layer with its shape."""
    for name, maps in layers:
        st.caption(f"{name} — (C, H, W) = {maps.shape}")
        st.image([figures.raster(m, upscale_to=84) for m in maps[:per_layer]], width=56)


def show_map(a: np.ndarray, title: str, *, key: str, rects: list[tuple] = (), marks: np.ndarray | None = None,
             clickable: bool = False, signed: bool | None = None,
             zrange: tuple[float, float] | None = None) -> tuple[int, int] | None:
    """A map as a heatmap when small (hover values, clicks) or as a fast picture when big."""
    if figures.is_small(a):
        fig = figures.heatmap(a, title=title, rects=rects, marks=marks, clickable=clickable, signed=signed,
                              zrange=zrange)
        event = st.plotly_chart(fig, key=key, on_select="rerun" if clickable else "ignore",
                                selection_mode="points", config={"displayModeBar": False})
        return clicked_cell(event) if clickable else None
    # A big map is shown at most DISPLAY_SIDE px wide in its column anyway: thin it for display (exact
    # values stay in the heatmaps and traces), and send JPEG: a 512² PNG costs ~50 ms to encode.
    picture = figures.raster(a, signed=signed, zrange=zrange, rects=rects, max_side=DISPLAY_SIDE)
    st.image(picture, caption=title, output_format="JPEG")
    return None


DISPLAY_SIDE = 320


# ---------------------------------------------------------------- quiz, exports, presentation
def quiz_gate(key: str, size: tuple[int, int], value: float, cell: tuple[int, int]) -> bool:
    """'Predict first': ask for the output size and the highlighted cell's value; True once answered.

    Returns True straight away when quiz mode is off. The answer is checked against the same numbers
    the page shows (output_size and the trace), and explained by them once revealed.
    """
    if not st.toggle(T("quiz_mode"), key=f"{key}_quiz", help=T("quiz_help")):
        return True
    c1, c2, c3, c4 = st.columns([1, 1, 1, 1])
    oh = c1.number_input(T("quiz_height"), 0, 100_000, 0, key=f"{key}_q_h")
    ow = c2.number_input(T("quiz_width"), 0, 100_000, 0, key=f"{key}_q_w")
    guess = c3.number_input(T("quiz_value", i=cell[0], j=cell[1]), value=0.0, step=1.0, format="%.2f",
                            key=f"{key}_q_v")
    token = (size, round(value, 6), tuple(cell))
    if c4.button(T("quiz_check"), key=f"{key}_q_check"):
        st.session_state[f"{key}_q_answered"] = token
    if st.session_state.get(f"{key}_q_answered") != token:
        st.info(T("quiz_waiting"))
        return False
    size_ok, value_ok = (oh, ow) == tuple(size), abs(guess - value) <= 0.005 + 1e-9 * abs(value)
    (st.success if size_ok else st.error)(T("quiz_size_right" if size_ok else "quiz_size_wrong", h=size[0], w=size[1]))
    (st.success if value_ok else st.error)(T("quiz_value_right" if value_ok else "quiz_value_wrong",
                                             v=f"{value:.2f}".rstrip("0").rstrip(".")))
    return True


def stepper(lesson, key: str, *, sizes: bool = True):
    """The step-by-step section of a lesson page: pick a cell, trace it, quiz first if asked.

    Returns (cell, trace, revealed); the output-size formulas are shown once revealed.
    """
    st.subheader(T("step_title"))
    OH, OW = lesson.output.shape
    at = step_controls(OH, OW, key=f"{key}_step")
    trace = lesson.trace_at(at)
    revealed = quiz_gate(key, (OH, OW), trace.total, at)
    if revealed and sizes:
        size_formulas(lesson.size_h, lesson.size_w)
    return at, trace, revealed


def downloads(key: str, items: list[tuple[str, object, str]]) -> None:
    """A row of download buttons: (label key, data or a callable that makes it on click, file name)."""
    for col, (label, data, name) in zip(st.columns(len(items)), items):
        col.download_button(T(label), data, name, key=f"{key}_{name}")


def size_formulas(size_h, size_w) -> None:
    """The output-size formula for H and W with the learner's numbers, and what happens when it does not fit."""
    st.markdown(f"**{T('output_size')}** — H: `{size_h.formula}` → **{size_h.size}**, "
                f"W: `{size_w.formula}` → **{size_w.size}**")
    for axis, s in (("H", size_h), ("W", size_w)):
        if not s.fits:
            st.warning(T("does_not_fit", axis=axis, exact=f"{s.exact:.2f}", size=s.size))
