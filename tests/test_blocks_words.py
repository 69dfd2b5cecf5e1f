"""Model page, building blocks (issue 12): blocks with nothing to multiply say what happens, in words, from the
numbers ('0: 64 + 64 = 128 channels' read as if 128 channels were multiply-adds)."""

import re

from hypothesis import given
from hypothesis import strategies as hs

from playground.blocks import building_blocks
from playground.i18n import t


def numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


@given(hs.integers(1, 64), hs.integers(1, 64), hs.integers(1, 512), hs.integers(1, 512), hs.sampled_from([1, 2, 4]),
       hs.sampled_from(["en", "ko"]))
def test_concatenation_and_residual_say_what_happens_computed_from_the_numbers(h, w, cin, cout, groups, lang):
    cin, cout = cin * groups, cout * groups  # (groups must divide both)
    blocks = {b.key: b for b in building_blocks(h, w, cin, cout, groups)}
    concat, residual = blocks["blk_concat"], blocks["blk_residual"]
    said = t(concat.macs_words[0], lang, **concat.macs_words[1])
    assert concat.macs == 0 and concat.stages[-1][1][2] == cin + cout  # what the picture draws
    assert numbers(said) == [cin, cout, cin, cout, cin + cout]  # the input's, the new, and their sum
    said = t(residual.macs_words[0], lang, **residual.macs_words[1])
    assert numbers(said) == [h, w, cout, h * w * cout] and residual.macs == h * w * cout
    # no '0:' before the count, and the sentence names what is counted
    assert not said.startswith("0") and ("addition" in said if lang == "en" else "덧셈" in said)


def test_the_block_pictures_speak_korean_on_the_korean_page():
    """Every block's picture (shape_flow) on the Korean Model page: its labels keep no English words."""
    import json

    from app_session import app

    from test_i18n_deploy import _latin_left

    at = app()  # the shared hang guard (tests/app_session.py), not a speed limit
    at.session_state["lang"] = "ko"
    at.run()
    at.switch_page("pages/model.py").run()
    for k in range(len(building_blocks())):
        at.selectbox(key="bk_pick").select_index(k).run()
        assert not at.exception
        flow = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if "block_flow" in c.proto.id][0]
        words = [n["text"] for n in flow["layout"]["annotations"]]
        labels = [re.sub(r"<[^>]+>", " ", w).replace("g=", "") for w in words]
        assert labels and "입력" in labels[0], labels  # the picture starts at the block's input
        assert all(not _latin_left("flow", "", label) for label in labels), labels
