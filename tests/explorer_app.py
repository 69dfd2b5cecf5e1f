"""A tiny harness that mounts the browser explorer for one lesson chosen by query parameters.

    streamlit run tests/explorer_app.py  ->  /?img=digit&kind=conv&stride=2&k=sobel&sel=3,4

img: digit | grid6 | photo (512² astronaut, gray) | rgb (512² astronaut, RGB: the Channels lesson)
kind: conv | pool;  conv: k (KERNELS), stride, dilation, pad (int, valid, same), pad_mode, bias;
pool: mode (max, avg, min, global_avg, global_max), pk (window), stride, pad;  sel=i,j;  quiz=1;  lang=en|ko;
present=1 (presentation mode);  wide=1 (the app's wide layout).
It shows the script-run count and the selected / clicked cell as text, for tests/test_explorer.py and
bench/hover.py.
"""

import numpy as np
import streamlit as st

from playground import samples
from playground.kernels import rgb_filters
from playground.lessons import channel_lesson, conv_lesson, pool_lesson
from ui.explorer import explorer

KERNELS = {
    "sobel": [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
    "blur": np.full((3, 3), 1 / 9).tolist(),
    "float": [[0.1, -0.25, 0.3], [1.5, 0.07, -2], [0.333, 0.5, 0.125]],
    "big": np.linspace(-1.2, 1.3, 25).reshape(5, 5).round(3).tolist(),
    "edge2": [[1, -1], [-1, 1]],
}



def lesson_for(q) -> tuple[object, str]:
    """The lesson and its kind for these query parameters (the tests build the same one to compare)."""
    img_name = q.get("img", "digit")
    kind = q.get("kind", "conv")
    image = samples.sample({"photo": "astronaut", "rgb": "astronaut"}.get(img_name, img_name))
    if kind == "pool":
        return pool_lesson(image, kernel_size=int(q.get("pk", 2)), stride=int(q.get("stride", q.get("pk", 2))),
                           padding=int(q.get("pad", 0)), mode=q.get("mode", "max")), kind
    if img_name == "rgb":
        return channel_lesson(image, rgb_filters(1, 3), bias=float(q.get("bias", 0))), kind
    pad = q.get("pad", "0")
    return conv_lesson(image, np.array(KERNELS[q.get("k", "sobel")]), stride=int(q.get("stride", 1)),
                       padding=pad if pad in ("valid", "same") else int(pad), dilation=int(q.get("dilation", 1)),
                       padding_mode=q.get("pad_mode", "zeros"), bias=float(q.get("bias", 0))), kind


def select(cell):
    st.session_state["sel"] = cell


def main() -> None:
    q = st.query_params
    if q.get("wide") == "1":  # as app.py: the explorer as wide as on the real pages
        st.set_page_config(layout="wide")
    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    lesson, kind = lesson_for(q)
    if "sel" not in st.session_state:
        st.session_state["sel"] = tuple(int(v) for v in q.get("sel", "0,0").split(","))
    clicked = explorer(lesson, kind=kind, lang=q.get("lang", "en"), selected=st.session_state["sel"], key="ex",
                       quiz=q.get("quiz") == "1", on_select=select, present=q.get("present") == "1")
    st.text(f"runs: {st.session_state['runs']}")
    st.text(f"selected: {st.session_state['sel'][0]},{st.session_state['sel'][1]}")
    st.text(f"clicked: {'' if clicked is None else f'{clicked[0]},{clicked[1]}'}")


if __name__ == "__main__":
    main()
