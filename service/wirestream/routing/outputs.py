"""Records to Kafka messages: topic, key, value bytes and headers, for every outcome.

Keys: enriched records and event topics are keyed by ``story_id`` (so a compacted topic keeps the
newest version and a kill's null-value tombstone removes the story); duplicates by ``article_id``;
dead letters keep the input's original key. Dead letters also carry Kafka Connect-style
``__connect.errors.*`` context headers so generic DLQ tooling can read them.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from enum import StrEnum

from ..models import (
    ActorTag,
    DeadLetter,
    DedupeStatus,
    DuplicateRecord,
    EnrichedRecord,
    EventsRecord,
    EventTag,
    PloverType,
    Provenance,
    RawInput,
    Stage,
)
from .fastjson import dump
from .table import Destination


class Outcome(StrEnum):
    ENRICHED = "enriched"
    DUPLICATE = "duplicate"
    DEADLETTER = "deadletter"
    HELD = "held"  # embargoed: released to enriched later, with the same provenance


@dataclass(frozen=True)
class Message:
    topic: str
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class Result:
    """What became of one input: exactly one outcome, and the messages that record it."""

    outcome: Outcome
    detail: str
    messages: list[Message] = field(default_factory=list)
    record: EnrichedRecord | DuplicateRecord | DeadLetter | None = None


def _prov_headers(p: Provenance) -> list[tuple[str, bytes]]:
    return [
        ("wirestream.input.topic", p.topic.encode()),
        ("wirestream.input.partition", str(p.partition).encode()),
        ("wirestream.input.offset", str(p.offset).encode()),
        ("wirestream.worker", p.worker_id.encode()),
    ]


def events_record(record: EnrichedRecord, event_type: PloverType) -> EventsRecord:
    """The slim per-event-type view of ``record``: its asserted events of one type and their actors."""
    tags = record.tags
    events, actors = _selections(tags.events, tags.actors).get(event_type, ([], []))
    return _events_record(record, event_type, [tags.events[i] for i in events], [tags.actors[i] for i in actors])


def _selections(events: list[EventTag], actors: list[ActorTag]) -> dict[PloverType, tuple[list[int], list[int]]]:
    """What each per-event-type view holds, by asserted type, as indices in record order: the
    asserted events of that type, and the actor tags their sources and targets name. One definition
    for the model (:func:`events_record`) and the pre-serialised bytes (:class:`_EncodedRecord`).

    One pass over the events (~20 per 2 KB article, of ~9 types) notes which types name each actor
    id, and one pass over the actors (~25) hands each to those types: testing every actor against
    every type's names was ~9 passes over the actors (measured 20 -> 11 µs per 2 KB article)."""
    picked: dict[PloverType, list[int]] = {}
    naming: dict[str, set[PloverType]] = {}  # actor id -> the asserted types whose events name it
    for i, e in enumerate(events):
        if e.negated:
            continue
        t = e.event_type
        idx = picked.get(t)
        if idx is None:
            picked[t] = [i]
        else:
            idx.append(i)
        for ids in (e.source, e.target):
            for aid in ids:
                types = naming.get(aid)
                if types is None:
                    naming[aid] = {t}
                else:
                    types.add(t)
    named: dict[PloverType, list[int]] = {t: [] for t in picked}
    for j, a in enumerate(actors):
        types = naming.get(a.actor_id)
        if types is not None:
            for t in types:
                named[t].append(j)
    return {t: (idx, named[t]) for t, idx in picked.items()}


def _events_record(
    record: EnrichedRecord, event_type: PloverType, events: list[EventTag], actors: list[ActorTag]
) -> EventsRecord:
    art = record.article
    return EventsRecord(
        story_id=record.story_id,
        article_id=art.article_id,
        version=art.version,
        headline=art.headline,
        language=art.language,
        published=art.published,
        event_type=event_type,
        events=events,
        actors=actors,
        topics=record.tags.topics,
        dedupe=record.dedupe,
        versions=record.tags.versions,
        provenance=record.provenance,
    )


def enriched_messages(record: EnrichedRecord, enriched_topic: str, routes: list[Destination]) -> list[Message]:
    key = record.story_id.encode()
    value = dump(record)
    headers = (("wirestream.outcome", b"enriched"), *_prov_headers(record.provenance))
    msgs = [Message(enriched_topic, key, value, headers)]
    # A route copy is a fan-out, not an outcome: the audit counts only the all-enriched topic.
    route = (("wirestream.outcome", b"route"),)
    encoded: _EncodedRecord | None = None
    for d in routes:
        if d.events_of is None:
            msgs.append(Message(d.topic, key, value, route))
            continue
        if encoded is None:
            encoded = _EncodedRecord(record, value)
        msgs.append(Message(d.topic, key, encoded.events_json(d.events_of), route))
    if record.dedupe.status is DedupeStatus.KILL:
        # The kill record above tells consumers why; the tombstone lets compaction drop the story.
        msgs.append(Message(enriched_topic, key, None, (("wirestream.outcome", b"tombstone"),)))
    return msgs


# The serializers' own JSON bytes (``model_dump_json()`` is ``to_json(...).decode()``, which the
# caller would encode back): for a tag whose JSON cannot be cut out of its record's (rare).
_EVENT_JSON = EventTag.__pydantic_serializer__.to_json
_ACTOR_JSON = ActorTag.__pydantic_serializer__.to_json
# Where each tag list starts and ends inside an EnrichedRecord's JSON, and how its items begin
# (the first field of the model). Each marker holds unescaped quotes, so it cannot occur inside a
# JSON string; the keys it names ("tags", "events", "topics", "actor_id", "event_type") occur
# nowhere else in an enriched record, so each occurrence is structural (see _EncodedRecord).
_ACTORS_AT = b'"tags":{"actors":['
_EVENTS_AT = b'],"events":['
_TOPICS_AT = b'],"topics":['
_ACTOR_ITEM = b'{"actor_id":'
_EVENT_ITEM = b'{"event_type":'


def _split_once(doc: bytes, marker: bytes) -> tuple[bytes, bytes]:
    head, sep, tail = doc.partition(marker)
    if not sep or marker in tail:
        raise AssertionError(f"marker {marker!r} not found exactly once")  # a model changed: see the test
    return head, tail


def _items(blob: bytes, start: bytes, count: int) -> list[bytes] | None:
    """The items of a JSON array's inside ``blob`` (objects that all begin with ``start``), each
    without that prefix; ``None`` when the count does not come out as ``count`` (a model changed)."""
    if not blob:
        return [] if count == 0 else None
    if not blob.startswith(start):
        return None
    # split first, then drop the prefix from the first item only: the same pieces (``start`` holds
    # no comma, so no separator begins inside it) without copying the whole blob once more
    items = blob.split(b"," + start)
    items[0] = items[0][len(start) :]
    return items if len(items) == count else None


def _tag_items(record: EnrichedRecord, value: bytes) -> tuple[list[bytes], list[bytes]]:
    """The JSON of each actor and event tag of ``record`` (less its item prefix), cut out of the
    record's own JSON ``value``; serialised one by one if the cut does not come out right."""
    tags = record.tags
    a0 = value.find(_ACTORS_AT)
    a1 = value.find(_EVENTS_AT, a0)
    e1 = value.find(_TOPICS_AT, a1)
    if a0 >= 0 and a1 >= 0 and e1 >= 0:
        actors = _items(value[a0 + len(_ACTORS_AT) : a1], _ACTOR_ITEM, len(tags.actors))
        events = _items(value[a1 + len(_EVENTS_AT) : e1], _EVENT_ITEM, len(tags.events))
        if actors is not None and events is not None:
            return actors, events
    n_a, n_e = len(_ACTOR_ITEM), len(_EVENT_ITEM)
    return [_ACTOR_JSON(a)[n_a:] for a in tags.actors], [_EVENT_JSON(e)[n_e:] for e in tags.events]


class _EncodedRecord:
    """The JSON of the per-event-type views of one enriched record, from the record's own JSON.

    Why: an article touching ~9 event types used to build ~9 :class:`EventsRecord` models and dump
    each, serialising the same headline, dedupe verdict, versions, provenance and actor tags ~10
    times over. Session 5 serialised each tag once (~46 serializer calls per 2 KB article); now the
    record is dumped once, as ``wire.enriched`` needs anyway, and each tag's JSON is cut out of it:
    inside a JSON document, a marker with unescaped quotes can only be structure, and the tag lists
    are the only places where the keys of the markers occur. The fields around the tags still come
    from the JSON of the real view model (with empty tag lists; :func:`.fastjson.dump`, the bytes
    of ``model_dump_json``), so the bytes are exactly what ``model_dump_json`` gives for the full
    models — ``tests/core/test_routing.py`` compares the two on awkward random records,
    ``tests/core/test_pipeline_outputs.py`` and ``python -m bench.pipeline --check`` on the bench corpus.
    """

    def __init__(self, record: EnrichedRecord, value: bytes) -> None:
        self.record = record
        self._actors, self._events = _tag_items(record, value)
        self._by_type = _selections(record.tags.events, record.tags.actors)
        self._events_head: bytes | None = None
        self._events_tail = b""

    def events_json(self, event_type: PloverType) -> bytes:
        """``events_record(record, event_type).model_dump_json().encode()``, from the tag items."""
        if self._events_head is None:
            bare = _events_record(self.record, event_type, [], [])
            marker = b'"event_type":' + _PLOVER_JSON[event_type] + b',"events":[],"actors":[]'
            self._events_head, self._events_tail = _split_once(dump(bare), marker)
        picked, actors = self._by_type.get(event_type, ([], []))
        return b"".join(
            (
                self._events_head,
                b'"event_type":',
                _PLOVER_JSON[event_type],
                b',"events":[',
                _EVENT_ITEM + (b"," + _EVENT_ITEM).join([self._events[i] for i in picked]) if picked else b"",
                b'],"actors":[',
                _ACTOR_ITEM + (b"," + _ACTOR_ITEM).join([self._actors[i] for i in actors]) if actors else b"",
                b"]",
                self._events_tail,
            )
        )


_PLOVER_JSON = {t: json.dumps(t.value).encode() for t in PloverType}  # ASCII names: as pydantic writes them


def duplicate_message(record: DuplicateRecord, topic: str) -> Message:
    headers = (("wirestream.outcome", b"duplicate"), *_prov_headers(record.provenance))
    return Message(topic, record.article_id.encode(), dump(record), headers)


def make_dead_letter(
    raw_value: bytes,
    raw_key: bytes | None,
    raw_headers: dict[str, str],
    provenance: Provenance,
    stage: Stage,
    reason: str,
    message: str,
    exc: BaseException | None = None,
) -> DeadLetter:
    return DeadLetter(
        stage=stage,
        reason=reason,
        message=message[:500],
        exception_class=type(exc).__qualname__ if exc is not None else None,
        original_value_b64=base64.b64encode(raw_value).decode(),
        original_key_b64=base64.b64encode(raw_key).decode() if raw_key is not None else None,
        original_headers=raw_headers,
        provenance=provenance,
    )


def dead_letter_for(
    raw: RawInput, stage: Stage, reason: str, message: str, exc: BaseException | None = None
) -> DeadLetter:
    return make_dead_letter(raw.value, raw.key, raw.headers, raw.provenance, stage, reason, message, exc)


def dead_letter_message(dl: DeadLetter, topic: str) -> Message:
    """The Kafka message: original bytes and key as they came, context in headers."""
    p = dl.provenance
    ts = str(int(p.timestamp.timestamp() * 1000)) if p.timestamp else ""
    headers: list[tuple[str, bytes]] = [
        ("__connect.errors.topic", p.topic.encode()),
        ("__connect.errors.partition", str(p.partition).encode()),
        ("__connect.errors.offset", str(p.offset).encode()),
        ("__connect.errors.timestamp", ts.encode()),
        ("__connect.errors.stage", dl.stage.value.encode()),
        ("__connect.errors.class.name", (dl.exception_class or "").encode()),
        ("__connect.errors.exception.message", dl.message.encode()),
        ("wirestream.reason", dl.reason.encode()),
        ("wirestream.worker", p.worker_id.encode()),
        ("wirestream.outcome", b"deadletter"),
    ]
    headers += [(f"wirestream.original.{k}", v.encode()) for k, v in dl.original_headers.items()]
    value = base64.b64decode(dl.original_value_b64)
    key = base64.b64decode(dl.original_key_b64) if dl.original_key_b64 is not None else None
    return Message(topic, key, value, tuple(headers))


def dead_letter_from_message(
    value: bytes | None, key: bytes | None, headers: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...]
) -> DeadLetter:
    """Rebuild the :class:`DeadLetter` from a ``wire.deadletter`` message (inspect, replay, audit)."""
    from datetime import UTC, datetime

    h = {k: v.decode("utf-8", "replace") for k, v in headers}
    ts = h.get("__connect.errors.timestamp")
    prov = Provenance(
        topic=h.get("__connect.errors.topic", "?"),
        partition=int(h.get("__connect.errors.partition", "-1") or -1),
        offset=int(h.get("__connect.errors.offset", "0") or 0),
        timestamp=datetime.fromtimestamp(int(ts) / 1000, UTC) if ts else None,
        received_at=datetime.now(UTC),
        worker_id=h.get("wirestream.worker", "?"),
    )
    original = {k.removeprefix("wirestream.original."): v for k, v in h.items() if k.startswith("wirestream.original.")}
    return make_dead_letter(
        value or b"",
        key,
        original,
        prov,
        Stage(h.get("__connect.errors.stage", "normalise")),
        h.get("wirestream.reason", "unknown"),
        h.get("__connect.errors.exception.message", ""),
    ).model_copy(update={"exception_class": h.get("__connect.errors.class.name") or None})
