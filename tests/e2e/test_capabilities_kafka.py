"""Each stage's capability once through the real broker and a real worker process.

Unit tests cover the stages in depth without Kafka; these prove the same behaviour survives the
Faust shell: the format fixtures, every dedupe decision kind (including the embargo timer and the
kill tombstone) and the tagging of the reference sample article.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from support import wait_for
from wirestream.audit import audit, read_topic
from wirestream.models import DuplicateRecord, EnrichedRecord
from wirestream.settings import Settings

pytestmark = pytest.mark.kafka
FIXTURES = Path(__file__).resolve().parents[1] / "normalise" / "fixtures"
SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "wire-2025-07-04-coalition.txt"


async def _produce(settings: Settings, values: list[bytes]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for v in values:  # one by one, in order: the dedupe verdicts below depend on arrival order
            await producer.send_and_wait(settings.topics.raw, v)
    finally:
        await producer.stop()


def _settled(settings: Settings, n: int, workers, pending: int = 0) -> bool:
    """All ``n`` inputs are in and all but ``pending`` of them have an outcome."""
    workers.assert_alive()
    r = asyncio.run(audit(settings, timeout=10))
    return r.inputs == n and len(r.missing) == pending


def _enriched(settings: Settings) -> list[EnrichedRecord]:
    return [
        EnrichedRecord.model_validate_json(r.value)
        for r in asyncio.run(read_topic(settings, settings.topics.enriched))
        if dict(r.headers).get("wirestream.outcome") == b"enriched"
    ]


def test_every_format_fixture_is_enriched_through_the_worker(make_settings, workers) -> None:
    s = make_settings(partitions=2)
    files = sorted(p for p in FIXTURES.iterdir() if p.is_file())
    assert len(files) >= 8
    asyncio.run(_produce(s, [p.read_bytes() for p in files]))
    workers.start(s)
    assert wait_for(lambda: _settled(s, len(files), workers), timeout=150, interval=1.0)
    report = asyncio.run(audit(s))
    assert report.ok and report.summary()["enriched"] == len(files), report.summary()
    formats = {e.article.source_format.value for e in _enriched(s)}
    assert formats == {"ninjs", "newsml", "json", "text", "html"}
    languages = {e.article.language for e in _enriched(s)}
    assert {"en", "de", "fr", "es", "it", "pt", "ar"} <= languages


def _ninjs(uri: str, version: int, headline: str, body: str, **extra: object) -> bytes:
    return orjson.dumps({"uri": uri, "version": str(version), "type": "text", "language": "en",
                         "versioncreated": f"2025-06-10T0{version}:00:00Z", "headline": headline,
                         "body_text": body, **extra})  # fmt: skip


BODY = (
    "GENEVA (Example Wire) - Negotiators from eleven countries agreed on Tuesday to extend a treaty on river "
    "water sharing for another decade, after three days of talks hosted by the Swiss government.\n\n"
    "The agreement sets new limits on dams built upstream and creates a joint commission that will publish "
    "monthly flow data, officials said.\n\n"
    "Environmental groups welcomed the deal but said the commission needed powers to fine violators.\n\n"
    "The treaty, first signed in 1994, had been due to expire at the end of the year."
)


def test_dedupe_kinds_embargo_and_kill_through_the_worker(make_settings, workers) -> None:
    s = make_settings(partitions=1)  # one raw partition: the verdicts below depend on arrival order
    copy_body = BODY.replace("GENEVA (Example Wire) - ", "GENEVA, June 10 (Other Agency) — ") + (
        "\n\nCopyright 2025 Other Agency."
    )
    # Warm the worker up first, so the embargo below is still in the future when it is decided.
    workers.start(s)
    asyncio.run(_produce(s, [orjson.dumps({"headline": "Warm-up", "body": "A short unrelated notice about tides."})]))
    assert wait_for(lambda: _settled(s, 1, workers), timeout=150, interval=1.0)
    embargo = (datetime.now(UTC) + timedelta(seconds=15)).isoformat()
    inputs = [
        _ninjs("urn:t:river", 1, "Countries extend river treaty", BODY),  # new
        orjson.dumps({"id": "urn:other:1", "headline": "River pact renewed for ten years", "body": copy_body}),  # near
        _ninjs("urn:t:river", 2, "UPDATE 1-Countries extend river treaty", BODY + "\n\nThe vote was unanimous."),  # v2
        _ninjs("urn:t:river", 1, "Countries extend river treaty", BODY),  # re-send of v1 -> exact
        _ninjs("urn:t:late", 3, "Storm closes ports", "HAVANA (Example Wire) - Ports closed as the storm neared."),
        _ninjs("urn:t:late", 2, "Storm nears", "HAVANA (Example Wire) - A storm neared the coast on Sunday."),  # stale
        _ninjs(
            "urn:t:embargoed",
            1,
            "Central bank report",
            "FRANKFURT (Example Wire) - The bank's annual "
            "report shows reserves rose by a third.\n\nIt will be presented to lawmakers next week.",
            embargoed=embargo,
        ),  # held, then released
        _ninjs(
            "urn:t:killed",
            1,
            "Minister resigns",
            "LIMA (Example Wire) - The transport minister resigned on Monday.\n\nHe denied any wrongdoing.",
        ),  # new
        _ninjs("urn:t:killed", 2, "KILL - Minister resigns", "This story has been withdrawn.", pubstatus="canceled"),
    ]
    asyncio.run(_produce(s, inputs))
    n = len(inputs) + 1
    assert wait_for(lambda: _settled(s, n, workers, pending=1), timeout=60, interval=1.0)
    # The embargoed article must not be out before its embargo...
    assert all(e.article.article_id != "urn:t:embargoed" for e in _enriched(s))
    # ...and must come out, via the timer, after it.
    assert wait_for(lambda: _settled(s, n, workers), timeout=90, interval=2.0)
    report = asyncio.run(audit(s))
    assert report.ok, report.summary()  # at-least-once: identical repeats allowed

    by_status = {e.dedupe.status.value: e for e in _enriched(s)}
    assert set(by_status) == {"new", "new_version", "kill"}  # warm-up, river v1, embargoed, killed story: new
    v2 = by_status["new_version"]
    assert v2.article.version == 2 and v2.dedupe.supersedes == "urn:t:river"
    released = [e for e in _enriched(s) if e.article.article_id == "urn:t:embargoed"]
    assert released and all(r.provenance.processed_at >= datetime.fromisoformat(embargo) for r in released)

    dups = [DuplicateRecord.model_validate_json(r.value) for r in asyncio.run(read_topic(s, s.topics.duplicates))]
    kinds = sorted({(d.provenance.offset, d.dedupe.status.value) for d in dups}, key=lambda x: x[1])
    kinds = [k for _, k in kinds]
    assert kinds == ["exact", "near", "stale_version"], kinds
    near = next(d for d in dups if d.dedupe.status.value == "near")
    assert near.dedupe.duplicate_of == "urn:t:river" and (near.dedupe.similarity or 0) >= s.dedupe.near_threshold

    story_msgs = [r for r in asyncio.run(read_topic(s, s.topics.enriched)) if r.key == b"urn:t:killed"]
    assert story_msgs[-1].value is None, "a kill ends with a null-value tombstone for compaction"


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/samples not beside the repo")
def test_sample_article_actors_and_events_through_the_worker(make_settings, workers) -> None:
    s = make_settings(partitions=1)
    asyncio.run(_produce(s, [SAMPLE.read_bytes()]))
    workers.start(s)
    assert wait_for(lambda: _settled(s, 1, workers), timeout=150, interval=1.0)
    rec = _enriched(s)[0]
    assert rec.article.published is not None and rec.article.published.date().isoformat() == "2025-07-04"
    assert rec.article.subheads == ["Strikes", "Evidence"]
    names = {a.name for a in rec.tags.actors}
    for person in ("Keir Starmer", "Emmanuel Macron", "Donald Trump", "Vladimir Putin", "Vitali Klitschko"):
        assert person in names, names
    countries = {a.actor_id: a.country for a in rec.tags.actors}
    found = {
        (e.event_type.value, frozenset(map(countries.get, e.source)), frozenset(map(countries.get, e.target)))
        for e in rec.tags.events
        if not e.negated
    }
    assert any(t == "ASSAULT" and "RUS" in src and "UKR" in tgt for t, src, tgt in found), found
    assert any(t == "CONSULT" and "GBR" in src for t, src, _ in found), found
