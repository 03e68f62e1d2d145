"""Static checks of the Grafana provisioning and of every shipped PromQL expression.

Catches the failure modes that otherwise surface as "No data" panels: invalid PromQL, a metric
renamed in code but not in the dashboard, a panel pointing at a datasource uid that is not
provisioned.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from wirestream.metrics import STAGES, Metrics

from ._tools import GRAFANA_DIR, require_tool
from .promql import Expr, alert_exprs, all_exprs, dashboard_exprs, to_promql

DASHBOARD = GRAFANA_DIR / "dashboards" / "wirestream.json"


def _datasource_uids() -> set[str]:
    doc = yaml.safe_load((GRAFANA_DIR / "provisioning/datasources/prometheus.yml").read_text())
    return {ds["uid"] for ds in doc["datasources"]}


def _exposed_sample_names() -> set[str]:
    """Sample names a worker exposes once every Metrics method has been called."""
    m = Metrics("w")
    m.article_in("wire.raw")
    for outcome in ("enriched", "duplicate", "deadletter"):
        m.outcome(outcome, "x")
    for stage in STAGES:
        m.observe_stage(stage, 0.001)
    m.latency(0.1)
    m.tags(["person"], ["election"])
    m.set_lag("wire.raw", 0, 1)
    m.set_dedupe_index_size(1)
    m.set_state_store_bytes(1)
    m.set_versions({"actors": "1"})
    m.rebalance()
    m.commit_failure()
    m.producer_error()
    text = generate_latest(m.registry).decode()
    return {s.name for fam in text_string_to_metric_families(text) for s in fam.samples}


def test_expressions_found() -> None:
    dash, alerts = dashboard_exprs(), alert_exprs()
    assert len(dash) >= 20
    assert {e.source.split(": ")[1] for e in alerts} >= {
        "WirestreamWorkerDown",
        "WirestreamConsumerLagGrowing",
        "WirestreamDeadLetterRateHigh",
        "WirestreamLatencyP99OverBudget",
        "WirestreamNoInput",
        "WirestreamRebalanceStorm",
    }


def test_to_promql_substitutes_grafana_variables() -> None:
    q = to_promql('sum(rate(x{worker=~"$worker"}[$__rate_interval])) + y{w=~"${worker}"}', "2m")
    assert q == 'sum(rate(x{worker=~".*"}[2m])) + y{w=~".*"}'
    with pytest.raises(ValueError):
        to_promql("x{a=~'$other'}")


def test_every_referenced_metric_is_exposed() -> None:
    exposed = _exposed_sample_names()
    missing = {(name, e.source) for e in all_exprs() for name in e.metrics() if name not in exposed}
    assert not missing, f"expressions reference metrics Metrics does not expose: {missing}"


def test_all_expressions_are_valid_promql(tmp_path: Path) -> None:
    """promtool parses every expression (as a recording rule) — no server needed."""
    promtool = require_tool("promtool")
    exprs: list[Expr] = all_exprs()
    rules = {
        "groups": [
            {
                "name": "shipped_expressions",
                "rules": [{"record": f"check:expr_{i}", "expr": e.query()} for i, e in enumerate(exprs)],
            }
        ]
    }
    f = tmp_path / "exprs.yml"
    f.write_text(yaml.safe_dump(rules))
    proc = subprocess.run(
        [promtool, "check", "rules", str(f)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0:  # map promtool's rule index back to the panel/alert
        names = "\n".join(f"  check:expr_{i}: {e.source}" for i, e in enumerate(exprs))
        pytest.fail(f"invalid PromQL:\n{proc.stdout}{proc.stderr}\nindex:\n{names}")
    assert f"SUCCESS: {len(exprs)} rules found" in proc.stdout


def test_dashboard_structure() -> None:
    dash = json.loads(DASHBOARD.read_text())
    assert dash["uid"] == "wirestream-overview"
    ids = [p["id"] for p in dash["panels"]]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    uids = _datasource_uids()
    titles = set()
    for p in dash["panels"]:
        titles.add(p["title"])
        if p["type"] == "row":
            continue
        assert p["datasource"]["uid"] in uids, p["title"]
        for t in p["targets"]:
            assert t["datasource"]["uid"] in uids, p["title"]
        g = p["gridPos"]
        assert g["x"] >= 0 and g["x"] + g["w"] <= 24, p["title"]
    assert {
        "Throughput by topic",
        "Outcomes",
        "Publish → enriched latency",
        "Consumer lag by topic",
        "Dedupe rate",
        "Actor tags by type",
        "Event tags by type",
        "Dead letters by reason",
        "Errors",
    } <= titles
    latency = next(p for p in dash["panels"] if p["title"] == "Publish → enriched latency")
    assert [t["legendFormat"] for t in latency["targets"]] == ["p50", "p95", "p99"]


def test_dashboard_provider_points_at_mounted_dir() -> None:
    doc = yaml.safe_load((GRAFANA_DIR / "provisioning/dashboards/wirestream.yml").read_text())
    (provider,) = doc["providers"]
    assert provider["type"] == "file"
    assert provider["options"]["path"] == "/var/lib/grafana/dashboards"
