"""Pooling claims: every sentence is checked against the numbers it is about, on several images."""

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from playground import pool2d, samples
from playground.experiments import MODES, pooling_experiments, shift_right
from playground.i18n import t
from playground.lessons import pool_lesson

RNG = np.random.default_rng(7)
IMAGES = {
    "digit": samples.sample("digit"),
    "grid6": samples.sample("grid6"),
    "photo": samples.sample("cat")[::4, ::4],  # (75, 113, 3): a real photo, thinned to keep the test quick
    "constant": np.full((8, 8), 120, np.uint8),
    "noise": RNG.integers(0, 256, (16, 16)).astype(np.uint8),
    "tiny": np.array([[0, 255, 0, 255], [255, 0, 255, 0], [0, 0, 255, 255], [10, 20, 30, 40]], np.uint8),
}
SETTINGS = [dict(kernel_size=2), dict(kernel_size=3, stride=1, padding=1), dict(kernel_size=2, stride=1),
            dict(mode="global_avg")]


def check(claim) -> None:
    """The claim's tiers are the numbers' order; ties are exactly the values that look the same."""
    flat = [m for g in claim.tiers for m in g]
    assert sorted(flat) == sorted(MODES)
    assert [claim.values[m] for m in flat] == sorted(claim.values[m] for m in flat)
    for g in claim.tiers:
        assert len({claim.shown[m] for m in g}) == 1  # one tier looks like one number
    shown = [claim.shown[g[0]] for g in claim.tiers]
    assert len(set(shown)) == len(shown)  # different tiers look different
    if claim.nothing:
        return
    for lang in ("en", "ko"):
        s = claim.sentence(lang)
        for g in claim.tiers:
            assert claim.shown[g[0]] in s  # every number it compares is in the sentence
            for m in g if len(claim.tiers) > 1 else ():
                assert t(f"pool_{m}", lang) in s  # and every pooling is named (a tie of all three: 'all three')
        assert "{" not in s
    s = claim.sentence("en")
    # above 100% (shift): the sentence says what that means, naming exactly the poolings shown above 100%
    over = [m for m in MODES if claim.experiment == "shift" and int(claim.shown[m].rstrip("%")) > 100]
    assert ("Over 100%" in s) == bool(over) and ("100%가 넘었다" in claim.sentence("ko")) == bool(over)
    if over:
        tail = s.split("Over 100%")[1]
        assert [m for m in MODES if t(f"pool_{m}", "en") in tail] == (over if len(over) < 3 else [])
        s = s.split(" Over 100%")[0]
    least, most = claim.least, claim.most
    if len(claim.tiers) == 1:
        assert "same amount" in s
    else:  # the pooling said to change least comes before "least", and is the smallest number
        assert s.index(t(f"pool_{least[0]}", "en")) < s.index("least")
        # A tier is the poolings that *look* the same (127% and 127%), so the smallest number sits in
        # the least tier and the largest in the most tier, not necessarily first in it.
        assert min(claim.values[m] for m in least) <= min(claim.values.values()) + 1e-12
        assert max(claim.values[m] for m in most) >= max(claim.values.values()) - 1e-12
        assert ("both" in s) == (len(claim.tiers) == 2)


@pytest.mark.parametrize("name", list(IMAGES))
@pytest.mark.parametrize("cfg", SETTINGS, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_claims_follow_the_numbers(name, cfg):
    img = IMAGES[name]
    if cfg.get("kernel_size", 1) > min(img.shape[:2]):
        pytest.skip("window larger than the image")
    e = pooling_experiments(img, noise=20.0, **cfg)
    check(e.shift)
    check(e.noise)


@pytest.mark.parametrize("name", ["digit", "grid6", "tiny", "noise"])
@pytest.mark.parametrize("mode", ["max", "avg", "min"])
def test_the_numbers_are_the_ones_the_page_shows(name, mode):
    img = IMAGES[name]
    lesson = pool_lesson(img, kernel_size=2, stride=2, padding=0, mode=mode, noise=20.0)
    e = pooling_experiments(img, kernel_size=2, stride=2, padding=0, mode=mode, noise=20.0)
    assert e.shift.values[mode] == pytest.approx(lesson.shifted_change, abs=1e-12)
    assert e.noise.values["max"] == pytest.approx(lesson.noise_max, abs=1e-12)
    assert e.noise.values["avg"] == pytest.approx(lesson.noise_avg, abs=1e-12)


def test_shift_measured_by_hand_on_a_tiny_image():
    x = IMAGES["tiny"].astype(float)
    e = pooling_experiments(x, kernel_size=2, noise=0.0)
    moved = shift_right(x)
    assert moved[:, 0].tolist() == x[:, 0].tolist() and moved[0, 1:].tolist() == x[0, :-1].tolist()
    base = np.abs(x - moved).mean()
    for m in MODES:
        by_hand = np.abs(pool2d(x, 2, mode=m) - pool2d(moved, 2, mode=m)).mean() / base
        assert e.shift.values[m] == pytest.approx(by_hand)


def test_the_digit_case_from_the_issue_does_not_claim_max_is_stable():
    """The old caption 'Max pooling barely notices small shifts' sat under max changing MOST."""
    e = pooling_experiments(IMAGES["digit"], kernel_size=2, noise=20.0)
    assert e.shift.most == ("max",)
    assert e.shift.sentence("en").startswith("Under a 1-pixel shift, min pooling changed least")
    assert e.shift.shown["max"] == "110%" and "Over 100% means that max pooling changed more than the image itself" \
        in e.shift.sentence("en")  # the number on screen no longer reads like a mistake


def test_averaging_cancels_noise_only_when_the_numbers_say_so():
    flat = pooling_experiments(IMAGES["constant"], kernel_size=2, noise=20.0)
    assert flat.noise.least == ("avg",)  # the mean of 4 noisy pixels moves ~σ/2, the max ~σ
    # a 1×1 window averages nothing: all three poolings are the pixel itself -> a tie, said as one
    same = pooling_experiments(IMAGES["noise"], kernel_size=1, noise=20.0)
    assert len(same.noise.tiers) == 1 and "same amount" in same.noise.sentence("en")
    assert "같은 만큼" in same.noise.sentence("ko")


def test_nothing_to_compare_is_said_plainly():
    flat = pooling_experiments(IMAGES["constant"], kernel_size=2, noise=0.0)
    assert flat.shift.nothing and flat.shift.key == "claim_shift_nothing"
    assert flat.noise.nothing and "No noise" in flat.noise.sentence("en")
    assert all(v == 0 for v in flat.shift.values.values())


@settings(max_examples=80)
@given(arrays(np.uint8, st.tuples(st.integers(2, 9), st.integers(2, 9))), st.integers(1, 2), st.integers(1, 2),
       st.sampled_from([0.0, 5.0, 40.0]))
@example(np.array([[0, 4], [65, 0], [68, 0], [0, 0]], np.uint8), 2, 1, 0.0)  # min 126.5% and avg 127.5% both show 127%
def test_claims_hold_on_any_small_image(img, k, s, noise):
    e = pooling_experiments(img, kernel_size=k, stride=s, noise=noise)
    check(e.shift)
    check(e.noise)
