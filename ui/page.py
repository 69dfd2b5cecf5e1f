"""Ending a page early, without ending app.py.

st.stop() ends the whole script run: after it, every Streamlit call (even in app.py's `finally`) is
dropped, so a refused setting used to take the lesson-link box away and leave the refused value in
the address. A page that has shown why it cannot go on calls `stop()` instead: app.py catches
`PageStopped` and still writes the address and the lesson link.
"""

from typing import NoReturn


class PageStopped(Exception):
    """The page has said why it stops here; the router carries on after it."""


def stop() -> NoReturn:
    raise PageStopped
