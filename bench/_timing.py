"""Median wall time of a callable, after a warm-up; the benchmarks' one clock."""

import statistics
import time
from typing import Callable


def median_ms(f: Callable[[], object], repeat: int = 30, warmup: int = 3) -> float:
    """Median milliseconds of `repeat` calls of f."""
    for _ in range(warmup):
        f()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)
