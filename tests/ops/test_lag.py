"""consumer_lag arithmetic, with aiokafka's clients replaced by in-memory fakes.

The fakes implement only the aiokafka methods consumer_lag calls, with the same signatures and
return shapes as aiokafka 0.14 (dict[TopicPartition, OffsetAndMetadata] / dict[TopicPartition,
int]), so a change in how consumer_lag talks to Kafka shows up here. The broker-backed check lives
in test_lag_kafka.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiokafka.structs import OffsetAndMetadata, TopicPartition

from wirestream.metrics import lag as lag_mod

PARTITIONS = {"wire.raw": {0, 1, 2}, "wire.other": {0}}
END = {("wire.raw", 0): 100, ("wire.raw", 1): 50, ("wire.raw", 2): 30, ("wire.other", 0): 9}
BEGIN = {("wire.raw", 0): 0, ("wire.raw", 1): 0, ("wire.raw", 2): 10, ("wire.other", 0): 0}
COMMITTED = {("wire.raw", 0): 60, ("wire.raw", 1): 55}  # p1 commit raced ahead; p2 never committed

calls: dict[str, Any] = {}


class FakeAdmin:
    def __init__(self, **kwargs: Any) -> None:
        calls["admin_kwargs"] = kwargs

    async def start(self) -> None:
        calls["admin_started"] = True

    async def close(self) -> None:
        calls["admin_closed"] = True

    async def describe_topics(self, topics: list[str] | None = None) -> list[dict[str, Any]]:
        calls["describe_topics_arg"] = topics
        out: list[dict[str, Any]] = [
            {
                "error_code": 0,
                "topic": t,
                "is_internal": False,
                "partitions": [{"error_code": 0, "partition": p} for p in sorted(ps, reverse=True)],
            }
            for t, ps in PARTITIONS.items()
        ]
        return out

    async def list_consumer_group_offsets(
        self, group_id: str, group_coordinator_id: int | None = None, partitions: Any = None
    ) -> dict[TopicPartition, OffsetAndMetadata]:
        calls["group_id"] = group_id
        out = {}
        for tp in partitions:
            off = COMMITTED.get((tp.topic, tp.partition), -1)  # -1: explicitly asked, no commit
            out[tp] = OffsetAndMetadata(off, "")
        return out


class FakeConsumer:
    def __init__(self, **kwargs: Any) -> None:
        calls["consumer_kwargs"] = kwargs

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        calls["consumer_stopped"] = True

    async def end_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        return {tp: END[(tp.topic, tp.partition)] for tp in partitions}

    async def beginning_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        calls["beginning_asked"] = sorted((tp.topic, tp.partition) for tp in partitions)
        return {tp: BEGIN[(tp.topic, tp.partition)] for tp in partitions}


@pytest.fixture(autouse=True)
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    calls.clear()
    monkeypatch.setattr(lag_mod, "AIOKafkaAdminClient", FakeAdmin)
    monkeypatch.setattr(lag_mod, "AIOKafkaConsumer", FakeConsumer)


def test_lag_per_partition() -> None:
    result = asyncio.run(
        lag_mod.consumer_lag("k:9092", "wirestream", ["wire.raw", "missing"], security_protocol="PLAINTEXT")
    )
    assert result == {
        ("wire.raw", 0): 40,  # 100 - 60
        ("wire.raw", 1): 0,  # committed past the end: clamped
        ("wire.raw", 2): 20,  # no commit: end - log start (30 - 10), not 30 - 0
    }
    assert calls["group_id"] == "wirestream"
    # all-topics metadata: naming a topic in a metadata request may auto-create it
    assert calls["describe_topics_arg"] is None
    assert calls["beginning_asked"] == [("wire.raw", 2)]
    # the measuring consumer must not join the group it measures
    assert calls["consumer_kwargs"]["group_id"] is None
    assert calls["consumer_kwargs"]["security_protocol"] == "PLAINTEXT"
    assert calls["admin_kwargs"] == {
        "bootstrap_servers": "k:9092",
        "security_protocol": "PLAINTEXT",
    }
    assert calls["admin_closed"] and calls["consumer_stopped"]


def test_no_existing_topics_gives_empty_dict() -> None:
    assert asyncio.run(lag_mod.consumer_lag("k:9092", "g", ["nope"])) == {}
    assert calls["admin_closed"]
    assert "consumer_kwargs" not in calls, "no consumer needed when there is nothing to measure"


def test_shared_probe_reuses_a_recent_answer_and_shares_one_request() -> None:
    """The lag timer and the watchdog share one probe: a young answer is reused, an old one refreshed,
    concurrent callers wait for the one request in flight, and a failure is never cached."""
    now = [100.0]
    requests: list[float] = []
    fail = [False]

    async def probe(timeout: float) -> dict[tuple[str, int], int]:
        requests.append(timeout)
        await asyncio.sleep(0.01)
        if fail[0]:
            raise ConnectionError("broker down")
        return {("wire.raw", 0): len(requests)}

    shared = lag_mod.shared_lag_probe(probe, max_age=5.0, clock=lambda: now[0])

    async def scenario() -> None:
        first, second = await asyncio.gather(shared(5.0), shared(10.0))
        assert first == second == {("wire.raw", 0): 1}
        assert len(requests) == 1  # the second caller waited for the first request
        first[("wire.raw", 0)] = -1  # callers get copies: mutating one must not change the cache
        now[0] += 4.9
        assert await shared(10.0) == {("wire.raw", 0): 1}
        assert len(requests) == 1
        now[0] += 0.2  # older than max_age: ask again
        assert await shared(10.0) == {("wire.raw", 0): 2}
        now[0] += 6
        fail[0] = True
        with pytest.raises(ConnectionError):
            await shared(5.0)
        fail[0] = False
        assert await shared(5.0) == {("wire.raw", 0): 4}  # the failure was not cached

    asyncio.run(scenario())
