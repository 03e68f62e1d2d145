"""Locating external ops tools (promtool, prometheus, docker-compose) for the tests in tests/ops.

Policy: on a developer machine a missing tool skips the test with a reason that says how to
install it; under ``CI=true`` a missing tool FAILS the test, because a CI image without promtool
would otherwise report the alert rules as "tested" while testing nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
PROMETHEUS_DIR = DEPLOY / "prometheus"
GRAFANA_DIR = DEPLOY / "grafana"
COMPOSE_FILE = REPO / "docker-compose.yml"

_INSTALL_HINT = {
    "promtool": "apt-get install prometheus",
    "prometheus": "apt-get install prometheus",
    "docker-compose": "apt-get install docker-compose",
}


def in_ci() -> bool:
    """True when running in CI (the conventional ``CI`` variable set to a truthy value)."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require_tool(name: str) -> str:
    """Absolute path of ``name`` on PATH; skip (locally) or fail (CI) when it is missing."""
    path = shutil.which(name)
    if path:
        return path
    msg = f"{name} not found on PATH (install: {_INSTALL_HINT.get(name, name)})"
    if in_ci():
        pytest.fail(f"{msg}; CI=true, so this is an error rather than a skip")
    pytest.skip(msg)
