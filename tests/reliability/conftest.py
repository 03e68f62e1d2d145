"""Fault-injection fixtures: workers inherit a short Faust group session timeout (see rel_support)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reliability.rel_support import FAST_GROUP_ENV


@pytest.fixture(autouse=True)
def _fast_group(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for k, v in FAST_GROUP_ENV.items():
        monkeypatch.setenv(k, v)
    yield
