"""Image: bring an image (sample, upload, drawing, pixel editor) and see it as numbers."""

import numpy as np
import pandas as pd
import streamlit as st

from playground import ImageError, figures, load_image, samples
from playground.image_codes import MAX_SIDE_TYPED, parse_pixels
from playground.images import from_canvas, pixel_crop
from ui import controls as c
from ui.display import image_name, keep_last, present, shape_text, show_error, show_map, with_box
from ui.state import current_image, set_image
from ui.text import T, plain

st.title(T("image_title"))
st.write(T("image_intro"))
label, img = current_image()

source = c.segmented("image_source", T("image_source"), ["sample", "upload", "draw", "pixels"], "sample",
                     format_func=lambda s: T(f"source_{s}"))

if source == "upload":
    up = st.file_uploader(T("upload_label"), type=["png", "jpg", "jpeg", "webp", "gif", "bmp"], key="upload",
                          max_upload_size=20)
    if up is not None and st.session_state.get("upload_seen") != up.file_id:
        st.session_state["upload_seen"] = up.file_id
        try:
            set_image(up.name, load_image(up.getvalue()))
            st.success(T("upload_ok", name=plain(up.name, 60)))
        except ImageError as e:
            show_error(e)
            st.caption(T("showing_previous"))
elif source == "draw":
    try:
        from streamlit_drawable_canvas import st_canvas  # only importable inside the Streamlit runtime
        drawing = st_canvas(stroke_width=18, stroke_color="#ffffff", background_color="#000000", height=280,
                            width=280, drawing_mode="freedraw", key="canvas", update_streamlit=True,
                            return_image_data=True)
        data = getattr(drawing, "image_data", None)
    except Exception:  # a missing component never breaks the page
        data = None
        st.info(T("canvas_unavailable"))
    if st.button(T("use_drawing"), key="use_drawing", disabled=data is None):
        set_image("drawing", from_canvas(data, side=56))
elif source == "pixels":
    st.caption(T("pixel_editor_help"))
    r1, r2 = st.columns(2)
    rows = c.number("px_rows", T("pixel_rows"), 3, MAX_SIDE_TYPED, 8, where=r1)
    cols = c.number("px_cols", T("pixel_cols"), 3, MAX_SIDE_TYPED, 8, where=r2)
    start = np.zeros((rows, cols), dtype=np.int64)
    start[rows // 4:rows - rows // 4, cols // 2 - 1:cols // 2 + 1] = 255  # a small bar to start from
    names = [str(j) for j in range(cols)]
    edited = st.data_editor(pd.DataFrame(start, columns=names), key=f"pixel_editor_{rows}x{cols}", width="content",
                            column_config={n: st.column_config.NumberColumn(min_value=0, max_value=255, step=1)
                                           for n in names})
    if st.button(T("use_pixels"), key="use_pixels"):
        grid = np.nan_to_num(edited.to_numpy(dtype=np.float64), nan=0.0)
        set_image("pixels", np.clip(grid, 0, 255).astype(np.uint8))
    pasted = st.text_area(T("paste_pixels"), key="pixel_text", height=120, max_chars=5_000,
                          placeholder="0 0 0\n0 255 0\n0 0 0")
    if st.button(T("use_pasted_pixels"), key="use_pasted_pixels"):
        grid = keep_last("pixels", lambda: parse_pixels(pasted))
        if grid is not None:
            set_image("pixels", grid)
else:
    def picked() -> None:
        name = st.session_state["sample"]
        if name is not None:
            set_image(name, samples.sample(name))
    # The picker shows the current image's sample, or nothing when the image is an upload, drawing or typed grid.
    st.session_state["sample"] = label if label in samples.SAMPLES else None
    st.selectbox(T("sample_label"), samples.SAMPLES, key="sample", format_func=lambda n: T(f"sample_{n}"),
                 placeholder=T("sample_none", name=image_name(label)), on_change=picked)

label, img = current_image()
st.subheader(T("image_as_numbers"))
st.markdown(T("image_shape", shape=shape_text(img), kind=T("gray") if img.ndim == 2 else T("rgb")))
big = present()  # a projector: the numbers are the main picture, in the wider column
left, right = st.columns([2, 3] if big else [1, 1])
H, W = img.shape[:2]
size = min(8, max(H, W))
with right:
    if max(H, W) > 4:
        size = st.slider(T("zoom_size"), 4, min(16, max(H, W)), min(8, max(H, W)), key="zoom_size")
    # the zoom starts where the picture has the most contrast, not on a flat (all-zero) corner
    top0, lft0 = figures.busiest_crop(img if img.ndim == 2 else img.mean(axis=2), size)
    top = st.slider(T("zoom_top"), 0, max(H - size, 0), top0, key="zoom_top") if H > size else 0
    lft = st.slider(T("zoom_left"), 0, max(W - size, 0), lft0, key="zoom_left") if W > size else 0
    crop = pixel_crop(img, top, lft, size)  # (size, size) gray values, or (3, size, size) for RGB
    if crop.ndim == 2:
        show_map(crop, T("pixel_values"), key="zoom_map", main=True, origin=(top, lft))  # the picture's rows
    else:
        tabs = st.tabs([T("channel_r"), T("channel_g"), T("channel_b")])
        for ch, tab in enumerate(tabs):
            with tab:
                show_map(crop[ch], T("pixel_values"), key=f"zoom_map_{ch}", main=True, origin=(top, lft))
box = (top, lft, min(top + size, H) - 1, min(lft + size, W) - 1)  # the zoomed part, outlined on the picture
left.image(figures.raster(img, rects=[(*box, figures.WINDOW)], max_side=320) if img.ndim == 2 else with_box(img, *box),
           caption=T("the_image_zoom"), width="stretch" if big else 320)
if img.ndim == 3:
    st.subheader(T("rgb_planes"))
    for col, plane, key in zip(st.columns(3), figures.rgb_planes(img), ("channel_r", "channel_g", "channel_b")):
        col.image(plane, caption=f"{T(key)} (H, W) = ({H}, {W})")
st.caption(T("brightness_note"))
