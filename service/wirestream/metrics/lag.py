"""Consumer-group lag as the brokers see it.

Faust knows the lag of the partitions a worker currently owns, but only while it is healthy. This
function asks the cluster instead (committed offsets via the group coordinator, log end offsets
via a plain consumer), so it also answers when every worker is down or stuck in a rebalance:
the situations a lag alert exists for. It is used by the CLI/ops tooling and by tests.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import TopicPartition

from ..kafka_client import aiokafka_kwargs
from ..settings import Settings

__all__ = ["consumer_lag", "shared_lag_probe", "worker_lag_probe"]

LagProbe = Callable[[float], Awaitable[dict[tuple[str, int], int]]]


def worker_lag_probe(settings: Settings) -> LagProbe:
    """The lag of the worker's own group on the three topics its agents consume, as one call.

    The client options (including the TLS context) are built once here, not on every probe: the
    lag timer and the stall watchdog each call this every few seconds."""
    t = settings.topics
    consumed = [t.raw, t.normalised, t.deduplicated]
    client_kwargs = {k: v for k, v in aiokafka_kwargs(settings.kafka).items() if k != "bootstrap_servers"}

    async def probe(timeout: float) -> dict[tuple[str, int], int]:
        return await asyncio.wait_for(
            consumer_lag(settings.kafka.bootstrap_servers, settings.app_id, consumed, **client_kwargs), timeout
        )

    return probe


def shared_lag_probe(probe: LagProbe, max_age: float, clock: Callable[[], float] = time.monotonic) -> LagProbe:
    """``probe``, with an answer younger than ``max_age`` seconds reused and one request in flight at a time.

    The lag metric timer and the stall watchdog both need the group's lag every few seconds; each
    probe opens an admin client and a consumer. Sharing the answer halves that broker traffic without
    coupling the two: the watchdog still probes by itself when the timer is not running (Faust starts
    timers only after table recovery, and a worker stuck in recovery is what the watchdog is for).
    Failures are not cached: the next caller asks the broker again.
    """
    lock = asyncio.Lock()
    last: tuple[float, dict[tuple[str, int], int]] | None = None

    async def shared(timeout: float) -> dict[tuple[str, int], int]:
        nonlocal last
        async with lock:
            if last is not None and clock() - last[0] < max_age:
                return dict(last[1])
            lags = await probe(timeout)
            last = (clock(), lags)
            return dict(lags)

    return shared


async def consumer_lag(
    bootstrap: str, group_id: str, topics: list[str], **client_kwargs: Any
) -> dict[tuple[str, int], int]:
    """Return ``{(topic, partition): end_offset - committed_offset}`` for all partitions of topics.

    * A partition the group never committed counts from its *beginning* offset (log start), i.e.
      everything still retained is unread. Counting from 0 would overstate lag once retention
      has deleted old segments.
    * Values are clamped at 0 (a commit can race ahead of the end-offset request).
    * Topics that do not exist are omitted rather than raising: topics are pre-created, so a
      missing one is a deployment problem that ``wirestream topics create`` reports better.

    ``client_kwargs`` (``security_protocol``, ``ssl_context``, ``sasl_mechanism``,
    ``sasl_plain_username``/``password``, ``request_timeout_ms`` …) are passed to both the admin
    client and the consumer, so only options that both accept may be given.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **client_kwargs)
    await admin.start()
    try:
        tps = await _partitions(admin, topics)
        if not tps:
            return {}
        committed = await admin.list_consumer_group_offsets(group_id, partitions=tps)
        # group_id=None: this consumer must never join (and so rebalance) the group it measures.
        consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False, **client_kwargs
        )
        await consumer.start()
        try:
            end = await consumer.end_offsets(tps)
            uncommitted = [tp for tp in tps if committed.get(tp) is None or committed[tp].offset < 0]
            start = await consumer.beginning_offsets(uncommitted) if uncommitted else {}
        finally:
            await consumer.stop()
    finally:
        await admin.close()

    lag: dict[tuple[str, int], int] = {}
    for tp in tps:
        meta = committed.get(tp)
        base = start[tp] if meta is None or meta.offset < 0 else meta.offset
        lag[(tp.topic, tp.partition)] = max(0, end[tp] - base)
    return lag


async def _partitions(admin: AIOKafkaAdminClient, topics: list[str]) -> list[TopicPartition]:
    """Every partition of the requested topics that exist, in (topic, partition) order.

    Asks for *all* topics' metadata and filters locally: a metadata request that names a topic
    asks the broker to auto-create it (aiokafka sets allow_auto_topic_creation for named topics),
    and a lag probe must never create topics on a broker where auto-creation is enabled.
    """
    wanted = set(topics)
    tps: list[TopicPartition] = []
    for t in await admin.describe_topics(None):
        if t.get("error_code", 0) == 0 and t["topic"] in wanted:
            tps.extend(TopicPartition(t["topic"], p["partition"]) for p in t["partitions"])
    return sorted(tps)
