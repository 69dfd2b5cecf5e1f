"""State and links: one store of the learner's settings and image, independent of widget lifetimes.

Streamlit drops a widget's state when its page is left, and a widget whose label changes language
can come back blank. So the learner's values live here, in `st.session_state["_learner"]`; widgets
(ui.controls) only show and edit them. A lesson link is this store written into the address:
every setting the page used whose value is not its default, plus the image (a sample's name, or
the pixels themselves when small). A link's values are read once, when the session starts, and
each is checked by the same parser that bounds its widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlencode

import numpy as np
import streamlit as st

from playground import samples
from playground._args import InputError
from playground.image_codes import decode_image, encode_image

from .text import T, lang, plain

MAX_PARAM = 12_500  # characters of one link value (a 64×64 image code is the longest)


@dataclass(frozen=True)
class Setting:
    """One linked setting: its default, how its URL text is read (raises ValueError), and written."""

    key: str
    default: Any
    parse: Callable[[str], Any]
    to_url: Callable[[Any], str] = str


def learner() -> dict[str, Any]:
    """The learner's values, by setting key (survive pages, languages and presentation mode)."""
    return st.session_state.setdefault("_learner", {})


def _pending() -> dict[str, str]:
    """The link's values not yet taken: read once, when the session opens its first page."""
    if "_url_pending" not in st.session_state:
        st.session_state["_url_pending"] = {k: v for k, v in st.query_params.items()}
    return st.session_state["_url_pending"]


def refuse(key: str, raw: object) -> None:
    """Say, in the learner's language, that a link's value was not used (shown literally: no Markdown)."""
    st.warning(T("bad_link_value", name=plain(key, 40), value=plain(raw, 40)), icon="🔗")


def value(s: Setting) -> Any:
    """The learner's value of s (the link's once, else the stored one, else the default); s joins this view's link."""
    store = learner()
    st.session_state.setdefault("_linked", {})[s.key] = s
    if s.key not in store:  # first use: a value put under the widget's key (AppTest, a notebook) or the default
        store[s.key] = st.session_state.get(s.key, s.default)
    raw = _pending().pop(s.key, None)
    if raw is not None:
        try:
            if len(raw) > MAX_PARAM:
                raise ValueError(raw[:40])
            store[s.key] = s.parse(raw)
        except (ValueError, TypeError, OverflowError):
            refuse(s.key, raw)
    return store[s.key]


def put(key: str, v: Any) -> None:
    learner()[key] = v


# ---------------------------------------------------------------- parsers (built by ui.controls from a widget's bounds)
def one_of(options, to_url=str):
    """The value must be one of options (compared in its URL text)."""
    by_text = {to_url(o): o for o in options}

    def parse(raw: str):
        if raw not in by_text:
            raise ValueError(raw)
        return by_text[raw]
    return parse


def number_in(lo: float, hi: float, step: float | None = None, integer: bool = True):
    """A finite number from lo to hi (a whole number when integer), on the widget's step grid."""
    def parse(raw: str):
        v = float(raw)
        if not (np.isfinite(v) and lo <= v <= hi):
            raise ValueError(raw)
        if integer:
            if v != int(v):
                raise ValueError(raw)
            return int(v)
        if step and abs((v - lo) / step - round((v - lo) / step)) > 1e-6:
            raise ValueError(raw)
        return v
    return parse


def number_text(v) -> str:
    """1.0 -> '1', 0.25 -> '0.25': short and exact for the URL."""
    return str(int(v)) if float(v) == int(v) else repr(float(v))


# ---------------------------------------------------------------- the shared image
def current_image() -> tuple[str, np.ndarray]:
    """The image every page works on: (label, uint8 (H, W) or (H, W, 3)); a link's image once."""
    pending = _pending()
    if "sample" in pending:
        raw = pending.pop("sample")
        if raw in samples.SAMPLES:
            set_image(raw, samples.sample(raw))
        else:
            refuse("sample", raw)
    if "pixels" in pending:
        raw = pending.pop("pixels")
        try:
            set_image("link", decode_image(raw))
        except InputError:
            refuse("pixels", raw)
    if "image" not in st.session_state:
        set_image("digit", samples.sample("digit"))
    return st.session_state["image_label"], st.session_state["image"]


def set_image(label: str, img: np.ndarray) -> None:
    """Make img the shared image; label is a sample's name, 'pixels', 'drawing', 'link' or a file's name."""
    st.session_state["image"] = img
    st.session_state["image_label"] = label
    st.session_state["image_code"] = None if label in samples.SAMPLES else encode_image(img)


def image_params() -> dict[str, str]:
    """The image's part of a link: {'sample': name} or {'pixels': code}, or {} when it cannot travel."""
    label = st.session_state.get("image_label", "digit")
    if label in samples.SAMPLES:
        return {} if label == "digit" else {"sample": label}
    code = st.session_state.get("image_code")
    return {"pixels": code} if code else {}


def image_travels() -> bool:
    label = st.session_state.get("image_label", "digit")
    return label in samples.SAMPLES or bool(st.session_state.get("image_code"))


# ---------------------------------------------------------------- the address
IMAGE_PAGES = {"image", "convolution", "pooling", "channels", "model"}  # pages that show the shared image


def sync_url(page: str) -> None:
    """After the page: write this view's settings (non-defaults) and image into the URL: a lesson link."""
    linked: dict[str, Setting] = st.session_state.get("_linked", {})
    store = learner()
    params = {}
    for key, s in linked.items():
        v = store.get(key, s.default)
        if v != s.default:
            params[key] = s.to_url(v)
    if page in IMAGE_PAGES:
        params.update(image_params())
    hide = st.session_state.get("_hide")
    if hide:
        params["hide"] = ",".join(hide)
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)
    st.session_state["_linked"] = {}
    st.session_state["_current_params"] = params
    st.session_state["_current_page"] = page


def lesson_link_box() -> None:
    """The address of this exact view, with a copy button (st.code has one), in the sidebar."""
    # the language always travels: a Korean teacher's link opens in Korean on an English-language browser too
    params = {**st.session_state.get("_current_params", {})}
    params.setdefault("lang", lang())
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:
        base = ""
    with st.sidebar.expander(T("copy_link")):
        st.code(base + ("?" + urlencode(params) if params else ""), language=None, wrap_lines=True)
        if st.session_state.get("_current_page") in IMAGE_PAGES and not image_travels():
            st.warning(T("link_image_stays"), icon="🖼️")
        st.caption(T("copy_link_help"))


HIDE_NAME = __import__("re").compile(r"^[a-z0-9_]{1,40}$")


def hidden_controls() -> None:
    """?hide=stride,pad_mode hides those controls (their values still apply), as TF Playground does."""
    if "_hide" not in st.session_state:
        raw = _pending().pop("hide", "")
        names = [n for n in raw.split(",") if n][:30]
        good = [n for n in names if HIDE_NAME.match(n)]
        if len(good) != len(names):
            refuse("hide", raw)
        st.session_state["_hide"] = good
    css = "".join(f".st-key-{n} {{display: none !important;}}" for n in st.session_state["_hide"])
    if css:
        st.html(f"<style>{css}</style>")
