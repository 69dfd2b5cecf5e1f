"""Pooling: max / average / min / global; which cell won, and two experiments."""

import streamlit as st

from playground import figures
from playground.export import png_bytes
from ui import cached
from ui import controls as c
from ui import page
from ui.display import charts_of_the_cell, downloads, image_caption, keep_last, main_columns, present, show_map
from ui.explorer import explorer
from ui.state import current_image
from ui.text import T, lang

st.title(T("pool_title"))
image_caption()
_, img = current_image()

a, b, col_c = st.columns(3)
mode = c.selectbox("pool_mode", T("pool_mode"), ["max", "avg", "min", "global_avg", "global_max"], where=a,
                   format_func=lambda m: T(f"pool_{m}"))
is_global = mode.startswith("global")
window = c.slider("pool_k", T("pool_window"), 1, 4, 2, where=b, disabled=is_global)
stride = c.slider("pool_s", T("stride"), 1, 4, 2, where=b, disabled=is_global)
padding = c.slider("pool_p", T("padding_amount"), 0, 2, 0, where=col_c, disabled=is_global, help=T("pool_padding_help"))
noise = c.slider("pool_noise", T("noise_level"), 0, 80, 20, where=col_c)

settings = dict(kernel_size=window, stride=stride, padding=padding, mode=mode, noise=float(noise))
lesson = keep_last("pool", lambda: cached.pool(img, **settings))  # (the experiments below: the same settings)
if lesson is None:
    page.stop()  # (not st.stop(): app.py still writes the address and the lesson link)
at, tr, revealed = c.stepper(lesson, "pool", sizes=not is_global)
if revealed:  # a quiz shows no map before Check: the explorer's grid would give the size and values away
    explorer(lesson, kind="pool", lang=lang(), selected=at, key="pool_explorer", quiz=False,
             on_select=lambda cell: c.select_cell("pool", cell), present=present())  # hover in the browser; a click selects the cell
kh, kw = tr.window.shape
r0, c0 = tr.origin[0] - (0 if is_global else padding), tr.origin[1] - (0 if is_global else padding)
with charts_of_the_cell(revealed, key="pool_charts") as unfolded:  # (folded beside the explorer)
    if unfolded:  # folded: nothing below is built, so a rerun beside the explorer skips these charts
        c.step_controls(lesson, "pool")
        left, right = main_columns(1)  # (presentation: the input is the main picture, wider)
        with left:
            rects = [(r0, c0, r0 + kh - 1, c0 + kw - 1, figures.WINDOW)]
            if revealed and tr.winner is not None:  # (a quiz keeps the winner hidden until Check)
                rects.append((r0 + tr.winner[0], c0 + tr.winner[1], r0 + tr.winner[0], c0 + tr.winner[1], figures.RESULT))
            show_map(lesson.image, T("input"), key="pool_in", rects=rects, main=True)
        with right:
            if revealed:
                show_map(lesson.output, T("pooled"), key="pool_out", beside=True, rects=[(*at, *at, figures.RESULT)],
                         on_click=lambda cell: c.select_cell("pool", cell))  # a click selects the cell: one rerun
            else:
                st.info(T("quiz_hidden_map"))
        st.markdown(T(f"pool_cell_value_{mode.removeprefix('global_')}", i=at[0], j=at[1]))  # what this pooling takes
        if revealed:
            st.code(tr.formula_in(lang()), language=None, wrap_lines=True)
        if revealed and tr.winner is not None:
            st.caption(T("winner", r=tr.origin[0] + tr.winner[0], c=tr.origin[1] + tr.winner[1]))

st.subheader(T("experiments"))
exp = keep_last("pool_exp", lambda: cached.pool_experiments(img, **settings))
if exp is not None:  # every sentence is computed from the numbers beside it (playground.experiments)
    for col, claim, title in zip(st.columns(2), (exp.shift, exp.noise), (T("shift_metric"), T("noise_title"))):
        col.markdown(f"**{title}**")
        for m, metric_col in zip(("max", "avg", "min"), col.columns(3)):
            metric_col.metric(T(f"pool_{m}"), claim.shown[m])
        col.caption(claim.sentence(lang()))
if revealed:
    downloads("pool_dl", [("dl_pooled_png", lambda: png_bytes(figures.raster(lesson.output, upscale_to=1)), "pooled.png")])
