"""A browser-less Streamlit client: speaks the app's websocket protocol, renders nothing.

Used by bench/ (train, classroom) and by tests to drive a page as a learner's browser does, without
a browser drawing on the same 2 cores (on Community Cloud the browser runs on the learner's
machine). It does what Streamlit 1.67's frontend does that a measurement needs, checked against
the frontend bundle (static/js/index.*.js, App.handleNewSession / handleAutoRerun,
WidgetStateManager.sendUpdateWidgetsMessage, useBasicWidgetState):

- every rerun sends the state of *every* widget on screen (`createWidgetStatesMsg`), not only the
  one touched: a widget missing from the message is reset to its default by the server;
- a widget's state starts as its proto's `value`/`raw_value` when the server sets it (`set_value`),
  else its default; widgets no longer drawn are dropped when a run finishes (removeInactive);
- fragment timers (`auto_rerun`) are kept across fragment runs and dropped only when a *full* run
  starts (new_session without fragment ids) or on a page change; an `auto_rerun` with the interval
  already running keeps its timer (and its phase);
- the address follows `page_info_changed` (the app's own `st.query_params` writes).

It counts the script runs each action causes (`runs`), keeps the latest metrics and any exception
elements the page shows.
"""

from __future__ import annotations

import time
import urllib.request
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


def _key(widget_id: str) -> str:
    """The user key in a widget id ('$$ID-<hash>-<key>'); 'None' for unkeyed widgets."""
    return widget_id.split("-", 2)[-1]


def _option(o) -> str:
    return o if isinstance(o, str) else o.content  # ButtonGroup options are protos


def initial_state(kind: str, el) -> WidgetState | None:
    """The state the frontend registers when it mounts widget `el` of element type `kind`.

    The server's value when it sets one (`set_value`), else the default; None for stateless
    widgets (buttons: a trigger only when pressed) and for widgets without a value.
    """
    ws = WidgetState(id=el.id)
    s = getattr(el, "set_value", False)
    if kind == "slider":
        if el.options:  # select_slider: formatted options
            ws.string_array_value.data[:] = list(el.raw_value) if s and el.raw_value else \
                [el.options[i] for i in el.default]
        else:
            ws.double_array_value.data[:] = list(el.value if s else el.default)
    elif kind in ("radio", "selectbox"):
        if s and el.HasField("raw_value"):
            ws.string_value = el.raw_value
        elif el.HasField("default") and 0 <= el.default < len(el.options):
            ws.string_value = el.options[el.default]
        else:
            return None
    elif kind in ("multiselect", "button_group"):
        ws.string_array_value.data[:] = list(el.raw_values) if s else \
            [_option(el.options[i]) for i in el.default if 0 <= i < len(el.options)]
    elif kind == "checkbox":
        ws.bool_value = el.value if s else el.default
    elif kind == "number_input":
        v = el.value if s and el.HasField("value") else (el.default if el.HasField("default") else None)
        if v is None:
            return None
        if el.data_type == type(el).INT:
            ws.int_value = int(v)
        else:
            ws.double_value = v
    elif kind in ("text_input", "text_area"):
        v = el.value if s and el.HasField("value") else (el.default if el.HasField("default") else None)
        if v is None:
            return None
        ws.string_value = v
    elif kind == "color_picker":
        ws.string_value = el.value if s else el.default
    else:
        return None
    return ws


WIDGETS = ("slider", "radio", "selectbox", "multiselect", "button_group", "checkbox", "number_input",
           "text_input", "text_area", "color_picker", "button", "download_button", "file_uploader")


class HeadlessSession:
    """One Streamlit session on `url` (http://host:port), showing page `page` (its url path) with `query`."""

    def __init__(self, url: str, page: str, query: str = "", locale: str = "en-US", open_timeout: float = 60,
                 cookies: bool = False):
        self.host = urlparse(url).netloc
        headers = {"Cookie": self.load_page_cookies(url, page)} if cookies else {}
        self.ws = connect(f"ws://{self.host}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                          origin=f"http://{self.host}", open_timeout=open_timeout, additional_headers=headers)
        self.page, self.query, self.locale = page, query, locale
        self.buttons: dict[str, str] = {}  # user key -> widget id (buttons drawn)
        self.widgets: dict[str, tuple[str, str, object]] = {}  # user key -> (id, element type, proto)
        self.states: dict[str, WidgetState] = {}  # widget id -> state sent with every rerun
        self._drawn: dict[tuple, tuple[str, str, str, str]] = {}  # delta path -> (id, run id, fragment id, script hash)
        self.metrics: dict[str, str] = {}  # label -> shown value
        self.exceptions: list[str] = []  # 'Type: message' of every exception element shown
        self.timers: dict[str, tuple[float, float]] = {}  # fragment id -> (interval s, next due)
        self.run_id, self.main_script_hash, self.page_script_hash = "", "", ""
        self.runs = 0  # script runs started (full and fragment), as new_session messages
        self.fragment_runs = 0
        self.running = False
        self._rerun()

    @staticmethod
    def load_page_cookies(url: str, page: str) -> str:
        """GET the page's HTML as a browser does first, and return the cookies it set (e.g. a proxy's
        sticky-session pin) as a Cookie header for the websocket."""
        with urllib.request.urlopen(f"{url}/{page}", timeout=60) as r:
            return "; ".join(c.split(";", 1)[0] for c in r.headers.get_all("Set-Cookie") or [])

    # ------------------------------------------------------------------ what the learner does
    def _rerun(self, trigger: str | None = None, fragment_id: str = "", auto: bool = False,
               only_main: bool = False) -> None:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.page_name, cs.query_string = self.page, self.query
        # the frontend sends the page it shows (the last navigation message's hash): without it, an st.rerun(scope="app")
        # inside a fragment run restarts the app on its default page
        cs.page_script_hash = self.page_script_hash
        cs.context_info.locale = self.locale
        cs.context_info.url = f"http://{self.host}/{self.page}" + (f"?{self.query}" if self.query else "")
        keep = {i for i, _, _, h in self._drawn.values() if h == self.main_script_hash} if only_main else None
        for wid, st in self.states.items():
            if keep is None or wid in keep:
                cs.widget_states.widgets.append(st)
        if trigger:
            cs.widget_states.widgets.add(id=trigger, trigger_value=True)  # one-shot, as the frontend's
        if fragment_id:
            cs.fragment_id, cs.is_auto_rerun = fragment_id, auto
        self.running = True
        self.ws.send(msg.SerializeToString())

    def goto(self, page: str, query: str = "") -> None:
        """Open another page of the app in this session (as the sidebar's links do): the page's
        widgets and timers go; the main script's widgets (language, shared choices) keep their state."""
        self.timers.clear()
        self.page, self.query, self.buttons, self.page_script_hash = page, query, {}, ""
        self._rerun(only_main=True)

    def click(self, key: str) -> None:
        """Press the button whose key is `key` (it must have been drawn)."""
        self._rerun(trigger=self.buttons[key])

    def set(self, key: str, value) -> None:
        """Change widget `key` to `value` as a learner would, and rerun (every widget's state is sent).

        value: a number or (lo, hi) for sliders (an option's label for select_sliders), an option's
        label for radio/selectbox (as the page shows it, after format_func), a list of labels for
        multiselect/segmented controls, a bool for checkboxes/toggles, a number or text otherwise.
        """
        wid, kind, el = self.widgets[key]
        ws = WidgetState(id=wid)
        if kind == "slider" and el.options:
            ws.string_array_value.data[:] = [str(v) for v in (value if isinstance(value, (list, tuple)) else [value])]
        elif kind == "slider":
            ws.double_array_value.data[:] = [float(v) for v in (value if isinstance(value, (list, tuple)) else [value])]
        elif kind in ("multiselect", "button_group"):
            ws.string_array_value.data[:] = [str(v) for v in value]
        elif kind == "checkbox":
            ws.bool_value = bool(value)
        elif kind == "number_input" and el.data_type == type(el).INT:
            ws.int_value = int(value)
        elif kind == "number_input":
            ws.double_value = float(value)
        else:
            ws.string_value = str(value)
        self.states[wid] = ws
        fragment = self._drawn_fragment(wid)
        self._rerun(fragment_id=fragment)  # a widget inside a fragment reruns only its fragment

    def _drawn_fragment(self, wid: str) -> str:
        return next((f for i, _, f, _ in self._drawn.values() if i == wid), "")

    # ------------------------------------------------------------------ what the server sends
    def _element(self, path: tuple, frag: str, script_hash: str, el) -> None:
        kind = el.WhichOneof("type")
        if kind == "metric":
            self.metrics[el.metric.label] = el.metric.body
        elif kind == "exception":
            where = " <- ".join(ln.strip() for ln in list(el.exception.stack_trace)[-6:][::-1])
            self.exceptions.append(f"{el.exception.type}: {el.exception.message} [at {where}]")
        if kind not in WIDGETS:
            self._drawn.pop(path, None)
            return
        w = getattr(el, kind)
        self._drawn[path] = (w.id, self.run_id, frag, script_hash)
        key = _key(w.id)
        self.widgets[key] = (w.id, kind, w)
        if kind == "button":
            self.buttons[key] = w.id
        if w.id not in self.states or getattr(w, "set_value", False):
            st = initial_state(kind, w)
            if st is not None:
                self.states[w.id] = st

    def _prune(self, fragment_ids: list[str]) -> None:
        """A run finished: elements it did not redraw are stale (the whole page for a full run, the
        fragment's part for a fragment run); their widgets' states go (the frontend's removeInactive)."""
        for p, (_, run, frag, _) in list(self._drawn.items()):
            if run != self.run_id and (not fragment_ids or frag in fragment_ids):
                del self._drawn[p]
        active = {i for i, _, _, _ in self._drawn.values()}
        self.states = {i: s for i, s in self.states.items() if i in active}

    def _handle(self, raw: bytes) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "delta":
            d = msg.delta
            if d.WhichOneof("type") == "new_element":
                self._element(tuple(msg.metadata.delta_path), d.fragment_id, msg.metadata.active_script_hash,
                              d.new_element)
        elif kind == "new_session":
            self.runs += 1
            self.run_id = msg.metadata.run.script_run_id
            if msg.metadata.run.fragment_ids:  # a fragment run: the page's timers keep running
                self.fragment_runs += 1
            else:  # a full run (st.rerun's too): the frontend clears every fragment timer
                self.timers.clear()
                self.main_script_hash = msg.new_session.main_script_hash
        elif kind == "navigation":  # the page st.navigation resolved: the frontend sends it back with every rerun
            self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            a = msg.auto_rerun
            if self.timers.get(a.fragment_id, (None,))[0] != a.interval:
                self.timers[a.fragment_id] = (a.interval, time.monotonic() + a.interval)
        elif kind == "stop_auto_rerun":
            for f in msg.stop_auto_rerun.fragment_ids:
                self.timers.pop(f, None)
        elif kind == "script_finished":
            if msg.script_finished in DONE:
                self._prune(list(msg.metadata.run.fragment_ids))
            if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.running = False  # (a run ended by st.rerun is followed at once by the next one)

    def pump(self, seconds: float, until=None) -> None:
        """Receive for `seconds` (or until `until(self)` holds after a message), firing fragment timers
        when due (as the frontend's setInterval)."""
        end = time.monotonic() + seconds
        while (now := time.monotonic()) < end:
            if until is not None and until(self):
                return
            due = min([d for _, d in self.timers.values()], default=end)
            for fid, (interval, d) in list(self.timers.items()):
                if d <= now:
                    self.timers[fid] = (interval, now + interval)
                    self._rerun(fragment_id=fid, auto=True)
            try:
                self._handle(self.ws.recv(timeout=max(0.0, min(due, end) - now)))
            except TimeoutError:
                pass

    def wait_until(self, predicate, timeout: float = 120.0) -> None:
        """Pump until predicate(self) holds; raise TimeoutError after `timeout` s (a hang guard, not a speed test)."""
        end = time.monotonic() + timeout
        while not predicate(self):
            if time.monotonic() > end:
                raise TimeoutError(f"condition not met in {timeout} s; metrics {self.metrics}")
            self.pump(0.5, until=predicate)  # returns as soon as a message makes it hold

    def wait_idle(self, timeout: float = 120.0) -> None:
        """Until the script run(s) started by the last action have finished."""
        self.wait_until(lambda s: not s.running, timeout)

    def close(self) -> None:
        self.ws.close()
