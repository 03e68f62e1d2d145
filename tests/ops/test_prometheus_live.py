"""Every shipped PromQL expression, run by a real Prometheus against a real worker.

Static checks (test_dashboards.py) prove the expressions parse and name real metrics; only a live
scrape proves they return data: label names and values as the worker really emits them, histogram
``le`` buckets, ``rate()`` over counters that actually move, the ``job`` label the alerts select.

Flow: real broker (session fixture) -> one worker process -> a few raw records chosen to produce
all three outcomes (new, exact duplicate, dead letter) -> Prometheus from the Debian package with a
temporary config scraping the worker every second and loading deploy/prometheus/alerts.yml ->
every dashboard expression must return a non-empty result, every alert expression must evaluate
without error (alerts are *expected* to be quiet on a healthy worker).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from aiokafka import AIOKafkaProducer

from wirestream.metrics import STAGES, Metrics

from ._tools import PROMETHEUS_DIR, REPO, require_tool
from .promql import alert_exprs, dashboard_exprs

pytestmark = pytest.mark.prometheus

# the repo's own demo sample: ops tests must not depend on ../shared being beside the checkout
SAMPLE = REPO / "deploy" / "samples" / "01-coalition-talks.txt"
SCRAPE_INTERVAL = "1s"
RATE_INTERVAL = "1m"  # >= 4 scrapes; the window also covers the whole test run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get_json(url: str, timeout: float = 5.0) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        doc: dict[str, Any] = json.loads(resp.read())
    return doc


def _wait(predicate: Callable[[], bool], timeout: float, what: str, interval: float = 0.5) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (OSError, urllib.error.URLError, ValueError):
            pass  # not up yet
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")


class Prometheus:
    """A throwaway Prometheus server (Debian package binary) scraping one worker."""

    def __init__(self, workdir: Path, target: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / "prometheus.log"
        shutil.copy(PROMETHEUS_DIR / "alerts.yml", workdir / "alerts.yml")
        config = {
            "global": {"scrape_interval": SCRAPE_INTERVAL, "evaluation_interval": SCRAPE_INTERVAL},
            "rule_files": ["alerts.yml"],
            # job name as in deploy/prometheus/prometheus.yml: the alerts select up{job="wirestream"}
            "scrape_configs": [{"job_name": "wirestream", "static_configs": [{"targets": [target]}]}],
        }
        self.config = workdir / "prometheus.yml"
        self.config.write_text(yaml.safe_dump(config))
        self.data = workdir / "tsdb"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        exe = require_tool("prometheus")
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                [
                    exe,
                    f"--config.file={self.config}",
                    f"--storage.tsdb.path={self.data}",
                    f"--web.listen-address=127.0.0.1:{self.port}",
                    "--web.enable-lifecycle",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        _wait(lambda: self._ready(), 60, "Prometheus /-/ready")

    def _ready(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            pytest.fail(f"prometheus exited with {self.proc.returncode}:\n{self.log_tail()}")
        with urllib.request.urlopen(f"{self.url}/-/ready", timeout=2) as resp:
            return resp.status == 200

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def targets_up(self) -> bool:
        doc = _get_json(f"{self.url}/api/v1/targets")
        active = doc["data"]["activeTargets"]
        return bool(active) and all(t["health"] == "up" for t in active)

    def query(self, expr: str) -> dict[str, Any]:
        """Instant query; returns the full API response (status, data, error)."""
        url = f"{self.url}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
        try:
            return _get_json(url, timeout=10)
        except urllib.error.HTTPError as err:  # 400/422: bad query, body has the error
            body: dict[str, Any] = json.loads(err.read() or b"{}")
            return body or {"status": "error", "error": str(err)}

    def rules_health(self) -> list[tuple[str, str, str]]:
        doc = _get_json(f"{self.url}/api/v1/rules")
        return [
            (r["name"], r.get("health", ""), r.get("lastError", "")) for g in doc["data"]["groups"] for r in g["rules"]
        ]


async def _produce(bootstrap: str, topic: str, values: list[bytes]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for i, v in enumerate(values):
            await producer.send_and_wait(topic, v, key=f"k{i}".encode())
    finally:
        await producer.stop()


def _scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as resp:
        return str(resp.read().decode())


@pytest.fixture
def prometheus(tmp_path: Path) -> Iterator[Callable[[str], Prometheus]]:
    started: list[Prometheus] = []

    def start(target: str) -> Prometheus:
        p = Prometheus(tmp_path, target)
        started.append(p)
        p.start()
        return p

    yield start
    for p in started:
        p.stop()


def _check_all_exprs(prom: Prometheus) -> None:
    """Every dashboard query returns data; every alert expression evaluates; rules are healthy."""
    empty: list[str] = []
    for e in dashboard_exprs():
        q = e.query(rate_interval=RATE_INTERVAL)
        resp = prom.query(q)
        assert resp.get("status") == "success", f"{e.source}: {resp.get('error')}\n{q}"
        if not resp["data"]["result"]:
            empty.append(f"{e.source}: {q}")
    assert not empty, "dashboard queries without data:\n" + "\n".join(empty)

    for e in alert_exprs():
        resp = prom.query(e.query())
        assert resp.get("status") == "success", f"{e.source}: {resp.get('error')}\n{e.expr}"

    # the rule manager loaded and evaluated the real alerts.yml without errors
    _wait(lambda: all(h == "ok" for _, h, _ in prom.rules_health()), 30, "rules evaluated")


def test_queries_against_synthetic_exporter(prometheus: Callable[[str], Prometheus]) -> None:
    """The same check without Kafka: a Metrics exporter fed by hand, scraped by a real server.

    Pins the contract between wirestream.metrics and the dashboard/alerts independently of the
    app, so a failure of the Kafka-backed test below points at the app, not at the queries.
    """
    m = Metrics("synthetic-1")
    m.serve("127.0.0.1", 0)
    try:
        assert m.port is not None
        prom = prometheus(f"127.0.0.1:{m.port}")
        _wait(prom.targets_up, 60, "the exporter target to be up")
        deadline = time.monotonic() + 6  # several scrapes with moving counters
        while time.monotonic() < deadline:
            m.article_in("wire.raw")
            m.outcome("enriched", "new")
            m.outcome("duplicate", "exact")
            m.outcome("deadletter", "decode_error")
            for stage in STAGES:
                m.observe_stage(stage, 0.002)
            m.latency(0.3)
            m.tags(["person", "organisation"], ["election"])
            m.set_lag("wire.raw", 0, 3)
            m.set_dedupe_index_size(10)
            m.set_state_store_bytes(4096)
            m.set_versions({"actors": "1", "events": "2"})
            m.rebalance()
            time.sleep(0.5)
        _check_all_exprs(prom)
    finally:
        m.close()


@pytest.mark.kafka
def test_every_shipped_query_returns_data(
    make_settings: Callable[..., Any],
    workers: Any,
    prometheus: Callable[[str], Prometheus],
) -> None:
    require_tool("prometheus")
    settings = make_settings(partitions=2)
    port = settings.metrics.port
    proc = workers.start(settings, worker_id="worker-live")

    def metrics_up() -> bool:
        if proc.poll() is not None:  # fail fast; the worker log is attached to the report
            pytest.fail(f"worker exited with {proc.returncode} before serving metrics")
        return "wirestream_build_info" in _scrape(port)

    _wait(metrics_up, 120, "the worker's metrics endpoint")

    article = SAMPLE.read_bytes()
    # new + exact duplicate + two inputs that cannot be normalised (dead letters)
    # plus an English story the agency declared German: counted as a language disagreement
    mislabelled = orjson.dumps(
        {
            "uri": "urn:test:lang-1",
            "headline": "Allies meet in London",
            "language": "de",
            "body_text": article.decode("utf-8"),
            "versioncreated": "2025-07-04T10:00:00Z",
        }
    )
    values = [article, article, b"", b"\x00\xff\xfe not an article \x00" * 3, mislabelled]
    asyncio.run(_produce(settings.kafka.bootstrap_servers, settings.topics.raw, values))

    def all_outcomes_seen() -> bool:
        text = _scrape(port)
        return all(f'outcome="{o}"' in text for o in ("enriched", "duplicate", "deadletter"))

    _wait(all_outcomes_seen, 120, "enriched, duplicate and deadletter outcomes in the worker's metrics")
    _wait(
        lambda: 'wirestream_language_disagreements_total{declared="de",detected="en"' in _scrape(port),
        60,
        "the declared-de, detected-en disagreement",
    )
    _wait(lambda: "wirestream_consumer_lag{" in _scrape(port), 60, "a consumer lag sample")

    prom = prometheus(f"127.0.0.1:{port}")
    _wait(prom.targets_up, 60, "the worker target to be up")
    # every series needs >= 2 samples inside the rate window before rate() returns anything
    time.sleep(5)

    _check_all_exprs(prom)
    # a healthy worker with fresh input fires nothing that pages
    firing = prom.query('ALERTS{alertstate="firing", severity="page"}')["data"]["result"]
    assert not firing, firing
