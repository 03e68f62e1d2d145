"""Every PromQL expression wirestream ships: Grafana dashboard targets and Prometheus alert rules.

Why a helper: dashboards and alerts are code that only fails at 3 a.m. ("No data" on the panel you
need). Tests use this module to (a) statically validate every expression with promtool, (b) check
that every ``wirestream_*`` metric they reference is one :class:`wirestream.metrics.Metrics`
actually exposes, and (c) run every expression against a real Prometheus scraping a live worker
(test_prometheus_live.py).

Grafana template variables are not PromQL; :func:`to_promql` substitutes them with values a plain
Prometheus query accepts (``$worker`` → ``.*``, ``$__rate_interval`` → a fixed range).

Usage::

    from .promql import all_exprs          # from a test module in tests/ops
    for e in all_exprs():
        print(e.source, e.query())
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

REPO = Path(__file__).resolve().parents[2]
DASHBOARD_DIR = REPO / "deploy" / "grafana" / "dashboards"
ALERTS_FILE = REPO / "deploy" / "prometheus" / "alerts.yml"

Kind = Literal["dashboard", "alert"]

_METRIC_RE = re.compile(r"\b(wirestream_[a-zA-Z0-9_]+)\b")


@dataclass(frozen=True)
class Expr:
    """One PromQL expression and where it came from."""

    kind: Kind
    source: str  # e.g. "wirestream.json: panel 'Outcomes' (B)" or "alerts.yml: WirestreamNoInput"
    expr: str  # as written in the file (may contain Grafana variables)

    def query(self, rate_interval: str = "1m", worker: str = ".*") -> str:
        """The expression as plain PromQL; see :func:`to_promql`."""
        return to_promql(self.expr, rate_interval=rate_interval, worker=worker)

    def metrics(self) -> set[str]:
        """``wirestream_*`` metric names referenced (histogram suffixes kept as written)."""
        return set(_METRIC_RE.findall(self.expr))


def to_promql(expr: str, rate_interval: str = "1m", worker: str = ".*") -> str:
    """Replace the Grafana variables used by wirestream's dashboards with plain PromQL values.

    ``rate_interval`` should be at least 4x the scrape interval (Grafana's own rule for
    ``$__rate_interval``), or rate() over a short test run returns nothing.
    """
    out = expr
    for var, value in (
        ("__rate_interval", rate_interval),
        ("__interval", rate_interval),
        ("__range", rate_interval),
        ("worker", worker),
    ):
        out = out.replace("${" + var + "}", value)
        out = re.sub(r"\$" + var + r"\b", value, out)
    if "$" in out:
        raise ValueError(f"unsupported Grafana variable left in expression: {out!r}")
    return out


def _walk_panels(panels: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for p in panels:
        yield p
        yield from _walk_panels(p.get("panels", []))  # collapsed rows nest their panels


def dashboard_exprs(directory: Path = DASHBOARD_DIR) -> list[Expr]:
    """Every target expression of every panel of every dashboard JSON in ``directory``.

    Template-variable queries (``label_values(...)``) are Grafana functions, not PromQL, and are
    not included.
    """
    found: list[Expr] = []
    for path in sorted(directory.glob("*.json")):
        dash = json.loads(path.read_text())
        for panel in _walk_panels(dash.get("panels", [])):
            for target in panel.get("targets", []):
                expr = target.get("expr")
                if expr:
                    src = f"{path.name}: panel {panel.get('title')!r} ({target.get('refId')})"
                    found.append(Expr("dashboard", src, expr))
    return found


def alert_exprs(path: Path = ALERTS_FILE) -> list[Expr]:
    """The ``expr`` of every alerting and recording rule in ``path``."""
    doc = yaml.safe_load(path.read_text())
    found: list[Expr] = []
    for group in doc.get("groups", []):
        for rule in group.get("rules", []):
            name = rule.get("alert") or rule.get("record")
            found.append(Expr("alert", f"{path.name}: {name}", str(rule["expr"]).strip()))
    return found


def all_exprs() -> list[Expr]:
    """Dashboard expressions followed by alert expressions."""
    return [*dashboard_exprs(), *alert_exprs()]
