"""The one Streamlit internal the app touches, checked so an upgrade that moves it fails here, loudly.

ui.text._leave_legacy_multipage flips PagesManager.uses_pages_directory and reads the run's page list: with a pages/ folder beside
app.py, Streamlit 1.67 runs a linked page alone (legacy multipage mode, script_runner._mpa_v1) until
st.navigation has run once in the process. If these assertions break, re-check that a fresh server
opened on /convolution still runs app.py (tests/test_browser.py's first-link test) and update both.
"""

import inspect

import streamlit
from streamlit.commands import navigation
from streamlit.runtime import pages_manager
from streamlit.runtime.scriptrunner import script_runner


def test_the_legacy_pages_flag_is_where_ui_text_flips_it():
    assert "uses_pages_directory" in vars(pages_manager.PagesManager), streamlit.__version__
    runner = inspect.getsource(script_runner)
    assert "if PagesManager.uses_pages_directory:" in runner and "_mpa_v1(" in runner  # what the flag decides
    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(navigation)  # st.navigation's own flip
    # how ui.text tells a legacy run: its page list holds the main script itself, and each entry its script_path
    legacy = inspect.getsource(script_runner._mpa_v1)
    assert "main_page = _create_page(resolved_main_script_path" in legacy and "[main_page] +" in legacy
    assert '"script_path": script_path' in inspect.getsource(navigation._navigation)
    assert "get_pages" in vars(pages_manager.PagesManager)
