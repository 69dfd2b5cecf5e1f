"""Controls: every widget is linked by default. One call builds the widget and its URL parser from the
same options and bounds, shows the learner's value (ui.state) and writes edits back to it.

    stride = controls.slider("stride", T("stride"), 1, 4, default=1)

The widget's key is the setting's key (so `?hide=stride` and `.st-key-stride` find it). Its own
Streamlit state is refilled from the learner's state on every run, before the widget is made:
leaving the page, switching language or entering presentation mode loses nothing.
"""

from __future__ import annotations

import math
import secrets

from typing import Any, Callable

import numpy as np
import streamlit as st

from playground import KERNELS
from playground.i18n import LANGS
from playground.kernels import kernel_text, parse_kernel

from . import state
from .state import Setting, number_in, number_text, one_of
from .text import T, lang


def _widget(make: Callable, s: Setting, label: str, where, **kwargs) -> Any:
    v = state.value(s)
    st.session_state[s.key] = v  # refill: Streamlit forgot it if the page was left

    def changed() -> None:
        state.put(s.key, st.session_state[s.key])
    kwargs.pop("on_change", None)
    getattr(where, make)(label, key=s.key, on_change=changed, **kwargs)
    return state.learner()[s.key]


def slider(key: str, label: str, lo, hi, default, *, step=None, where=st, **kwargs):
    """An int (or float, when step is a float) slider linked as ?key=value."""
    integer = isinstance(lo, int) and isinstance(hi, int) and isinstance(default, int) and not isinstance(step, float)
    s = Setting(key, default, number_in(lo, hi, step, integer), number_text)
    return _widget("slider", s, label, where, min_value=lo, max_value=hi, step=step, **kwargs)


def number(key: str, label: str, lo, hi, default, *, step=None, where=st, **kwargs):
    """A number box linked as ?key=value: whole numbers when default is an int."""
    integer = isinstance(default, int)
    s = Setting(key, default, number_in(lo, hi, None, integer), number_text)
    step = step if step is not None else (1 if integer else 1.0)
    return _widget("number_input", s, label, where, min_value=lo, max_value=hi, step=step, **kwargs)


def segmented(key: str, label: str, options, default, *, where=st, **kwargs):
    """A segmented control (one choice, never empty) linked as ?key=value."""
    options = list(options)
    s = Setting(key, default, one_of(options))
    v = _widget("segmented_control", s, label, where, options=options, **kwargs)
    if v is None:  # a second click on the chosen segment clears it: keep the learner's choice
        state.put(key, s.default)
        return s.default
    return v


def radio(key: str, label: str, options, default=None, *, where=st, horizontal=True, **kwargs):
    options = list(options)
    s = Setting(key, options[0] if default is None else default, one_of(options))
    return _widget("radio", s, label, where, options=options, horizontal=horizontal, **kwargs)


def selectbox(key: str, label: str, options, default=None, *, where=st, **kwargs):
    options = list(options)
    s = Setting(key, options[0] if default is None else default, one_of(options))
    return _widget("selectbox", s, label, where, options=options, **kwargs)


def select_slider(key: str, label: str, options, default, *, where=st, **kwargs):
    options = list(options)
    s = Setting(key, default, one_of(options, number_text), number_text)
    return _widget("select_slider", s, label, where, options=options, **kwargs)


def toggle(key: str, label: str, default: bool = False, *, where=st, **kwargs) -> bool:
    def parse(raw: str) -> bool:  # ?present=1 (also True/true, as older links wrote it)
        if raw not in ("1", "0", "True", "False", "true", "false"):
            raise ValueError(raw)
        return raw in ("1", "True", "true")
    s = Setting(key, default, parse, lambda b: "1" if b else "0")
    return _widget("toggle", s, label, where, **kwargs)


def text_area(key: str, label: str, default: str, *, max_chars: int, parse: Callable[[str], str] = str,
              where=st, **kwargs) -> str:
    """A text box linked as ?key=text (bounded: max_chars)."""
    def checked(raw: str) -> str:
        if len(raw) > max_chars:
            raise ValueError(raw[:40])
        return parse(raw)
    s = Setting(key, default, checked)
    return _widget("text_area", s, label, where, max_chars=max_chars, **kwargs)


# ---------------------------------------------------------------- app-wide controls
def language_switch() -> None:
    """EN / 한국어 switch in the sidebar, kept in the URL (?lang=ko); the browser's locale by default."""
    from .text import default_lang

    radio("lang", "Language / 언어", LANGS, default_lang(), where=st.sidebar,
          format_func=lambda code: {"en": "English", "ko": "한국어"}[code])


PRESENT_CSS = """<style>
html { font-size: 20px; }
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] { display: none; }
.block-container { max-width: 100%; padding-top: 1.5rem; }
[data-testid='stCaptionContainer'] { font-size: 0.85rem; }
[data-testid='stTable'] th, [data-testid='stTable'] td { font-size: 18px !important; }  /* Gallery, Model: fixed px */
</style>"""


def presentation_mode() -> bool:
    """A projector view: bigger text, no sidebar; an Exit button brings the controls back.

    Captions stay: on several pages they carry the lesson (shapes under Home's blocks, the pooling
    experiments' conclusions), so they are shown large enough to read from the back row."""
    on = toggle("present", T("presentation_mode"), where=st.sidebar)
    if on:
        st.html(PRESENT_CSS)
        st.button(T("exit_presentation"), key="exit_present", on_click=lambda: state.put("present", False))
    return on


# ---------------------------------------------------------------- kernels and steps
CUSTOM = "custom"


def kernel_editor(key: str = "kernel") -> Any:
    """Preset picker + editable grid (rows of numbers); returns (kh, kw) or raises InputError.

    Picking a preset fills the grid; editing the grid makes the preset 'custom'. Both are linked
    (?kernel_preset=laplacian, ?kernel_text=1,0;0,-1).
    """
    names = [CUSTOM, *KERNELS]
    preset_key, text_key = f"{key}_preset", f"{key}_text"

    def fill() -> None:  # a preset was picked: its weights go into the grid
        p = st.session_state[preset_key]
        state.put(preset_key, p)
        if p != CUSTOM:
            state.put(text_key, kernel_text(KERNELS[p].weights))

    def edited() -> None:
        text = st.session_state[text_key]
        state.put(text_key, text)
        p = state.learner().get(preset_key)
        if p in KERNELS and text.strip() != kernel_text(KERNELS[p].weights).strip():
            state.put(preset_key, CUSTOM)

    preset_s = Setting(preset_key, "sobel_x", one_of(names))
    preset = state.value(preset_s)
    default_text = kernel_text(KERNELS[preset].weights) if preset in KERNELS else kernel_text(KERNELS["sobel_x"].weights)
    text_s = Setting(text_key, default_text, lambda raw: kernel_text(parse_kernel(_rows(raw))), _url_rows)
    text = state.value(text_s)
    if preset in KERNELS and text.strip() != kernel_text(KERNELS[preset].weights).strip():
        preset = CUSTOM  # a link brought its own values
        state.put(preset_key, CUSTOM)
    st.session_state[preset_key] = preset
    st.selectbox(T("kernel_preset"), names, key=preset_key, on_change=fill,
                 format_func=lambda n: T("kernel_custom") if n == CUSTOM else getattr(KERNELS[n], f"title_{lang()}"))
    st.caption(T("kernel_custom_help") if preset == CUSTOM else getattr(KERNELS[preset], lang()))
    st.session_state[text_key] = state.learner()[text_key]
    st.text_area(T("kernel_values"), key=text_key, height=150, help=T("kernel_values_help"), on_change=edited,
                 max_chars=2000)
    return parse_kernel(state.learner()[text_key])


def _rows(raw: str) -> str:
    """'1,0,-1;2,0,-2' (a link) -> rows of numbers, one per line."""
    return "\n".join(" ".join(r.split(",")) for r in raw.split(";"))


def _url_rows(text: str) -> str:
    return ";".join(",".join(r.split()) for r in str(text).strip().splitlines() if r.strip())


def linked_cell(key: str, n_rows: int, n_cols: int) -> tuple[int, int]:
    """The learner's output cell (row, column) under `key`, linked as ?key=i,j; the middle on first use.

    When the output changes size (stride, padding, kernel, image), the cell keeps its place: row and column are
    scaled by the change, so the window stays over the same part of the picture instead of sliding to a corner.
    A click in a browser explorer or on a map (state.put(key, cell)) sets it."""
    def parse(raw: str) -> tuple[int, int]:
        i, j = (int(v) for v in raw.split(","))
        if not (0 <= i < 10_000 and 0 <= j < 10_000):
            raise ValueError(raw)
        return i, j
    cell = state.value(Setting(key, None, parse, lambda c: f"{c[0]},{c[1]}"))
    shape = state.learner().get(f"{key}_shape")  # the output's (rows, cols) when the cell was last picked
    if cell is None:  # start in the middle, where the picture usually is
        cell = (n_rows // 2, n_cols // 2)
    elif shape is not None and tuple(shape) != (n_rows, n_cols):
        cell = (_same_place(cell[0], shape[0], n_rows), _same_place(cell[1], shape[1], n_cols))
    cell = (min(cell[0], n_rows - 1), min(cell[1], n_cols - 1))
    state.put(key, cell)
    state.put(f"{key}_shape", (n_rows, n_cols))
    return cell


def cell_picker(n_rows: int, n_cols: int, key: str, *, sliders: bool = True) -> tuple[int, int]:
    """Pick an output cell as (row, column): two sliders plus ◀ / ▶ buttons over linked_cell (?key=i,j).

    A click on the map (ui.display.show_map's on_click) or in the browser explorer sets it too."""
    linked_cell(key, n_rows, n_cols)

    def step(d: int) -> None:  # ◀ / ▶: the previous / next cell in reading order
        i, j = state.learner()[key]
        flat = min(max(i * n_cols + j + d, 0), n_rows * n_cols - 1)
        state.put(key, divmod(flat, n_cols))

    def moved(name: str) -> None:
        i, j = state.learner()[key]
        v = int(st.session_state[f"{key}_{name}"])
        state.put(key, (v, j) if name == "row" else (i, v))

    c1, c2, c3, c4 = st.columns([1, 1, 4, 4])
    c1.button("◀", key=f"{key}_prev", help=T("step_prev"), on_click=step, args=(-1,))
    c2.button("▶", key=f"{key}_next", help=T("step_next"), on_click=step, args=(1,))
    i, j = state.learner()[key]
    for where, name, n, v in ((c3, "row", n_rows, i), (c4, "col", n_cols, j)):
        if n > 1 and sliders:  # (a quiz hides them: their ends would give the output size away)
            st.session_state[f"{key}_{name}"] = v
            where.slider(T(f"step_{name}"), 0, n - 1, key=f"{key}_{name}", on_change=moved, args=(name,))
    return state.learner()[key]


def _same_place(i: int, old: int, new: int) -> int:
    """Index i of `old` cells, moved to the cell of `new` cells at the same fraction of the way across."""
    return min(max(math.floor((i + 0.5) * new / old), 0), new - 1)  # (halves round up: a round trip comes back)


# ---------------------------------------------------------------- quiz and the step-by-step section
def quiz_cell(seed: int, n_rows: int, n_cols: int) -> tuple[int, int]:
    """The cell a quiz question asks about: uniform over the whole output, fixed by the question's seed.

    Not the middle: the middle of a 13×13 output is (6, 6), which gives the size away."""
    rng = np.random.default_rng([seed, n_rows, n_cols])  # the same question keeps its cell on every rerun
    return int(rng.integers(n_rows)), int(rng.integers(n_cols))


def _new_question(key: str) -> None:
    st.session_state[f"{key}_q_seed"] = secrets.randbits(32)
    st.session_state.pop(f"{key}_q_at", None)


def select_cell(key: str, cell: tuple[int, int]) -> None:
    """A click on a map (or in the explorer) picks cell: the step's cell, or in quiz mode the next question's
    cell (asked again, and kept out of the address like every quiz cell)."""
    if state.learner().get(f"{key}_quiz"):
        st.session_state[f"{key}_q_at"] = (int(cell[0]), int(cell[1]))
    else:
        state.put(f"{key}_cell", (int(cell[0]), int(cell[1])))


def quiz_gate(key: str, size: tuple[int, int], value: float, cell: tuple[int, int], *, quiz: bool) -> bool:
    """'Predict first': ask for the output size and the highlighted cell's value; True once checked.

    True straight away when quiz mode (the toggle stepper draws) is off. Until the learner presses Check,
    the page must draw nothing that gives the answer away (the output map, its size, the products, the formula).
    """
    if not quiz:
        return True
    c1, c2, c3, c4 = st.columns([1, 1, 1, 1])
    oh = c1.number_input(T("quiz_height"), 0, 100_000, 0, key=f"{key}_q_h")
    ow = c2.number_input(T("quiz_width"), 0, 100_000, 0, key=f"{key}_q_w")
    guess = c3.number_input(T("quiz_value", i=cell[0], j=cell[1]), value=0.0, step=1.0, format="%.2f",
                            key=f"{key}_q_v")
    # the question's seed too: a new question that happens to ask the same cell is not already answered
    token = (tuple(size), round(float(value), 6), tuple(cell), st.session_state.get(f"{key}_q_seed"))
    if c4.button(T("quiz_check"), key=f"{key}_q_check"):
        st.session_state[f"{key}_q_answered"] = token
    if st.session_state.get(f"{key}_q_answered") != token:
        st.info(T("quiz_waiting"))
        return False
    size_ok, value_ok = (oh, ow) == tuple(size), abs(guess - value) <= 0.005 + 1e-9 * abs(value)
    (st.success if size_ok else st.error)(T("quiz_size_right" if size_ok else "quiz_size_wrong", h=size[0], w=size[1]))
    (st.success if value_ok else st.error)(T("quiz_value_right" if value_ok else "quiz_value_wrong",
                                             v=f"{value:.2f}".rstrip("0").rstrip(".")))
    st.button(T("quiz_next"), key=f"{key}_q_next", on_click=_new_question, args=(key,))
    return True


def step_controls(lesson, key: str) -> None:
    """The server-side ◀ ▶ and row / column sliders of the step's cell, drawn with the cell's charts (in the
    expander beside the browser explorer, whose own ◀ ▶ ▶ and position slider do the same in the browser, so
    the page shows one set of step controls). None in a quiz: the question picks the cell."""
    if not state.learner().get(f"{key}_quiz"):
        cell_picker(*lesson.output.shape, key=f"{key}_cell")


def stepper(lesson, key: str, *, sizes: bool = True):
    """The step-by-step section of a lesson page: pick a cell, trace it, quiz first if asked.

    Returns (cell, trace, revealed); the output-size formulas are shown once revealed. In quiz mode the cell is
    the question's (quiz_cell, or one the learner clicked): the step's own cell (?conv_cell) is neither changed
    nor written into the address, which would tell the answer's place.
    """
    from .display import size_formulas

    st.subheader(T("step_title"))
    OH, OW = lesson.output.shape
    # the toggle first: a link's ?conv_quiz=1 is read here, before the cell sliders (whose ends show the size)
    quiz = toggle(f"{key}_quiz", T("quiz_mode"), help=T("quiz_help"))
    if quiz:
        if f"{key}_q_seed" not in st.session_state:
            _new_question(key)
        picked = st.session_state.get(f"{key}_q_at")
        at = (tuple(picked) if picked is not None and picked[0] < OH and picked[1] < OW
              else quiz_cell(st.session_state[f"{key}_q_seed"], OH, OW))
    else:  # (its ◀ ▶ and sliders are drawn by step_controls, with the cell's charts: the explorer has its own)
        at = linked_cell(f"{key}_cell", OH, OW)
    trace = lesson.trace_at(at)
    revealed = quiz_gate(key, (OH, OW), trace.total, at, quiz=quiz)
    if revealed and sizes:
        size_formulas(lesson.size_h, lesson.size_w, getattr(lesson, "coverage", None))
    return at, trace, revealed
