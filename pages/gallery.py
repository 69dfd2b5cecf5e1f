"""Architecture gallery: the classic CNNs, their sizes, where their error rates come from, what each added."""

import pandas as pd
import streamlit as st

from playground import figures
from playground.gallery import GALLERY, gallery_summaries
from ui import display
from ui.text import T, big_count, lang

st.title(T("gallery_title"))
st.write(T("gallery_intro"))
summaries = gallery_summaries()  # precomputed from the definitions (tests recompute them): no torch here


def errors(a) -> str:  # "top-1 / top-5", as the paper column writes them
    if a.top1 is None:
        return "—"  # LeNet-5 has no ImageNet error: its paper column says MNIST
    return f"{100 - a.top1:.2f} / {100 - a.top5:.2f}"


rows = [(a.name, str(a.year), f"{summaries[n].total_params:,}", f"{summaries[n].total_macs / 1e6:,.1f}", errors(a),
         T(f"g_source_{a.error_source}"), a.paper or "—") for n, a in GALLERY.items()]
columns = [T("g_name"), T("g_year"), T("col_params"), T("g_macs"), T("g_top15"), T("g_source"), T("g_paper")]
# an HTML table (st.table), as on the Model page: its headers and cells wrap, so it fits a 1280-px screen (a data
# grid's one-line cells ran 1,135 px into an 818-px page); counts with thousands separators. Each network's input
# shape is in its expander below (all 224×224×3, as the intro says, except LeNet-5's 32×32 digits).
st.table(pd.DataFrame(rows, columns=columns).set_index(columns[0]))
st.caption(T("g_errors_note"))
present = display.present()  # presentation mode: figures drawn for a projector
chart = [(a.name, summaries[n].total_params, 100 - a.top1, 100 - a.top5) for n, a in GALLERY.items() if a.top1]
st.plotly_chart(figures.params_vs_error([c[0] for c in chart], [c[1] for c in chart], [c[2] for c in chart],
                                        [c[3] for c in chart], (T("col_params"), T("g_top1"), T("g_top5")),
                                        present=present),
                key="gallery_chart")
st.caption(T("g_chart_note"))

st.subheader(T("g_ideas"))
st.caption(T("g_shapes_note"))
for name, a in GALLERY.items():
    s = summaries[name]
    with st.expander(T("g_expander", name=name, params=f"{s.total_params:,}", macs=big_count(s.total_macs),
                       shape=str(s.input_shape))):
        st.markdown(getattr(a, f"idea_{lang()}"))
        st.dataframe(pd.DataFrame([(r.name, r.kind, str(r.output_shape), r.params, r.macs) for r in s.rows],
                                  columns=[T("col_layer"), T("g_kind"), T("col_shape"), T("col_params"), T("col_macs")]),
                     hide_index=True, height=300,
                     column_config={T("col_params"): st.column_config.NumberColumn(format="localized"),
                                    T("col_macs"): st.column_config.NumberColumn(format="localized")})
