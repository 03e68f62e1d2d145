"""Produce articles to the raw topic: from files (``publish``, ``replay``) or from a time range of the
raw topic itself (``replay --since``), with a progress bar, batched and acknowledged."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from rich.progress import Progress

from .inputs import count_items, read_items
from .kafka_client import aiokafka_kwargs, consumer_size_kwargs, producer_size_kwargs
from .pipeline import REPLAY_HEADER
from .settings import Settings


def _producer(settings: Settings) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        **aiokafka_kwargs(settings.kafka),
        **producer_size_kwargs(settings.topics.max_message_bytes),
        linger_ms=5,
        acks="all",
        enable_idempotence=True,
    )


async def publish_items(
    settings: Settings,
    paths: list[Path],
    topic: str,
    *,
    progress: bool = False,
    replay: bool = False,
    key: bytes | None = None,
) -> int:
    """Send every article under ``paths`` to ``topic``; returns how many were sent (all acknowledged).

    ``key`` (optional) puts every article on one partition, in file order.
    """
    producer = _producer(settings)
    await producer.start()
    n = 0
    try:
        total = count_items(paths) if progress else None
        with Progress(disable=not progress, transient=True) as bar:
            task = bar.add_task("publishing", total=total)
            futures = []
            for item in read_items(paths):
                headers = [
                    ("wirestream.source", item.source.encode()),
                    ("wirestream.ordinal", str(item.ordinal).encode()),
                ]
                if replay:
                    headers.append((REPLAY_HEADER, b"1"))
                futures.append(await producer.send(topic, item.value, key=key, headers=headers))
                n += 1
                bar.advance(task)
            for f in futures:
                await f
    finally:
        await producer.stop()
    return n


async def replay_range(
    settings: Settings, since: datetime, until: datetime | None = None, *, progress: bool = False
) -> Counter[int]:
    """Re-publish the raw records timestamped in ``[since, until)`` to the raw topic, marked as replays.

    Offsets come from the broker's time index (``offsets_for_times``), so this works on any
    retained range without scanning the topic from the start. Returns records sent per source partition.
    """
    topic = settings.topics.raw
    consumer = AIOKafkaConsumer(
        **aiokafka_kwargs(settings.kafka),
        **consumer_size_kwargs(settings.topics.max_message_bytes),
        enable_auto_commit=False,
    )
    await consumer.start()
    producer = _producer(settings)
    await producer.start()
    sent: Counter[int] = Counter()
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(tps)
        end = await consumer.end_offsets(tps)
        starts = await consumer.offsets_for_times({tp: int(since.timestamp() * 1000) for tp in tps})
        stops = await consumer.offsets_for_times({tp: int(until.timestamp() * 1000) for tp in tps}) if until else {}
        bounds = {}
        for tp in tps:
            first = starts.get(tp)
            last = stops.get(tp) if until else None
            if first is None:
                continue
            bounds[tp] = (first.offset, last.offset if last is not None else end[tp])
            consumer.seek(tp, first.offset)
        total = sum(max(0, b - a) for a, b in bounds.values())
        with Progress(disable=not progress, transient=True) as bar:
            task = bar.add_task("replaying", total=total)
            todo = {tp for tp, (a, b) in bounds.items() if b > a}
            futures = []
            while todo:
                batch = await consumer.getmany(*todo, timeout_ms=1000, max_records=2000)
                for tp, records in batch.items():
                    for r in records:
                        if r.offset >= bounds[tp][1]:
                            todo.discard(tp)
                            break
                        headers = [(k, v) for k, v in (r.headers or ()) if k != REPLAY_HEADER]
                        headers.append((REPLAY_HEADER, b"1"))
                        futures.append(await producer.send(topic, r.value, key=r.key, headers=headers))
                        sent[tp.partition] += 1
                        bar.advance(task)
                for tp in list(todo):
                    if await consumer.position(tp) >= bounds[tp][1]:
                        todo.discard(tp)
            for f in futures:
                await f
    finally:
        await producer.stop()
        await consumer.stop()
    return sent
