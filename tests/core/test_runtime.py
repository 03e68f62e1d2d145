from __future__ import annotations

import platform

import pytest

from wirestream import runtime
from wirestream.runtime import return_free_heap, tune_glibc_malloc


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_glibc_thresholds_are_accepted() -> None:
    # mallopt returns 0 for a parameter it rejects: both thresholds must be taken
    assert tune_glibc_malloc() is True


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_free_heap_is_returned_to_the_os() -> None:
    # malloc_trim(0) returns 1 when it released memory. Free 3 of every 4 blocks, so the free space sits
    # in the middle of the heap (where free() never trims by itself) in runs of whole pages.
    blocks = [bytearray(4096) for _ in range(16_384)]
    kept = blocks[::4]
    del blocks
    assert return_free_heap() is True
    assert len(kept) == 4096


def test_without_a_c_library_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runtime.ctypes.util, "find_library", lambda name: None)
    assert tune_glibc_malloc() is False
    assert return_free_heap() is False
