"""Static checks of the Prometheus config and alert rules with promtool (no server needed)."""

from __future__ import annotations

import subprocess

import pytest

from ._tools import PROMETHEUS_DIR, require_tool


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    """Run promtool from deploy/prometheus, where the configs' relative rule paths resolve."""
    exe = require_tool("promtool")
    return subprocess.run([exe, *args], cwd=PROMETHEUS_DIR, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(
    "args",
    [
        ("check", "config", "prometheus.yml"),
        ("check", "rules", "alerts.yml"),
        ("test", "rules", "alerts_test.yml"),
    ],
    ids=["check-config", "check-rules", "test-rules"],
)
def test_promtool(args: tuple[str, ...]) -> None:
    proc = promtool(*args)
    assert proc.returncode == 0, f"promtool {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    assert "SUCCESS" in proc.stdout + proc.stderr
