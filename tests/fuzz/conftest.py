"""Property-based tests (hypothesis) over arbitrary input: bounded so the whole set stays well
under a minute. The ``ci`` profile is deterministic (``derandomize``), so CI never flakes on a new
random example; ``HYPOTHESIS_PROFILE=explore`` runs many more random examples locally.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("explore", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
