"""Image: bring an image (sample, upload, drawing, pixel editor) and see it as numbers."""

import numpy as np
import pandas as pd
import streamlit as st

from playground import ImageError, figures, load_image, samples
from playground.images import from_canvas, pixel_crop
from widgets import T, current_image, link, one_of, set_image, shape_text, show_error, show_map

st.title(T("image_title"))
st.write(T("image_intro"))

source = st.segmented_control(T("image_source"), ["sample", "upload", "draw", "pixels"], key="image_source",
                              default="sample", format_func=lambda s: T(f"source_{s}"))

if source == "upload":
    up = st.file_uploader(T("upload_label"), type=["png", "jpg", "jpeg", "webp", "gif", "bmp"], key="upload",
                          max_upload_size=20)
    if up is not None and st.session_state.get("upload_seen") != up.file_id:
        st.session_state["upload_seen"] = up.file_id
        try:
            set_image(up.name, load_image(up.getvalue()))
            st.success(T("upload_ok", name=up.name))
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
    start = np.zeros((8, 8), dtype=np.int64)
    start[2:6, 3:5] = 255  # a small bar to start from
    columns = [str(i) for i in range(8)]
    edited = st.data_editor(pd.DataFrame(start, columns=columns), key="pixel_editor", width="content",
                            column_config={c: st.column_config.NumberColumn(min_value=0, max_value=255, step=1)
                                           for c in columns})
    if st.button(T("use_pixels"), key="use_pixels"):
        grid = np.nan_to_num(edited.to_numpy(dtype=np.float64), nan=0.0)
        set_image("pixels", np.clip(grid, 0, 255).astype(np.uint8))
else:
    if link("sample", one_of(samples.SAMPLES)):  # a lesson link names a sample: use it
        set_image(st.session_state["sample"], samples.sample(st.session_state["sample"]))
    label, _ = current_image()
    st.selectbox(T("sample_label"), samples.SAMPLES, key="sample", format_func=lambda n: T(f"sample_{n}"),
                 index=samples.SAMPLES.index(label) if label in samples.SAMPLES else 0,
                 on_change=lambda: set_image(st.session_state["sample"], samples.sample(st.session_state["sample"])))

label, img = current_image()
st.subheader(T("image_as_numbers"))
st.markdown(T("image_shape", shape=shape_text(img), kind=T("gray") if img.ndim == 2 else T("rgb")))
left, right = st.columns([1, 1])
left.image(figures.raster(img) if img.ndim == 2 else img, caption=T("the_image"), width=320)
with right:
    H, W = img.shape[:2]
    size = st.slider(T("zoom_size"), 4, min(16, max(H, W)), min(8, max(H, W)), key="zoom_size") if max(H, W) > 4 else max(H, W)
    top = st.slider(T("zoom_top"), 0, max(H - size, 0), 0, key="zoom_top") if H > size else 0
    lft = st.slider(T("zoom_left"), 0, max(W - size, 0), 0, key="zoom_left") if W > size else 0
    crop = pixel_crop(img, top, lft, size)  # (size, size) gray values, or (3, size, size) for RGB
    if crop.ndim == 2:
        show_map(crop, T("pixel_values"), key="zoom_map")
    else:
        tabs = st.tabs([T("channel_r"), T("channel_g"), T("channel_b")])
        for c, tab in enumerate(tabs):
            with tab:
                show_map(crop[c], T("pixel_values"), key=f"zoom_map_{c}")
if img.ndim == 3:
    st.subheader(T("rgb_planes"))
    for col, plane, key in zip(st.columns(3), figures.rgb_planes(img), ("channel_r", "channel_g", "channel_b")):
        col.image(plane, caption=f"{T(key)} (H, W) = ({H}, {W})")
st.caption(T("brightness_note"))
