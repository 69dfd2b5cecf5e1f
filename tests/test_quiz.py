"""Quiz mode (issue 12): the asked cell gives nothing away, and neither does the address.

The cell is drawn uniformly over the whole output from the question's seed (the middle of a 13×13 output,
(6, 6), told the size); while a question is open the address holds no cell; after Check the answer is
shown and a new question asks about another cell.
"""

import re
from collections import Counter

import pytest
from app_session import app
from hypothesis import given
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest

from playground import conv2d, pool2d, samples
from playground.kernels import KERNELS
from ui.controls import quiz_cell

APP = "../app.py"


@given(hs.integers(0, 2 ** 32 - 1), hs.integers(1, 60), hs.integers(1, 60))
def test_the_asked_cell_lies_in_the_output_and_is_fixed_by_its_seed(seed, n_rows, n_cols):
    cell = quiz_cell(seed, n_rows, n_cols)
    assert 0 <= cell[0] < n_rows and 0 <= cell[1] < n_cols
    assert quiz_cell(seed, n_rows, n_cols) == cell  # the same question on every rerun


@pytest.mark.parametrize("shape", [(13, 13), (4, 7), (1, 5)])
def test_the_asked_cell_is_uniform_over_the_output_not_the_middle(shape):
    n = shape[0] * shape[1]
    draws = 60 * n
    counts = Counter(quiz_cell(seed, *shape) for seed in range(draws))
    assert len(counts) == n  # every cell is asked
    # each cell ~ Binomial(draws, 1/n): mean 60, sd < 8; 5 sd either way (a fixed set of seeds: no flakiness)
    assert all(20 <= c <= 100 for c in counts.values()), counts.most_common(3)
    middle = (shape[0] // 2, shape[1] // 2)
    assert counts[middle] < 2 * draws / n  # the middle is not favoured


def open_page(page: str, **state) -> AppTest:
    at = app()  # the shared hang guard (tests/app_session.py), not a speed limit
    at.session_state["lang"] = "en"
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def asked(at: AppTest, key: str) -> tuple[int, int]:
    """The cell the question names in its label: 'Value of cell (i, j)?'."""
    i, j = re.search(r"\((\d+), (\d+)\)", at.number_input(key=f"{key}_q_v").label).groups()
    return int(i), int(j)


def address(at: AppTest) -> dict:
    return dict(at.session_state["_current_params"])


@pytest.mark.parametrize("page, key, output", [
    ("pages/convolution.py", "conv", lambda img: conv2d(img, KERNELS["sobel_x"].weights)),
    ("pages/pooling.py", "pool", lambda img: pool2d(img, 2, stride=2)),
])
def test_a_quiz_keeps_its_cell_out_of_the_address_until_checked_then_asks_another(page, key, output):
    img = samples.sample("digit")  # a 28×28 digit: conv 26×26, pooling 14×14
    out = output(img)
    at = open_page(page, image=img, image_label="digit", **{f"{key}_charts": True})  # (its ◀ ▶ are in the fold)
    at.button(key=f"{key}_cell_next").click().run()  # the learner stepped to a cell of their own: it is linked
    assert f"{key}_cell" in address(at)
    mine = at.session_state["_learner"][f"{key}_cell"]

    seen = set()
    at.toggle(key=f"{key}_quiz").set_value(True).run()
    for _ in range(3):  # three questions in a row
        cell = asked(at, key)
        seen.add(cell)
        assert 0 <= cell[0] < out.shape[0] and 0 <= cell[1] < out.shape[1]
        assert f"{key}_cell" not in address(at) and f"{key}_cell_shape" not in address(at)
        assert not any(str(out.shape[0]) + "×" in s.value for s in at.success)  # no answer shown yet
        at.number_input(key=f"{key}_q_h").set_value(out.shape[0])
        at.number_input(key=f"{key}_q_w").set_value(out.shape[1])
        at.number_input(key=f"{key}_q_v").set_value(float(out[cell]))
        at.button(key=f"{key}_q_check").click().run()
        assert any(f"the output is {out.shape[0]}×{out.shape[1]}" in s.value for s in at.success)
        assert any("the cell is" in s.value for s in at.success)
        assert at.session_state["_learner"][f"{key}_cell"] == mine  # the step's own cell is untouched
        at.button(key=f"{key}_q_next").click().run()  # a new question: asked again, nothing shown
        assert any("press Check" in i.value for i in at.info)
    at.toggle(key=f"{key}_quiz").set_value(False).run()  # quiz off: back to the learner's cell, linked again
    assert at.session_state["_learner"][f"{key}_cell"] == mine and f"{key}_cell" in address(at)
