"""A browser-less Streamlit client: speaks the app's websocket protocol, renders nothing.

Used by bench/train.py to measure the server side of a page as a learner's browser drives it, without a browser
drawing on the same 2 cores (on Community Cloud the browser runs on the learner's machine). It does
what the frontend does that a measurement needs: open a page, click a button by its key, and
rerun fragments on their `run_every` timers; it keeps the latest metrics the page shows.
"""

from __future__ import annotations

import time
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect


class HeadlessSession:
    """One Streamlit session on `url` (http://host:port), showing page `page` (its url path) with `query`."""

    def __init__(self, url: str, page: str, query: str = ""):
        host = urlparse(url).netloc
        self.ws = connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                          origin=f"http://{host}")
        self.page, self.query = page, query
        self.buttons: dict[str, str] = {}  # user key -> widget id
        self.metrics: dict[str, str] = {}  # label -> shown value
        self.timers: dict[str, tuple[float, float]] = {}  # fragment id -> (interval s, next due)
        self.running = False
        self._rerun()

    def _rerun(self, trigger: str | None = None, fragment_id: str = "") -> None:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.page_name, cs.query_string = self.page, self.query
        if trigger:
            cs.widget_states.widgets.add(id=trigger, trigger_value=True)
        if fragment_id:
            cs.fragment_id, cs.is_auto_rerun = fragment_id, True
        self.running = True
        self.ws.send(msg.SerializeToString())

    def goto(self, page: str) -> None:
        """Open another page of the app in this session (as the sidebar's links do)."""
        self.page, self.buttons = page, {}
        self._rerun()

    def click(self, key: str) -> None:
        """Press the button whose key is `key` (it must have been drawn)."""
        self._rerun(trigger=self.buttons[key])

    def _handle(self, raw: bytes) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            el = msg.delta.new_element
            if el.WhichOneof("type") == "button":
                self.buttons[el.button.id.rsplit("-", 1)[-1]] = el.button.id
            elif el.WhichOneof("type") == "metric":
                self.metrics[el.metric.label] = el.metric.body
        elif kind == "new_session":  # a full run starts (the server's st.rerun too): old fragment timers go
            self.timers.clear()
        elif kind == "auto_rerun":
            self.timers[msg.auto_rerun.fragment_id] = (msg.auto_rerun.interval,
                                                       time.monotonic() + msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for f in msg.stop_auto_rerun.fragment_ids:
                self.timers.pop(f, None)
        elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.running = False  # (a run ended by st.rerun is followed at once by the next one)

    def pump(self, seconds: float) -> None:
        """Receive for `seconds`, firing fragment timers when due (as the frontend's setInterval)."""
        end = time.monotonic() + seconds
        while (now := time.monotonic()) < end:
            due = min([d for _, d in self.timers.values()], default=end)
            for fid, (interval, d) in list(self.timers.items()):
                if d <= now:
                    self.timers[fid] = (interval, now + interval)
                    self._rerun(fragment_id=fid)
            try:
                self._handle(self.ws.recv(timeout=max(0.0, min(due, end) - now)))
            except TimeoutError:
                pass

    def wait_until(self, predicate, timeout: float = 120.0) -> None:
        """Pump until predicate(self) holds; raise TimeoutError after `timeout` s."""
        end = time.monotonic() + timeout
        while not predicate(self):
            if time.monotonic() > end:
                raise TimeoutError(f"condition not met in {timeout} s; metrics {self.metrics}")
            self.pump(0.05)

    def close(self) -> None:
        self.ws.close()
