"""The pure playground calls that pages cache, wrapped once per process.

A page is a script that runs again on every rerun: `st.cache_data(f)` written in a page builds its wrapper
again each time, and building one reads and tokenizes f's source to name its cache (~0.5 ms a wrapper, on
every slider move of every learner). Wrapped here, at import, it is built once; the caches are shared by
every session of the process (the results depend only on the arguments).
"""

import streamlit as st

from playground import figures
from playground.experiments import pooling_experiments
from playground.lessons import channel_lesson, conv_lesson, pool_lesson

# A learner toggling a setting back and forth gets the result back at once; ttl frees what nobody asks for.
conv = st.cache_data(conv_lesson, max_entries=8, ttl=900, show_spinner=False)
pool = st.cache_data(pool_lesson, max_entries=8, ttl=900, show_spinner=False)
pool_experiments = st.cache_data(pooling_experiments, max_entries=8, ttl=900, show_spinner=False)
channels = st.cache_data(channel_lesson, max_entries=8, ttl=900, show_spinner=False)
conv_animation = st.cache_data(figures.conv_animation_cached, max_entries=32)  # same crop -> same frames
