"""Dead letters that ops can act on: summarise them by reason, and replay the ones fixed upstream.

``wire.deadletter`` keeps each input's original bytes and key, with Kafka Connect-style context
headers (original topic/partition/offset, stage, reason, exception class, message, worker). Replay
re-publishes the original bytes and key to ``wire.raw`` unchanged, marked with a header naming the
dead letter it came from, so the audit trail stays complete.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaProducer

from .audit import read_topic
from .kafka_client import aiokafka_kwargs, producer_size_kwargs
from .models import DeadLetter
from .routing.outputs import dead_letter_from_message
from .settings import Settings


@dataclass
class ReasonSummary:
    reason: str
    stage: str
    count: int = 0
    example: str = ""
    exception_classes: Counter[str] = field(default_factory=Counter)


async def load(settings: Settings) -> list[tuple[Any, DeadLetter]]:
    recs = await read_topic(settings, settings.topics.deadletter)
    return [(r, dead_letter_from_message(r.value, r.key, r.headers or ())) for r in recs]


async def inspect(settings: Settings) -> list[ReasonSummary]:
    by: dict[tuple[str, str], ReasonSummary] = defaultdict(lambda: ReasonSummary("", ""))
    for _, dl in await load(settings):
        s = by[(dl.reason, dl.stage.value)]
        s.reason, s.stage = dl.reason, dl.stage.value
        s.count += 1
        s.example = s.example or dl.message
        if dl.exception_class:
            s.exception_classes[dl.exception_class] += 1
    return sorted(by.values(), key=lambda s: -s.count)


async def replay(settings: Settings, *, reason: str | None, stage: str | None = None, dry_run: bool = False) -> int:
    """Re-publish matching dead letters' original bytes to the raw topic; returns how many."""
    chosen = [
        (rec, dl)
        for rec, dl in await load(settings)
        if (reason is None or dl.reason == reason) and (stage is None or dl.stage.value == stage)
    ]
    if dry_run or not chosen:
        return len(chosen)
    import base64

    producer = AIOKafkaProducer(
        **aiokafka_kwargs(settings.kafka),
        **producer_size_kwargs(settings.topics.max_message_bytes),
        acks="all",
        enable_idempotence=True,
    )
    await producer.start()
    try:
        futs = []
        for rec, dl in chosen:
            headers = [(k, v.encode()) for k, v in dl.original_headers.items()]
            headers.append(("wirestream.replayed-from", f"{rec.topic}:{rec.partition}:{rec.offset}".encode()))
            value = base64.b64decode(dl.original_value_b64)
            key = base64.b64decode(dl.original_key_b64) if dl.original_key_b64 is not None else None
            futs.append(await producer.send(settings.topics.raw, value, key=key, headers=headers))
        for f in futs:
            await f
    finally:
        await producer.stop()
    return len(chosen)
