"""Fair turns for every training of the process: chunks take turns, first come first served.

Every learner's training runs in the same server process, and all torch work of the process runs on
one thread (torch_thread.py). Without turns, five trainings could each have a chunk queued on that
thread, and a page rerun that needs torch (a prediction, a feature map) would wait behind all five.
With `slots` = 1 turn at a time, at most one chunk is on the torch thread: a rerun waits at most one
chunk, and waiting trainings queue here, in arrival order, so they alternate chunk by chunk.

Sessions are never stored: each training holds a small `Ticket`; the admission keeps only tickets
and numbers, and forgets a ticket `window` seconds after its last turn (a learner who left stops
asking for turns), so a finished or abandoned training can be freed with its session.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Ticket:
    """One training's place in the admission (holds nothing of the training itself)."""

    __slots__ = ("__weakref__",)


class Admission:
    """At most `slots` turns at a time, granted in arrival order; what each turn cost, measured."""

    def __init__(self, slots: int = 1, window: float = 3.0, clock: Callable[[], float] = time.monotonic):
        self.slots, self.window, self.clock = slots, window, clock
        self._cond = threading.Condition()
        self._queue: deque[Ticket] = deque()  # waiting, in arrival order
        self._holders: set[Ticket] = set()
        self._last: dict[Ticket, float] = {}  # ticket -> clock at its last turn (or request)
        self._turn_seconds: dict[Ticket, float] = {}  # ticket -> mean seconds of its turns (moving average)
        self.granted: list[Ticket] = []  # the last grants, in order (tests read the alternation)

    @contextmanager
    def turn(self, ticket: Ticket) -> Iterator[int]:
        """Wait for this ticket's turn (first come, first served); yields the number of active trainings."""
        with self._cond:
            self._queue.append(ticket)
            self._last[ticket] = self.clock()
            self._cond.notify_all()
            try:
                while not (len(self._holders) < self.slots and self._queue[0] is ticket):
                    self._cond.wait()
            except BaseException:  # interrupted while waiting: leave the queue, or everyone behind waits forever
                self._queue.remove(ticket)
                self._cond.notify_all()
                raise
            self._queue.popleft()
            self._holders.add(ticket)
            self.granted = [*self.granted[-31:], ticket]
            active = self._active()
            self._cond.notify_all()
        start = self.clock()
        try:
            yield active
        finally:
            with self._cond:
                now = self.clock()
                seconds = now - start
                old = self._turn_seconds.get(ticket)
                self._turn_seconds[ticket] = seconds if old is None else 0.7 * old + 0.3 * seconds
                self._holders.discard(ticket)
                self._last[ticket] = now
                self._forget(now)
                self._cond.notify_all()

    def _is_active(self, t: Ticket, now: float) -> bool:
        return t in self._holders or t in self._queue or (t in self._last and now - self._last[t] <= self.window)

    def _active(self) -> int:
        now = self.clock()
        return sum(1 for t in self._last if self._is_active(t, now))

    def _forget(self, now: float) -> None:
        for t in [t for t, at in self._last.items() if now - at > self.window
                  and t not in self._holders and t not in self._queue]:
            del self._last[t]
            self._turn_seconds.pop(t, None)

    def active(self) -> int:
        """Trainings that took or asked for a turn in the last `window` seconds (or hold or wait for one now)."""
        with self._cond:
            return self._active()

    def others(self, ticket: Ticket) -> int:
        """Active trainings besides this one."""
        with self._cond:
            return self._active() - self._is_active(ticket, self.clock())

    def position(self, ticket: Ticket) -> int | None:
        """How many turns come before this ticket's (running ones included); None if it is not waiting."""
        with self._cond:
            if ticket not in self._queue:
                return None
            return len(self._holders) + list(self._queue).index(ticket)

    def expected_wait(self, ticket: Ticket) -> float:
        """Seconds until this ticket's turn, from the measured turns of those before it (0 if not waiting)."""
        with self._cond:
            if ticket not in self._queue:
                return 0.0
            before = [*self._holders, *list(self._queue)[: list(self._queue).index(ticket)]]
            return sum(self._turn_seconds.get(t, 0.0) for t in before) / self.slots

    def wait_until(self, predicate: Callable[[Admission], bool], timeout: float | None = None) -> bool:
        """Block until predicate(self) holds after some change of state (for tests and tools)."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self), timeout)

    def waiting(self) -> int:
        with self._cond:
            return len(self._queue)


TRAININGS = Admission(slots=1)  # the process' one admission: one chunk at a time on the one torch thread


def torch_threads(active: int, budget: int) -> int:
    """Intra-op threads for a training's turn: one core is always left to the rest of the server (page
    reruns, the script threads handing chunks over), so chunks and reruns never oversubscribe the cores.

    Measured (bench.train --concurrent, 2 cores shared with other work): one training alone with both
    cores showed 517 examples/s, while 5 trainings with one core each showed ~340 each (1,479 in all):
    with a second OpenMP thread each hand-over between a script thread and the torch thread competes
    with a spinning worker. A bare loop ran as fast on 1 thread as on 2 there. `active` is kept for a
    policy that gives a lone training more cores on bigger machines (budget - 1 is that already)."""
    return max(1, budget - 1)
