"""Text: the learner's language, translated strings, and user text made safe to show as Markdown."""

from __future__ import annotations

import os
import re
import threading

import streamlit as st

from playground.i18n import LANGS, t


_app_run = threading.local()  # set by app.py on the thread running it; a page runs on the same thread after it


def through_app() -> None:
    """app.py's first call: this script run goes through the router (see _leave_legacy_multipage)."""
    _app_run.on = True


def _leave_legacy_multipage() -> None:
    """Run every page through app.py's st.navigation, even when a link opens a page first.

    Streamlit 1.67 treats an app with a pages/ folder as a legacy multipage app until app.py has
    called st.navigation once in the process: a run that starts before then runs the linked page alone
    (no language switch, no page config, no lesson link, and a sidebar listing the files). When a class
    opens a link to a fresh server at once, every session that connects before the first app.py run
    reaches st.navigation gets such a run, so checking the flag is not enough. A run that did not start
    in app.py and whose page list holds app.py itself (the legacy list does; app.py's own never does, and a
    script with no pages has one) is a legacy run: flip the flag, so later runs go through app.py, and rerun
    this one once. This is a framework internal: tests/test_streamlit_internals.py fails loudly if an
    upgrade moves it.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    PagesManager.uses_pages_directory = False
    if getattr(_app_run, "on", False):
        return
    ctx = get_script_run_ctx()
    pages = ctx.pages_manager.get_pages().values() if ctx is not None else ()
    if len(pages) > 1 and any(os.path.basename(os.path.dirname(str(p.get("script_path", "")))) != "pages"
                              for p in pages):
        st.rerun()


def lang() -> str:
    """The learner's language: 'en' or 'ko' (kept in the learner's state; see ui.controls.language_switch)."""
    _leave_legacy_multipage()  # every page asks for its language first thing (reruns a legacy run once)
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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")


def plain(text: object, limit: int = 80) -> str:
    """User text (a link value, a file name) shown literally inside Markdown: no links, images or emphasis."""
    s = str(text)
    s = s if len(s) <= limit else s[:limit] + "…"
    s = "".join(ch if ch.isprintable() else "?" for ch in s)
    return _MD_SPECIAL.sub(r"\\\1", s)


def big_count(n: float) -> str:
    """A large count as the learner's language says it: '714.2 million' / '약 7억 1,420만'."""
    n = float(n)
    if lang() == "ko":  # Korean groups by 10⁴ (만) and 10⁸ (억)
        if n >= 1e8:
            eok, man = divmod(round(n / 1e4), 10_000)
            return f"약 {eok:,}억" + (f" {man:,}만" if man else "")
        return f"약 {round(n / 1e4):,}만" if n >= 1e4 else f"{n:,.0f}"
    if n >= 1e9:
        return f"{n / 1e9:,.2f} billion"
    return f"{n / 1e6:,.1f} million" if n >= 1e6 else f"{n:,.0f}"


def class_label(data, k: int) -> str:
    """The name of class k of a training dataset, in the learner's language (digits are themselves)."""
    c = data.classes[k]
    return c if data.name == "digits" else T(f"cls_{c}")
