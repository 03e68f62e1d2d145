from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from wirestream.models import (
    ActorTag,
    ActorType,
    Article,
    Block,
    BlockKind,
    DedupeResult,
    DedupeStatus,
    EnrichedRecord,
    EventTag,
    PloverType,
    Provenance,
    SourceFormat,
    Span,
    Tags,
)
from wirestream.routing import load_routing, route_enriched
from wirestream.routing.outputs import enriched_messages
from wirestream.routing.table import RoutingError


def _record(
    events: list[PloverType], countries: list[str], language: str = "en", negated: bool = False
) -> EnrichedRecord:
    body = "Russia attacked Ukraine."
    art = Article(
        article_id="a1",
        story_id="s1",
        source_format=SourceFormat.TEXT,
        headline="h",
        body=body,
        blocks=[Block(kind=BlockKind.PARAGRAPH, text=body, start=0, end=len(body))],
        language=language,
        content_hash="00",
    )
    span = Span(text="attacked", start=7, end=15)
    actors = [
        ActorTag(actor_id=f"c-{c}", name=c, type=ActorType.COUNTRY, country=c, mentions=[span], confidence=1.0)
        for c in countries
    ]
    evs = [
        EventTag(
            event_type=e,
            quad_class=4,
            cameo_root="19",
            source=[],
            target=[],
            trigger=span,
            sentence=span,
            negated=negated,
            confidence=0.9,
            rule_id="r",
        )
        for e in events
    ]
    return EnrichedRecord(
        story_id="s1",
        article=art,
        dedupe=DedupeResult(status=DedupeStatus.NEW, cluster_id="a1"),
        tags=Tags(actors=actors, events=evs),
        provenance=Provenance(topic="t", partition=0, offset=0, received_at=datetime.now(UTC)),
    )


def test_packaged_table_routes_by_event_country_and_each_topic_once() -> None:
    table = load_routing()
    rec = _record([PloverType.ASSAULT, PloverType.ASSAULT, PloverType.ACCUSE], ["UKR", "RUS"])
    assert route_enriched(rec, table) == ["wire.events.assault", "wire.events.accuse", "wire.country.ukr"]


def test_negated_events_are_not_routed_and_no_match_routes_nowhere() -> None:
    table = load_routing()
    assert route_enriched(_record([PloverType.ASSAULT], ["FRA"], negated=True), table) == []
    assert route_enriched(_record([], []), table) == []


def test_topic_creation_list_covers_every_event_type() -> None:
    parts = load_routing().topic_partitions()
    assert len([t for t in parts if t.startswith("wire.events.")]) == 16
    assert parts["wire.topic.conflict"] == 2


def test_invalid_routing_file_fails_loudly(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("version: '1'\nroutes:\n  - name: x\n    topic: a\n    topic_template: 'b.{event_type}'\n")
    with pytest.raises(RoutingError, match="exactly one"):
        load_routing(bad)
    bad.write_text("version: '1'\nroutes:\n  - name: x\n    topic: a\n    when: {colour: [red]}\n")
    with pytest.raises(RoutingError):
        load_routing(bad)


def test_kill_emits_record_then_tombstone_keyed_by_story() -> None:
    rec = _record([], [])
    rec = rec.model_copy(update={"dedupe": DedupeResult(status=DedupeStatus.KILL, cluster_id="a1")})
    msgs = enriched_messages(rec, "wire.enriched", [])
    assert [(m.topic, m.key, m.value is None) for m in msgs] == [
        ("wire.enriched", b"s1", False),
        ("wire.enriched", b"s1", True),
    ]
