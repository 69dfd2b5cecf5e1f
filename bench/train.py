"""Training speed: the default CNN to ≥ 96 %, the page's live loop vs a bare torch loop, and memory.

    python -m bench.train

Targets (issue 4): ≥ 96 % held-out accuracy in ≤ 15 s of training; the page's loop (AppTest runs
of the Train page, live redraws included, no browser competing for the 2 cores) ≥ 85 % of the
examples/second of a bare torch loop over the same model and batches, measured in the same run;
one session's memory with torch loaded ≤ 500 MB.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def bare_loop_examples_per_second(epochs: int = 8) -> float:
    """The peer: the same model, data order and batches, in a plain for loop."""
    from playground.training import ModelConfig, build_cnn, shipped_digits

    data = shipped_digits()
    model = build_cnn(ModelConfig())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(0)
    n, t = 0, time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(len(data.y_train), generator=gen)
        for k in range(0, len(order), 64):
            idx = order[k: k + 64]
            loss = loss_fn(model(data.x_train[idx]), data.y_train[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            n += len(idx)
    return n / (time.perf_counter() - t)


def default_run() -> tuple[float, float]:
    """(test accuracy, seconds of training) for the page's default settings."""
    from playground.training import ModelConfig, Trainer, build_cnn, shipped_digits

    t = Trainer(build_cnn(ModelConfig()), shipped_digits(), epochs=8, batch_size=64, lr=1e-3)
    start = time.perf_counter()
    while not t.done:
        t.steps(50)
    seconds = time.perf_counter() - start
    return t.evaluate(), seconds


def page_loop_examples_per_second() -> float:
    """Examples per wall-clock second of the Train page's own loop (training + live redraws), under AppTest."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    original = PagesManager.__init__

    def init(self, *a, **k):
        original(self, *a, **k)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/train.py").run()
    at.button(key="btn_train").click().run()  # the page's defaults: 8 epochs
    while not at.session_state["train_session"].trainer.done:
        at.run()
    return at.session_state["train_session"].examples_per_second


def main() -> None:
    # All torch work, the peers' too, runs on playground's torch thread (see playground/torch_thread.py).
    from playground.torch_thread import on_torch_thread

    page = page_loop_examples_per_second()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the app + one session's training
    # the peer on the same torch thread the app uses: one OpenMP team for the whole process
    bare = on_torch_thread(bare_loop_examples_per_second)
    acc, seconds = on_torch_thread(default_run)
    print(f"default CNN (2 blocks, 8/16 filters 5×5, Adam 1e-3, 8 epochs): test accuracy {acc:.1%} "
          f"after {seconds:.1f} s of training (target ≥ 96 % in ≤ 15 s)")
    print(f"bare torch loop: {bare:,.0f} examples/s; Train page loop with live redraws: {page:,.0f} examples/s "
          f"-> ratio {page / bare:.2f} (target ≥ 0.85)")
    print(f"peak memory with torch, the app and one training session (AppTest, before the peers ran): "
          f"{rss_mb:.0f} MB (target ≤ 500)")


if __name__ == "__main__":
    main()
