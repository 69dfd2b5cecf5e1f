"""Conv Playground: the router. Every page lives in pages/; the language, presentation mode and the
lesson link are shared (ui/)."""

import streamlit as st

from ui import controls, state
from ui.page import PageStopped
from ui.text import T, lang, through_app

through_app()  # (a page opened before any app.py run in this process may run alone: ui.text reruns it here)
st.set_page_config(page_title="Conv Playground", page_icon="🧮", layout="wide")
controls.language_switch()
controls.presentation_mode()
state.hidden_controls()
if lang() == "ko":  # Korean wraps between words (eojeol), never inside one; a word longer than its line still
    # breaks (break-word), but unlike `anywhere` it does not shrink narrow columns to one syllable per line.
    # !important: Streamlit's own markdown, alert and table styles set `word-break: break-word` with more specific
    # selectors, which won over this rule (페이지/에서). tests/test_layout.py reads the computed style.
    st.html("<style>.stApp, .stApp * { word-break: keep-all !important; overflow-wrap: break-word; }</style>")

PAGES = [  # (file, strings key, icon)
    ("pages/home.py", "nav_home", ":material/home:"),
    ("pages/image.py", "nav_image", ":material/image:"),
    ("pages/convolution.py", "nav_conv", ":material/grid_on:"),
    ("pages/pooling.py", "nav_pool", ":material/filter_center_focus:"),
    ("pages/channels.py", "nav_channels", ":material/layers:"),
    ("pages/model.py", "nav_model", ":material/account_tree:"),
    ("pages/gallery.py", "nav_gallery", ":material/collections:"),
    ("pages/train.py", "nav_train", ":material/model_training:"),
    ("pages/digit.py", "nav_digit", ":material/draw:"),
]
nav = st.navigation([st.Page(path, title=T(key), icon=icon, default=(i == 0),
                             url_path=path.removeprefix("pages/").removesuffix(".py"))
                     for i, (path, key, icon) in enumerate(PAGES)])
try:
    nav.run()
except PageStopped:  # the page showed why it stops early (ui.page.stop; st.stop() would drop what follows)
    pass
# the address always holds the page's accepted settings, refused values gone (a lesson link)
state.sync_url(nav.url_path or "home")
state.lesson_link_box()
