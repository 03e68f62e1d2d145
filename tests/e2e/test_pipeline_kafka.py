"""The walking skeleton through a real broker: every input ends as exactly one outcome."""

from __future__ import annotations

import asyncio
from collections import Counter

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from support import wait_for
from wire_articles import BAD_INPUTS, story_bytes
from wirestream.audit import audit, read_topic
from wirestream.models import DuplicateRecord, EnrichedRecord, EventsRecord
from wirestream.routing.outputs import dead_letter_from_message
from wirestream.settings import Settings

pytestmark = pytest.mark.kafka


async def _produce(settings: Settings, values: list[bytes], keys: list[bytes | None] | None = None) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka.bootstrap_servers, acks="all")
    await producer.start()
    try:
        futs = [
            await producer.send(settings.topics.raw, v, key=(keys[i] if keys else None)) for i, v in enumerate(values)
        ]
        for f in futs:
            await f
    finally:
        await producer.stop()


def _settled(settings: Settings, n: int, workers) -> bool:
    workers.assert_alive()
    r = asyncio.run(audit(settings, timeout=10))
    return r.inputs == n and not r.missing


def test_new_resent_and_malformed_articles_each_get_exactly_one_outcome(make_settings, workers) -> None:
    s = make_settings(partitions=2)
    new = [story_bytes(i) for i in range(12)]
    resends = new[:4]
    bad = list(BAD_INPUTS.values())
    values = new + resends + bad
    asyncio.run(_produce(s, values))
    workers.start(s)
    assert wait_for(lambda: _settled(s, len(values), workers), timeout=150, interval=1.0), (
        "not every input got an outcome"
    )

    report = asyncio.run(audit(s))
    assert report.ok, report.summary()  # at-least-once: identical repeats allowed
    summary = {k: v for k, v in report.summary().items() if k != "repeated"}
    assert summary == {
        "inputs": 20, "enriched": 12, "duplicate": 4, "deadletter": 4, "missing": 0, "conflicting": 0, "ok": True,
    }  # fmt: skip

    enriched = [
        EnrichedRecord.model_validate_json(r.value)
        for r in asyncio.run(read_topic(s, s.topics.enriched))
        if dict(r.headers).get("wirestream.outcome") == b"enriched"
    ]
    assert len({e.article.content_hash for e in enriched}) == 12
    for e in enriched:
        assert e.provenance.topic == s.topics.raw and e.provenance.worker_id == "worker-1"
        assert {"actors", "events", "topics", "routing"} <= set(e.tags.versions)

    dups = [DuplicateRecord.model_validate_json(r.value) for r in asyncio.run(read_topic(s, s.topics.duplicates))]
    assert {d.dedupe.status.value for d in dups} == {"exact"}
    assert {d.dedupe.duplicate_of for d in dups} <= {e.article.article_id for e in enriched}

    dls = [dead_letter_from_message(r.value, r.key, r.headers) for r in asyncio.run(read_topic(s, s.topics.deadletter))]
    originals = {__import__("base64").b64decode(d.original_value_b64) for d in dls}
    assert originals == set(bad), "dead letters must keep the original bytes"
    reasons = Counter(d.reason for d in dls)
    assert all(r and r != "internal_error" for r in reasons), reasons
    assert all(d.stage.value == "normalise" for d in dls)


def test_enriched_records_are_keyed_by_story_and_fan_out_to_event_topics(make_settings, workers) -> None:
    s = make_settings(partitions=1)
    body = (
        "MOSCOW (Example Wire) - Russian forces launched a barrage of missile strikes on Kyiv overnight, "
        "Ukrainian officials said.\n\nThe Ukrainian foreign ministry accused Russia of targeting civilians."
    )
    art = orjson.dumps({"id": "urn:test:fanout:1", "headline": "Russia strikes Kyiv", "body": body, "lang": "en",
                        "published": "2025-07-04T06:00:00Z"})  # fmt: skip
    asyncio.run(_produce(s, [art]))
    workers.start(s)
    assert wait_for(lambda: _settled(s, 1, workers), timeout=120, interval=1.0)
    rec = next(
        EnrichedRecord.model_validate_json(r.value)
        for r in asyncio.run(read_topic(s, s.topics.enriched))
        if dict(r.headers).get("wirestream.outcome") == b"enriched"
    )
    types = {e.event_type.value.lower() for e in rec.tags.events if not e.negated}
    assert "assault" in types, rec.tags.events
    for t in types:
        copies = [r for r in asyncio.run(read_topic(s, f"wire.events.{t}")) if r.key == rec.story_id.encode()]
        assert copies, f"no copy on wire.events.{t}"
        slim = EventsRecord.model_validate_json(copies[0].value)  # the packaged routes use payload: events
        assert slim.event_type.value.lower() == t and slim.events and slim.article_id == rec.article.article_id
        assert {e.event_type.value.lower() for e in slim.events} == {t}
