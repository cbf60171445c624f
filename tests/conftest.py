"""Switches shared by the whole suite."""
import os

import pytest


@pytest.fixture
def espeak():
    """Skip a test that needs espeak-ng when it is missing, unless DLSPEC_REQUIRE_ESPEAK=1
    (set by .ci/run, which installs it): then a missing espeak-ng fails the test."""
    from dlspec.audio.speech import espeak_path
    if espeak_path() is None:
        if os.environ.get("DLSPEC_REQUIRE_ESPEAK") == "1":
            pytest.fail("DLSPEC_REQUIRE_ESPEAK=1 but espeak-ng is not installed (apt-get install espeak-ng)")
        pytest.skip("espeak-ng not installed (apt-get install espeak-ng)")
