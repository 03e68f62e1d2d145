from __future__ import annotations

import platform

import pytest

from wirestream.runtime import tune_glibc_malloc


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_glibc_thresholds_are_accepted() -> None:
    # mallopt returns 0 for a parameter it rejects: both thresholds must be taken
    assert tune_glibc_malloc() is True
