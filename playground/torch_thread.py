"""All torch work of the process on one long-lived thread.

Streamlit runs every script run in a new thread. Each thread that runs parallel torch ops gets its
own OpenMP team, and once two threads have one, both run slower: on 2 cores training in a
Streamlit-like thread ran at ~5.8k examples/s against ~11k on a lone main thread, and small ops up
to 8× slower (measured here with torch 2.13 CPU). With every torch call of the app on this one
thread, training runs at 10–12k examples/s from any calling thread.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

R = TypeVar("R")
_NAME = "playground-torch"


def cpu_budget(cpu_max: str = "/sys/fs/cgroup/cpu.max") -> int:
    """Cores this process may use: its CPU affinity, capped by a cgroup v2 CPU quota (containers)."""
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        quota, period = open(cpu_max).read().split()[:2]
        if quota != "max":
            n = min(n, max(1, int(quota) // int(period)))
    except (OSError, ValueError):
        pass  # no cgroup v2 quota to read: the affinity is the budget
    return n


def _init() -> None:
    import torch

    from ._alloc import reuse_big_blocks

    # One OpenMP worker per core we may use, at most 4 (these models gain nothing beyond): a
    # container that shows 8 host CPUs but a 2-core quota would otherwise run 8 threads on 2 cores.
    torch.set_num_threads(min(cpu_budget(), 4))
    reuse_big_blocks()  # activations of a batch are ~1.6 MB: reused, not unmapped after every step


_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=_NAME, initializer=_init)


def on_torch_thread(fn: Callable[..., R], *args, **kwargs) -> R:
    """Run fn on the torch thread and wait for it (directly, if already there)."""
    if threading.current_thread().name.startswith(_NAME):
        return fn(*args, **kwargs)
    return _executor.submit(fn, *args, **kwargs).result()
