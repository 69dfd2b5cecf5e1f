"""The UI side that several pages share, split by idea (computation lives in playground/, never here)."""

# Every page imports ui first, and app.py imports it too. Import pandas here, with a real import
# statement, so a script thread that needs it waits on Python's import lock while another thread is
# still importing it. plotly (st.plotly_chart, figures) only peeks at sys.modules['pandas'], and a class
# opening the app at once used to catch it half-initialised there ("partially initialized module").
import pandas  # noqa: F401
