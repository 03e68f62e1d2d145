"""Conservation audit: every input offset ends as exactly one of enriched, duplicate or dead letter.

Reads the input topic's offsets and every output topic to its current end (a read-only consumer with
no group, so running it against production topics changes nothing), and matches outcomes to input
offsets by the provenance headers each output carries. Used by the end-to-end and fault tests, by the
demo, and by ops as ``wirestream audit``.

Under at-least-once processing a crash (or a re-delivery) can repeat an output; a repeat with the
same outcome, key and value (ignoring processing timestamps and the worker id) is reported as
``repeated``: downstream dedupe by key makes it harmless. A repeat that differs, or two different
outcomes for one input, is ``conflicting`` and always a failure, as is a ``missing`` input.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition

from .kafka_client import aiokafka_kwargs, consumer_size_kwargs
from .settings import Settings

OUTCOME_HEADER = "wirestream.outcome"


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    """Every partition of ``topic``, refreshing metadata once if the consumer has none yet."""
    parts = consumer.partitions_for_topic(topic)
    if parts is None:
        await consumer._client.force_metadata_update()  # aiokafka has no public refresh
        parts = consumer.partitions_for_topic(topic) or set()
    return [TopicPartition(topic, p) for p in sorted(parts)]


async def read_topic(settings: Settings, topic: str, *, timeout: float = 30.0) -> list[Any]:
    """Every record currently in ``topic`` (beginning to the end offsets seen at the start)."""
    consumer = AIOKafkaConsumer(
        **aiokafka_kwargs(settings.kafka),
        **consumer_size_kwargs(settings.topics.max_message_bytes),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        tps = await _partitions(consumer, topic)
        if not tps:
            return []
        consumer.assign(tps)
        end = await consumer.end_offsets(tps)
        begin = await consumer.beginning_offsets(tps)
        todo = {tp for tp in tps if end[tp] > begin[tp]}
        await consumer.seek_to_beginning(*tps)
        out: list[Any] = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while todo and loop.time() < deadline:
            batch = await consumer.getmany(*todo, timeout_ms=500, max_records=5000)
            for tp, records in batch.items():
                out += [r for r in records if r.offset < end[tp]]
            for tp in list(todo):
                if await consumer.position(tp) >= end[tp]:
                    todo.discard(tp)
        return out
    finally:
        await consumer.stop()


_VOLATILE = ("received_at", "processed_at", "worker_id")


def _fingerprint(outcome: str, record: Any) -> tuple[str, bytes | None, bytes]:
    """What must be equal between repeats of one input's output."""
    value = record.value or b""
    if outcome != "deadletter":  # JSON records: drop what legitimately differs between repeats
        try:
            doc = orjson.loads(value)
            prov = doc.get("provenance")
            if isinstance(prov, dict):
                doc["provenance"] = {k: v for k, v in prov.items() if k not in _VOLATILE}
            value = orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONDecodeError:
            pass
    return (outcome, record.key, value)


def _h(record: Any) -> dict[str, str]:
    return {k: v.decode("utf-8", "replace") for k, v in (record.headers or ())}


@dataclass
class AuditReport:
    inputs: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    details: Counter[str] = field(default_factory=Counter)
    missing: list[tuple[int, int]] = field(default_factory=list)
    repeated: list[tuple[int, int]] = field(default_factory=list)
    conflicting: list[tuple[int, int]] = field(default_factory=list)
    by_input: dict[tuple[int, int], list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.conflicting

    @property
    def exact(self) -> bool:
        """Exactly one output per input, no repeats at all."""
        return self.ok and not self.repeated

    def summary(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            **{k: self.outcomes.get(k, 0) for k in ("enriched", "duplicate", "deadletter")},
            "missing": len(self.missing),
            "repeated": len(self.repeated),
            "conflicting": len(self.conflicting),
            "ok": self.ok,
        }


async def audit(settings: Settings, *, timeout: float = 60.0) -> AuditReport:
    t = settings.topics
    raw = await read_topic(settings, t.raw, timeout=timeout)
    inputs = {(r.partition, r.offset) for r in raw}
    seen: dict[tuple[int, int], list[str]] = defaultdict(list)
    prints: dict[tuple[int, int], set[tuple[str, bytes | None, bytes]]] = defaultdict(set)
    details: Counter[str] = Counter()
    for topic, outcome in ((t.enriched, "enriched"), (t.duplicates, "duplicate"), (t.deadletter, "deadletter")):
        for rec in await read_topic(settings, topic, timeout=timeout):
            h = _h(rec)
            if h.get(OUTCOME_HEADER) != outcome:
                continue  # route copies and tombstones are fan-out, not outcomes
            src = h.get("wirestream.input.topic") or h.get("__connect.errors.topic")
            if src != t.raw:
                continue
            part = h.get("wirestream.input.partition") or h.get("__connect.errors.partition") or "-1"
            off = h.get("wirestream.input.offset") or h.get("__connect.errors.offset") or "-1"
            seen[(int(part), int(off))].append(outcome)
            prints[(int(part), int(off))].add(_fingerprint(outcome, rec))
            if outcome == "deadletter":
                details[f"deadletter:{h.get('wirestream.reason', '?')}"] += 1
    report = AuditReport(inputs=len(inputs), details=details, by_input=dict(seen))
    for key in sorted(inputs):
        outs = seen.get(key)
        if not outs:
            report.missing.append(key)
            continue
        report.outcomes[outs[0]] += 1
        if len(prints[key]) > 1:  # different outcomes, or one outcome with different records
            report.conflicting.append(key)
        elif len(outs) > 1:
            report.repeated.append(key)
    return report


async def end_offsets(settings: Settings, topic: str) -> dict[int, int]:
    """Current end offset per partition of ``topic`` (where the next record will land)."""
    consumer = AIOKafkaConsumer(**aiokafka_kwargs(settings.kafka), enable_auto_commit=False)
    await consumer.start()
    try:
        tps = await _partitions(consumer, topic)
        ends = await consumer.end_offsets(tps) if tps else {}
        return {tp.partition: off for tp, off in ends.items()}
    finally:
        await consumer.stop()


async def outcomes_since(settings: Settings, start: dict[int, int], n: int, *, timeout: float) -> Counter[str]:
    """Outcome counts of the raw inputs at or after ``start`` (per partition), once ``n`` have one.

    Used by ``wirestream replay --wait`` to say where a replay went; ``pending`` counts inputs that
    had no outcome when ``timeout`` ran out.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        report = await audit(settings, timeout=30)
        mine = {k: v for k, v in report.by_input.items() if k[1] >= start.get(k[0], 0)}
        new_inputs = sum(1 for p, o in report.missing if o >= start.get(p, 0)) + len(mine)
        counts: Counter[str] = Counter(outs[0] for outs in mine.values())
        if len(mine) >= n or loop.time() >= deadline:
            pending = max(n, new_inputs) - len(mine)
            if pending > 0:
                counts["pending"] = pending
            return counts
        await asyncio.sleep(1.0)
