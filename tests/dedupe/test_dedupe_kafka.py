"""Dedupe through a real broker: copies on different partitions, two workers, and a restart.

The unit tests prove the decisions; these prove the Faust wiring they depend on: the sequencer
key brings copies from every input partition to one dedupe partition, and the tables' changelogs
restore the state (and so the near-duplicate index) after the workers are replaced.
"""

from __future__ import annotations

import asyncio

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from dedupe_articles import STORY

from support import wait_for
from wirestream.audit import audit, read_topic
from wirestream.models import DuplicateRecord, EnrichedRecord
from wirestream.settings import Settings

pytestmark = pytest.mark.kafka

PARAS = STORY
EXTRA = "Copyright 2026 Example Wire. All rights reserved. Not for redistribution."


def _article(aid: str, paras: list[str], headline: str) -> bytes:
    return orjson.dumps({"id": aid, "headline": headline, "body": "\n\n".join(paras), "lang": "en"})


COPIES = [
    _article("urn:a:1", PARAS, "Russia pounds Kharkiv"),
    _article("urn:b:1", [*PARAS[:4], EXTRA], "Deadly strikes hit Ukraine's second city"),
    _article("urn:c:1", [PARAS[0], PARAS[2], PARAS[1], PARAS[3], PARAS[4]], "Kharkiv under fire"),
    _article("urn:d:1", [*PARAS, EXTRA], "Civilians killed in Kharkiv assault"),
]


async def _produce(settings: Settings, values: list[bytes], partitions: list[int]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for v, p in zip(values, partitions, strict=True):
            await (await producer.send(settings.topics.raw, v, partition=p))
    finally:
        await producer.stop()


def _settled(settings: Settings, n: int, workers) -> bool:  # type: ignore[no-untyped-def]
    workers.assert_alive()
    r = asyncio.run(audit(settings, timeout=10))
    return r.inputs == n and not r.missing


def _outcomes(settings: Settings) -> tuple[list[EnrichedRecord], list[DuplicateRecord]]:
    enriched = [
        EnrichedRecord.model_validate_json(r.value)
        for r in asyncio.run(read_topic(settings, settings.topics.enriched))
        if dict(r.headers).get("wirestream.outcome") == b"enriched"
    ]
    dup_records = asyncio.run(read_topic(settings, settings.topics.duplicates))
    dups = [DuplicateRecord.model_validate_json(r.value) for r in dup_records]
    return enriched, dups


def test_copies_on_different_partitions_two_workers_and_restart(make_settings, workers) -> None:  # type: ignore[no-untyped-def]
    s = make_settings(partitions=4)
    workers.start(s, "worker-1")
    workers.start(s, "worker-2")
    asyncio.run(_produce(s, COPIES, [0, 1, 2, 3]))
    assert wait_for(lambda: _settled(s, len(COPIES), workers), timeout=180, interval=1.0)

    enriched, dups = _outcomes(s)
    assert len(enriched) == 1, [e.article.article_id for e in enriched]
    first = enriched[0].article.article_id
    assert len(dups) == 3
    assert {d.dedupe.status.value for d in dups} <= {"near", "exact"}
    assert {d.dedupe.cluster_id for d in dups} == {first}

    # Replace both workers: the dedupe state must come back from the changelogs.
    for _, proc in workers.procs:
        proc._ws_expected_exit = True
    workers.stop_all()
    workers.start(s, "worker-3")
    late = _article("urn:e:1", [*PARAS[1:], EXTRA], "Kharkiv counts its dead")
    asyncio.run(_produce(s, [late], [2]))
    assert wait_for(lambda: _settled(s, len(COPIES) + 1, workers), timeout=180, interval=1.0)
    enriched, dups = _outcomes(s)
    assert len(enriched) == 1
    late_dup = [d for d in dups if d.article_id == "urn:e:1"]
    # at-least-once: a redelivered input may be produced again, but always with the same decision
    assert late_dup, dups
    assert {(d.dedupe.status.value, d.dedupe.cluster_id) for d in late_dup} == {("near", first)}, late_dup
