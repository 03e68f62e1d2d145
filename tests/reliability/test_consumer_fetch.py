"""HoleCheckingConsumer fetches for a snapshot of Faust's active partitions (finding 9), without Kafka."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from faust.transport.drivers.aiokafka import Consumer as FaustAIOKafkaConsumer

from wirestream.app.consumer import HoleCheckingConsumer

pytestmark = [pytest.mark.reliability]


class _App:
    def __init__(self, rebalancing: bool) -> None:
        self.rebalancing = rebalancing


def _consumer(consumer_class: type, rebalancing: bool) -> Any:
    """A consumer with only what ``_getmany`` reads (no Kafka, no Faust app)."""
    consumer = object.__new__(consumer_class)
    consumer.app = _App(rebalancing)
    consumer._is_changelog_tp = lambda tp: tp.startswith("changelog")
    return consumer


def _fetch_with_a_live_set_emptied_meanwhile(monkeypatch: pytest.MonkeyPatch, consumer_class: type) -> Any:
    """What aiokafka's ``fetched_records`` filters by, when recovery empties the live active set while it waits."""
    seen: dict[str, Any] = {}

    async def fetched_records(self: Any, partitions: Any, timeout: float) -> dict[str, list[int]]:
        live.clear()  # recovery finished the changelogs; the stream partitions are not resumed yet
        await asyncio.sleep(0)
        seen["partitions"] = set(partitions) if partitions is not None else None
        # aiokafka's rule: ``if partitions and tp not in partitions: skip`` (an empty set skips nothing)
        return {tp: [2] for tp in ("raw-0", "changelog-0") if not partitions or tp in partitions}

    monkeypatch.setattr(FaustAIOKafkaConsumer, "_getmany", fetched_records)
    live = {"changelog-0"}
    consumer = _consumer(consumer_class, rebalancing=False)
    records = asyncio.run(consumer_class._getmany(consumer, live, 1.0))
    return seen["partitions"], records


def test_the_fetch_filters_by_the_partitions_active_when_it_started(monkeypatch: pytest.MonkeyPatch) -> None:
    # Faust's own consumer hands aiokafka its live set, empty by then: aiokafka would return raw-0 too.
    partitions, records = _fetch_with_a_live_set_emptied_meanwhile(monkeypatch, HoleCheckingConsumer)
    assert partitions == {"changelog-0"}
    assert "raw-0" not in records  # a stream record Faust would have dropped after aiokafka moved past it


def test_an_empty_active_set_fetches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    async def must_not_fetch(self: Any, partitions: Any, timeout: float) -> None:
        raise AssertionError("fetched with an empty active set")

    monkeypatch.setattr(FaustAIOKafkaConsumer, "_getmany", must_not_fetch)
    consumer = _consumer(HoleCheckingConsumer, rebalancing=False)
    assert asyncio.run(HoleCheckingConsumer._getmany(consumer, set(), 1.0)) == {}


def test_while_rebalancing_only_changelog_partitions_are_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recovery resumes the stream partitions before its seek, and clears the stream buffers after it: a stream
    record fetched in between would be cleared, never acked, and aiokafka past it (finding 9)."""
    asked: list[set[str]] = []

    async def fetched_records(self: Any, partitions: Any, timeout: float) -> dict[str, list[int]]:
        asked.append(set(partitions))
        return {}

    monkeypatch.setattr(FaustAIOKafkaConsumer, "_getmany", fetched_records)
    consumer = _consumer(HoleCheckingConsumer, rebalancing=True)
    asyncio.run(HoleCheckingConsumer._getmany(consumer, {"raw-0", "changelog-0"}, 1.0))
    assert asyncio.run(HoleCheckingConsumer._getmany(consumer, {"raw-0"}, 1.0)) == {}
    consumer.app.rebalancing = False  # on_rebalance_end: after flow_control.resume() cleared the buffers
    asyncio.run(HoleCheckingConsumer._getmany(consumer, {"raw-0", "changelog-0"}, 1.0))
    assert asked == [{"changelog-0"}, {"raw-0", "changelog-0"}]
