"""Shared fixtures: one real Kafka broker per test session, isolated topics and workers per test.

The broker is started by :class:`wirestream.devkafka.DevKafka` — the same code as
``wirestream kafka start`` — from jars cached under ``.cache/kafka``. Each test gets its own app id,
topic names and data directory, so tests never see each other's records or state. When a test that
used the broker or a worker fails, their log tails are attached to the report.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support import Workers
from wirestream.devkafka import DevKafka
from wirestream.devkafka.broker import BrokerState, free_port
from wirestream.routing import load_routing
from wirestream.settings import DevKafkaSettings, Settings, TopicSettings
from wirestream.topics import create_topics, planned_topics

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "wire-2025-07-04-coalition.txt"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevKafka]:
    home = tmp_path_factory.mktemp("kafka")
    dk = DevKafka(DevKafkaSettings(home=home, cache=REPO / ".cache" / "kafka"))
    dk.start(fresh=True)
    yield dk
    dk.stop()


@pytest.fixture
def broker_state(kafka_broker: DevKafka) -> BrokerState:
    st = kafka_broker.state()
    assert st is not None
    return st


def _slug(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", nodeid.split("::")[-1])[:40].strip("-").lower()


@pytest.fixture
def make_settings(kafka_broker: DevKafka, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[..., Settings]:
    """Settings with topics and app id unique to this test; topics are created on the broker."""
    counter = iter(range(1000))

    def make(partitions: int = 2, create: bool = True, **overrides: object) -> Settings:
        st = kafka_broker.state()
        assert st is not None, "broker not running"
        tag = f"{_slug(request.node.nodeid)}-{int(time.time() * 1000) % 10_000_000}-{next(counter)}"
        topics = TopicSettings(
            raw=f"t.{tag}.raw",
            normalised=f"t.{tag}.normalised",
            deduplicated=f"t.{tag}.deduplicated",
            enriched=f"t.{tag}.enriched",
            duplicates=f"t.{tag}.duplicates",
            deadletter=f"t.{tag}.deadletter",
            partitions=partitions,
        )
        s = Settings(
            app_id=f"ws-{tag}",
            data_dir=tmp_path / "data",
            topics=topics,
            kafka={"bootstrap_servers": st.bootstrap},
            metrics={"port": free_port()},
            embargo_tick_seconds=1.0,
            lag_interval_seconds=1.0,
            **overrides,
        )
        if create:
            asyncio.run(create_topics(s, planned_topics(s, load_routing(s.routing_file))))
        return s

    return make


@pytest.fixture
def workers(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Workers]:
    w = Workers(tmp_path)
    request.node._ws_workers = w
    yield w
    w.stop_all()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    rep = outcome.get_result()
    if rep.when != "call" or not rep.failed:
        return
    w = getattr(item, "_ws_workers", None)
    if w is not None:
        for log in w.logs:
            try:
                tail = "\n".join(log.read_text(errors="replace").splitlines()[-80:])
            except OSError:
                tail = "(no log)"
            rep.sections.append((f"worker log {log.name}", tail))
    if "kafka_broker" in getattr(item, "fixturenames", ()):
        dk = item.funcargs.get("kafka_broker") if hasattr(item, "funcargs") else None
        if isinstance(dk, DevKafka):
            lines = [ln for ln in dk.log_tail(2000).splitlines() if " WARN " in ln or " ERROR " in ln]
            rep.sections.append(("broker log (WARN/ERROR)", "\n".join(lines[-40:]) or "(none)"))
