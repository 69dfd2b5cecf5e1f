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


# Identical for every learner (seeded, the shipped data): computed once per process, not per session.
# torch is imported inside, by the Try-your-digit page that asks, not at start-up by every page.
@st.cache_resource(show_spinner=False)
def data_size_experiment(per_class: tuple[int, ...], steps: int) -> list[tuple[int, float, float]]:
    from playground.training import data_size_experiment as run
    return run(per_class, steps=steps)


@st.cache_resource(show_spinner=False)
def shipped_model_accuracy() -> tuple[float, int]:
    """(accuracy, number of test digits) of the shipped CNN, measured on the test digits (~1 s, once per process)."""
    from playground import home_net
    from playground.training import shipped_digits

    d = shipped_digits()
    return home_net.accuracy(d.x_test[:, 0].numpy(), d.y_test.numpy()), len(d.y_test)
