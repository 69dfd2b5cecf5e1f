"""Shared test settings: hypothesis runs >= 500 examples for the property tests."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
