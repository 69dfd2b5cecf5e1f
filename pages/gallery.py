"""Architecture gallery: the classic ImageNet CNNs, their sizes and what each one added."""

import pandas as pd
import streamlit as st

from playground import figures
from playground.gallery import GALLERY, gallery_summaries
from widgets import T, lang

st.title(T("gallery_title"))
st.write(T("gallery_intro"))
summaries = gallery_summaries()  # precomputed from the definitions (tests recompute them): no torch here
rows = [(a.name, a.year, getattr(a, f"idea_{lang()}"), summaries[n].total_params, summaries[n].total_macs / 1e9,
         round(100 - a.top1, 2), round(100 - a.top5, 2)) for n, a in GALLERY.items()]
st.dataframe(pd.DataFrame(rows, columns=[T("g_name"), T("g_year"), T("g_idea"), T("col_params"), "GMACs",
                                         T("g_top1"), T("g_top5")]),
             hide_index=True, column_config={"GMACs": st.column_config.NumberColumn(format="%.2f")})
st.plotly_chart(figures.params_vs_error([r[0] for r in rows], [r[3] for r in rows], [r[5] for r in rows],
                                        [r[6] for r in rows], (T("col_params"), T("g_top1"), T("g_top5"))),
                key="gallery_chart")
st.caption(T("gallery_source"))
for name in GALLERY:
    s = summaries[name]
    with st.expander(f"{name} — {s.total_params:,} {T('col_params').lower()}, {s.total_macs / 1e9:.2f} GMACs"):
        st.dataframe(pd.DataFrame([(r.name, r.kind, str(r.output_shape), r.params, r.macs) for r in s.rows],
                                  columns=[T("col_layer"), T("g_kind"), T("col_shape"), T("col_params"), "MACs"]),
                     hide_index=True, height=300)
