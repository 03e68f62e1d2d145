"""Fault-injection fixtures: a frozen copy of the code for every worker, short Faust group timeouts,
and a stall watchdog that acts within the tests' timeouts (its production defaults are minutes)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import wirestream.workers
from reliability.rel_support import FAST_GROUP_ENV, TEST_WATCHDOG_ENV, code_snapshot
from wirestream.settings import to_env


@pytest.fixture(scope="session")
def frozen_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wirestream package as it was when the session started (see ``code_snapshot``)."""
    return code_snapshot(tmp_path_factory.mktemp("code"))


@pytest.fixture(autouse=True)
def _worker_env(monkeypatch: pytest.MonkeyPatch, frozen_code: Path) -> Iterator[None]:
    for k, v in FAST_GROUP_ENV.items():
        monkeypatch.setenv(k, v)
    # start_worker passes a worker only its settings' WIRESTREAM_* variables: add the watchdog's.
    monkeypatch.setattr(wirestream.workers, "to_env", lambda st: {**to_env(st), **TEST_WATCHDOG_ENV})
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(frozen_code), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    )
    yield
