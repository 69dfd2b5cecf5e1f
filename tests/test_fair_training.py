"""Fair training: the process' trainings take turns in arrival order, a waiting one knows its place and
wait, sessions are never kept by the admission, and bad training arguments carry a strings key.

Deterministic: the order of turns is forced by waiting on the admission's own state (no clock, no sleep)."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
import torch

from playground import training
from playground._args import InputError
from playground.admission import Admission, Ticket, torch_threads
from playground.i18n import STRINGS, t
from playground.training import Block, Dataset, ModelConfig, Trainer, TrainSession, build_cnn, make_config


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def run(fn) -> threading.Thread:
    th = threading.Thread(target=fn, daemon=True)
    th.start()
    return th


def test_two_trainings_alternate_turn_by_turn():
    """A leaves its turn while B waits: B goes next, A queues behind it (first come, first served)."""
    adm = Admission(slots=1)
    a, b, n = Ticket(), Ticket(), 6

    def trainee(me: Ticket) -> None:
        for k in range(n):
            with adm.turn(me):
                if k < n - 1 or me is a:  # hold the turn until the other one waits (B's last turn: A is done)
                    adm.wait_until(lambda adm: adm.waiting() >= 1)
    ta = run(lambda: trainee(a))
    adm.wait_until(lambda adm: adm.granted == [a])
    tb = run(lambda: trainee(b))
    ta.join()
    tb.join()
    assert adm.granted == [a, b] * n


def test_a_waiting_training_knows_how_many_turns_come_first_and_about_how_long():
    clock = FakeClock()
    adm = Admission(slots=1, window=3.0, clock=clock)
    h, w1, me = Ticket(), Ticket(), Ticket()
    for ticket, seconds in ((h, 2.0), (w1, 1.5)):  # their measured turns
        with adm.turn(ticket):
            clock.now += seconds
    assert adm.position(me) is None and adm.expected_wait(me) == 0.0
    release = threading.Event()

    def holder():
        with adm.turn(h):
            release.wait()
    run(holder)
    adm.wait_until(lambda adm: adm.granted[-1] is h)
    held = []  # the turns entered by waiting threads, kept (a dropped one would close and leave at once)

    def wait_for_turn(ticket):
        cm = adm.turn(ticket)
        held.append(cm)
        cm.__enter__()
    run(lambda: wait_for_turn(w1))
    adm.wait_until(lambda adm: adm.position(w1) == 1)
    run(lambda: wait_for_turn(me))
    adm.wait_until(lambda adm: adm.position(me) == 2)
    assert adm.expected_wait(me) == pytest.approx(3.5)  # "2 trainings ahead of you, about 3.5 s"
    assert adm.others(me) == 2 and adm.active() == 3
    release.set()
    adm.wait_until(lambda adm: adm.granted[-1] is w1)
    assert adm.position(me) == 1 and adm.expected_wait(me) == pytest.approx(1.5)  # w1 holds, me next
    held[0].__exit__(None, None, None)
    adm.wait_until(lambda adm: adm.granted[-1] is me)
    held[1].__exit__(None, None, None)
    assert adm.waiting() == 0 and adm.position(me) is None


def test_trainings_that_stopped_are_forgotten_and_never_kept_alive():
    clock = FakeClock()
    adm = Admission(slots=1, window=3.0, clock=clock)
    gone, stays = Ticket(), Ticket()
    with adm.turn(gone):
        pass
    assert adm.others(stays) == 1
    clock.now += 3.5  # its learner left: no more turns
    with adm.turn(stays):
        assert adm.others(stays) == 0
    ref = weakref.ref(gone)
    adm.granted.clear()
    del gone
    gc.collect()
    assert ref() is None  # the admission kept nothing of it


def test_a_session_is_freed_when_its_learner_leaves():
    """No global reference to a TrainSession: once the page's state drops it, its memory can go."""
    s = TrainSession(make_config(1, 2, 3, "max"), epochs=1, fraction=0.1)
    s.resume()
    s.tick(budget=0)
    assert s.trainer.progress.step > 0
    ref = weakref.ref(s)
    del s
    gc.collect()
    assert ref() is None


def test_torch_threads_leave_a_core_to_reruns_when_several_train():
    assert torch_threads(1, 2) == 1 and torch_threads(0, 4) == 3  # one core for the rest of the server
    assert torch_threads(2, 2) == 1 and torch_threads(5, 4) == 3
    assert torch_threads(5, 1) == 1  # one core only: it is shared


class GatedAdmission(Admission):
    """Holds each of the first `gated` turns until another training waits: the order is then forced."""

    def __init__(self, gated: int):
        super().__init__(slots=1)
        self.gated = gated

    def turn(self, ticket):
        outer = super().turn(ticket)

        class Ctx:
            def __enter__(ctx):
                active = outer.__enter__()
                if len(self.granted) <= self.gated:
                    self.wait_until(lambda adm: adm.waiting() >= 1)
                return active

            def __exit__(ctx, *exc):
                return outer.__exit__(*exc)
        return Ctx()


def test_two_training_sessions_ticking_take_turns_and_both_finish(monkeypatch):
    adm = GatedAdmission(gated=8)
    monkeypatch.setattr(training, "TRAININGS", adm)
    sessions = [TrainSession(make_config(1, 4, 3, "max"), epochs=1, fraction=0.25, seed=k) for k in range(2)]

    def train(s: TrainSession) -> None:
        s.resume()
        while s.running:
            s.tick(budget=0, chunk=1)  # one batch per turn: 16 turns each, then its evaluations and the MLP

    threads = [run(lambda s=s: train(s)) for s in sessions]
    for th in threads:
        th.join()
    order = adm.granted[:8]
    assert set(order) == {s.ticket for s in sessions}
    assert all(x is not y for x, y in zip(order, order[1:]))  # alternating
    assert all(s.trainer.done and s.mlp is not None and s.mlp_acc > 0 for s in sessions)


def test_a_turn_runs_with_the_threads_for_the_trainings_active(monkeypatch):
    adm = Admission(slots=1, window=1e9)  # (no expiry during the test, whatever the machine's speed)
    monkeypatch.setattr(training, "TRAININGS", adm)
    mine, other = Ticket(), Ticket()
    try:
        assert training.in_turn(mine, torch.get_num_threads) == torch_threads(1, training.BUDGET)  # alone
        with adm.turn(other):
            pass
        assert training.in_turn(mine, torch.get_num_threads) == torch_threads(2, training.BUDGET)
    finally:
        training.on_torch_thread(torch.set_num_threads, training.BUDGET)  # (alone again, for the next tests)


def test_a_session_reports_its_share_and_time_left(monkeypatch):
    monkeypatch.setattr(training, "TRAININGS", Admission(slots=1, window=1e9))
    s = TrainSession(make_config(1, 4, 3, "max"), epochs=2, fraction=0.25)
    assert s.seconds_left is None and s.sharing == 0
    s.resume()
    for _ in range(3):
        s.tick(budget=0, chunk=2)
    assert s.running and s.seconds_left is not None and s.seconds_left > 0
    other = Ticket()
    with training.TRAININGS.turn(other):
        pass
    assert s.sharing == 1
    s.pause()
    assert s.seconds_left is None  # paused: no pace


def _tiny_data() -> Dataset:
    x, y = torch.zeros(20, 1, 28, 28), torch.arange(20) % 10
    return Dataset(x, y, x, y)


BAD_TRAINER = [({"optimizer": "rmsprop"}, "train_optimizer"), ({"optimizer": None}, "train_optimizer"),
               ({"lr": 0}, "train_lr"), ({"lr": 2}, "train_lr"), ({"lr": float("nan")}, "train_lr"),
               ({"lr": "0.1"}, "train_lr"), ({"lr": True}, "train_lr"),
               ({"batch_size": 0}, "train_batch_size"), ({"batch_size": 4096}, "train_batch_size"),
               ({"batch_size": 64.0}, "train_batch_size"), ({"epochs": 0}, "train_epochs"),
               ({"epochs": 1.5}, "train_epochs"), ({"fraction": 0}, "train_fraction"),
               ({"fraction": 1.5}, "train_fraction"), ({"fraction": float("inf")}, "train_fraction")]


def _check_key(e: InputError, key: str) -> None:
    assert e.key == key and str(e)
    en, ko = (t(key, lang, **e.values) for lang in ("en", "ko"))
    assert key in STRINGS and en != ko and "{" not in en + ko  # both languages, every value filled in


@pytest.mark.parametrize("kwargs, key", BAD_TRAINER)
def test_bad_trainer_arguments_carry_a_strings_key(kwargs, key):
    with pytest.raises(InputError) as e:
        Trainer(build_cnn(ModelConfig()), _tiny_data(), **kwargs)
    _check_key(e.value, key)


@pytest.mark.parametrize("make, key", [
    (lambda: ModelConfig(in_channels=2), "train_in_channels"),
    (lambda: ModelConfig(n_classes=11), "train_n_classes"),
    (lambda: ModelConfig(blocks=()), "train_n_blocks"),
    (lambda: ModelConfig(blocks=[Block()]), "train_n_blocks"),
    (lambda: ModelConfig(blocks=("conv",)), "train_not_block"),
    (lambda: ModelConfig((Block(64, 3),)), "train_filters"),
    (lambda: ModelConfig((Block(8.5, 3),)), "train_filters"),
    (lambda: ModelConfig((Block(8, 4),)), "train_kernel_size"),
    (lambda: ModelConfig((Block(8, 5, "min"),)), "train_pool"),
    (lambda: make_config(0, 8, 3, "max"), "train_n_blocks"),
    (lambda: make_config(2, "8", 3, "max"), "train_filters"),
    (lambda: training.dataset("cifar"), "train_dataset"),
    (lambda: TrainSession(ModelConfig(), data="shapes"), "train_cfg_mismatch"),
    (lambda: TrainSession("2 blocks"), "train_not_config"),
])
def test_bad_model_settings_carry_a_strings_key(make, key):
    with pytest.raises(InputError) as e:
        make()
    _check_key(e.value, key)
