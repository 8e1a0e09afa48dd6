"""Shared test settings: property tests are derandomised so that a run is repeatable on any machine."""
from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("repeatable")
