from __future__ import annotations

import random
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
    EventsRecord,
    EventTag,
    PloverType,
    Provenance,
    SourceFormat,
    Span,
    Tags,
    TextField,
)
from wirestream.routing import Destination, load_routing, route_enriched
from wirestream.routing.outputs import enriched_messages, events_record
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
    assert route_enriched(rec, table) == [
        Destination("wire.events.assault", PloverType.ASSAULT),
        Destination("wire.events.accuse", PloverType.ACCUSE),
        Destination("wire.country.ukr"),
    ]


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


def _two_event_record() -> EnrichedRecord:
    """RUS assaults UKR, and an ACCUSE by UKR; a third actor (FRA) is named by no event."""
    rec = _record([], ["RUS", "UKR", "FRA"])
    span = rec.tags.actors[0].mentions[0]

    def ev(t: PloverType, src: str, tgt: str, negated: bool = False) -> EventTag:
        return EventTag(
            event_type=t, quad_class=4, cameo_root="19", source=[src], target=[tgt], trigger=span,
            sentence=span, negated=negated, confidence=0.9, rule_id="r",
        )  # fmt: skip

    events = [
        ev(PloverType.ASSAULT, "c-RUS", "c-UKR"),
        ev(PloverType.ACCUSE, "c-UKR", "c-RUS"),
        ev(PloverType.ASSAULT, "c-FRA", "c-RUS", negated=True),
    ]
    tags = rec.tags.model_copy(update={"events": events, "versions": {"events": "9"}})
    return rec.model_copy(update={"tags": tags})


def test_event_topics_carry_only_their_type_and_the_actors_it_names() -> None:
    rec = _two_event_record()
    dests = route_enriched(rec, load_routing())
    msgs = enriched_messages(rec, "wire.enriched", dests)
    by_topic = {m.topic: m for m in msgs}
    full = EnrichedRecord.model_validate_json(by_topic["wire.enriched"].value or b"")
    assert full == rec
    assert EnrichedRecord.model_validate_json(by_topic["wire.country.ukr"].value or b"") == rec  # payload: record
    slim = EventsRecord.model_validate_json(by_topic["wire.events.assault"].value or b"")
    # the negated ASSAULT by FRA is not an assertion: neither it nor FRA travels
    assert [(e.source, e.target) for e in slim.events] == [(["c-RUS"], ["c-UKR"])]
    assert {a.actor_id for a in slim.actors} == {"c-RUS", "c-UKR"}
    assert (slim.story_id, slim.article_id, slim.event_type, slim.versions) == (
        "s1",
        "a1",
        PloverType.ASSAULT,
        {"events": "9"},
    )
    accuse = EventsRecord.model_validate_json(by_topic["wire.events.accuse"].value or b"")
    assert [e.event_type for e in accuse.events] == [PloverType.ACCUSE]
    assert all(m.key == b"s1" for m in msgs)
    assert len(by_topic["wire.events.assault"].value or b"") < len(by_topic["wire.enriched"].value or b"")


def test_payload_events_needs_a_per_event_type_route(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("version: '1'\nroutes:\n  - name: x\n    topic: a\n    payload: events\n")
    with pytest.raises(RoutingError, match="payload: events needs per: event_type"):
        load_routing(bad)
    ok = tmp_path / "ok.yaml"
    ok.write_text("version: '1'\nroutes:\n  - name: x\n    topic_template: 'e.{event_type}'\n    per: event_type\n")
    rec = _two_event_record()
    assert route_enriched(rec, load_routing(ok)) == [Destination("e.assault"), Destination("e.accuse")]


def _random_record(rng: random.Random) -> EnrichedRecord:
    """A record with the awkward cases for hand-assembled JSON: escapes, markers in text, repeats."""
    texts = ['Q "quoted" \\ back', "ünïcödé — ✓ 中文", "ctl \x00\x1f\n\t", '"tags":{"actors":[],"events":[]',
             '"event_type":"ASSAULT","events":[],"actors":[]', "plain", ""]  # fmt: skip
    body = rng.choice(texts) + " body"
    art = Article(
        article_id=rng.choice(texts) + "id",
        story_id=rng.choice(texts) + "story",
        version=rng.choice([None, 1, 7]),
        source_format=SourceFormat.NINJS,
        headline=rng.choice(texts),
        body=body,
        blocks=[Block(kind=BlockKind.PARAGRAPH, text=body, start=0, end=len(body))],
        language=rng.choice(["en", "fr"]),
        published=rng.choice([None, datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)]),
        content_hash="ff",
    )
    ids = [f"a{i}" for i in range(5)]
    span = Span(text=rng.choice(texts), start=0, end=3, field=rng.choice(list(TextField)))
    actors = [
        ActorTag(actor_id=rng.choice(ids), name=rng.choice(texts), type=rng.choice(list(ActorType)),
                 country=rng.choice([None, "FRA"]), mentions=[span] * rng.randint(0, 3), confidence=rng.random())
        for _ in range(rng.randint(0, 6))
    ]  # fmt: skip
    events = [
        EventTag(event_type=rng.choice(list(PloverType)[:4]), quad_class=rng.randint(1, 4), cameo_root="19",
                 source=rng.sample([*ids, "unknown"], rng.randint(0, 2)),
                 target=rng.sample(ids, rng.randint(0, 2)), trigger=span, sentence=span,
                 negated=rng.random() < 0.3, modality=rng.choice([None, "intent"]), confidence=rng.random(),
                 rule_id=rng.choice(texts))
        for _ in range(rng.randint(0, 8))
    ]  # fmt: skip
    return EnrichedRecord(
        story_id=art.story_id,
        article=art,
        dedupe=DedupeResult(status=DedupeStatus.NEW, cluster_id=art.article_id, reason=rng.choice(texts)),
        tags=Tags(actors=actors, events=events, topics=["medtop:1"] * rng.randint(0, 2), versions={"x": "1"}),
        routes=["wire.enriched", rng.choice(texts)],
        provenance=Provenance(topic="t", partition=1, offset=2, received_at=datetime(2026, 1, 1, tzinfo=UTC)),
    )


def test_assembled_json_is_byte_identical_to_model_dump_json() -> None:
    """enriched_messages serialises each tag once and assembles the documents around the fragments;
    the bytes must be exactly what dumping the full models gives (the topics' contract)."""
    rng = random.Random(11)
    table = load_routing()
    slim_checked = 0
    for _ in range(300):
        rec = _random_record(rng)
        dests = route_enriched(rec, table)
        msgs = enriched_messages(rec, "wire.enriched", dests)
        assert msgs[0].value == rec.model_dump_json().encode()
        for d, m in zip(dests, msgs[1:], strict=False):
            want = rec if d.events_of is None else events_record(rec, d.events_of)
            assert m.value == want.model_dump_json().encode(), d
            slim_checked += d.events_of is not None
    assert slim_checked > 100


def test_tag_json_cut_from_the_record_survives_markers_in_text_and_falls_back() -> None:
    """The route stage cuts each tag's JSON out of the record's own JSON (outputs._tag_items): text
    holding the markers it cuts at must not move a cut, and a cut that comes out wrong (a model
    whose first field changed) must fall back to serialising each tag, with the same bytes."""
    from wirestream.routing import outputs

    rng = random.Random(23)
    markers = [',{"actor_id":"a1"', '},{"event_type":"AGREE"', '],"events":[', '],"topics":[', '"tags":{"actors":[']
    table = load_routing()
    for _ in range(200):
        rec = _random_record(rng)
        text = rng.choice(markers) + rng.choice(markers)
        span = Span(text=text, start=0, end=1)
        actors = [a.model_copy(update={"name": text, "mentions": [span]}) for a in rec.tags.actors]
        events = [e.model_copy(update={"rule_id": text, "sentence": span}) for e in rec.tags.events]
        rec = rec.model_copy(update={"tags": rec.tags.model_copy(update={"actors": actors, "events": events})})
        value = rec.model_dump_json().encode()
        want = (
            [outputs._ACTOR_JSON(a)[len(outputs._ACTOR_ITEM) :] for a in rec.tags.actors],
            [outputs._EVENT_JSON(e)[len(outputs._EVENT_ITEM) :] for e in rec.tags.events],
        )
        assert outputs._tag_items(rec, value) == want
        assert outputs._tag_items(rec, value.replace(b'"tags":{"actors":[', b'"tags":{"actorz":[')) == want
        dests = route_enriched(rec, table)
        for d, m in zip(dests, enriched_messages(rec, "wire.enriched", dests)[1:], strict=True):
            want_doc = rec if d.events_of is None else events_record(rec, d.events_of)
            assert m.value == want_doc.model_dump_json().encode()
    assert outputs._items(b'{"actor_id":"a"},{"actor_id":"b"}', b'{"actor_id":', 3) is None
