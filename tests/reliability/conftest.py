"""Fault-injection fixtures: a frozen copy of the code for every worker, short Faust group timeouts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reliability.rel_support import FAST_GROUP_ENV, code_snapshot


@pytest.fixture(scope="session")
def frozen_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wirestream package as it was when the session started (see ``code_snapshot``)."""
    return code_snapshot(tmp_path_factory.mktemp("code"))


@pytest.fixture(autouse=True)
def _worker_env(monkeypatch: pytest.MonkeyPatch, frozen_code: Path) -> Iterator[None]:
    for k, v in FAST_GROUP_ENV.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(frozen_code), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    )
    yield
