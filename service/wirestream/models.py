"""The records that flow through wirestream, one pydantic model per stage boundary.

Data flows one way: ``raw bytes -> Article -> DedupeResult -> Tags -> EnrichedRecord`` (or a
``DuplicateRecord`` / ``DeadLetter``). Every topic's JSON Schema in ``schemas/`` is generated from the
models here (``wirestream schemas write``), and a test fails when the two drift, so downstream
consumers can rely on the files.

Conventions:
* times are timezone-aware UTC ``datetime`` values, serialised as ISO 8601;
* character spans are ``[start, end)`` offsets into one field of the :class:`Article`
  (``field="body"``: :attr:`Article.body`, the canonical text; ``field="headline"``: the headline);
* every model is frozen: stages return new values instead of mutating what they were given.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler

SCHEMA_VERSION: Literal["1"] = "1"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _SerialiseAsStr:
    """Annotation for a ``StrEnum`` field: validated as the enum, serialised by pydantic-core's ``str`` serializer.

    Why: pydantic's enum serializer reads each member's ``.value`` back from Python; a ``StrEnum``
    member *is* a ``str`` equal to its value, so the ``str`` serializer writes the same bytes without
    the lookup (≈ 0.1 µs per field; an enriched record has ~100 such fields: the ``field`` of every
    span, the type of every tag). Validation, the attribute's type (the enum member), ``model_dump()``
    and the JSON Schema (``schemas/``) are unchanged.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        schema = dict(handler(source))
        schema["serialization"] = {"type": "str"}  # pydantic_core.core_schema.simple_ser_schema("str")
        return schema


AS_STR = _SerialiseAsStr()


# --------------------------------------------------------------------------- input / provenance


class Provenance(_Model):
    """Where a record came from; the conservation audit matches outputs to inputs by this."""

    topic: str = Field(description="Input topic, or 'file:<path>' in embedded mode")
    partition: int = Field(ge=-1, description="Input partition (-1 in embedded mode)")
    offset: int = Field(ge=0, description="Input offset (line/file ordinal in embedded mode)")
    timestamp: datetime | None = Field(None, description="Kafka record timestamp (publish time)")
    key: str | None = Field(None, description="Input record key, decoded as UTF-8 with replacement")
    received_at: datetime = Field(description="When wirestream started processing the input")
    processed_at: datetime | None = Field(None, description="When the output was produced")
    worker_id: str = Field("embedded", description="Worker that processed the input")


class RawInput(_Model):
    """One input exactly as it arrived: the bytes plus the transport's metadata."""

    value: bytes
    key: bytes | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    content_type: str | None = Field(
        None, description="Format hint from a 'content-type' header or setting; None = auto-detect"
    )
    provenance: Provenance


# --------------------------------------------------------------------------- normalisation


class SourceFormat(StrEnum):
    NINJS = "ninjs"
    NEWSML = "newsml"
    JSON = "json"
    TEXT = "text"
    HTML = "html"


class PubStatus(StrEnum):
    USABLE = "usable"
    WITHHELD = "withheld"
    CANCELED = "canceled"


class Dateline(_Model):
    """A dateline removed from the lede, e.g. ``LONDON, July 4 (AP) —``."""

    text: str = Field(description="The dateline as it stood, without the trailing dash")
    place: str | None = None
    agency: str | None = None
    date_text: str | None = None


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    SUBHEAD = "subhead"


class Block(_Model):
    """A paragraph or subhead; ``body[start:end] == text`` always holds."""

    kind: Annotated[BlockKind, AS_STR]
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Subject(_Model):
    """A subject code the agency sent (IPTC Media Topic, subject code, free keyword)."""

    code: str | None = None
    name: str | None = None
    scheme: str | None = None


class Article(_Model):
    """A normalised article: one clean shape, whatever format the newsroom sent."""

    article_id: str = Field(description="Agency id (ninjs uri/guid, NewsML guid, JSON id) else 'sha:<hash>'")
    story_id: str = Field(description="Identity shared by every version of one story")
    version: int | None = Field(None, description="Agency version number, if sent")
    version_created: datetime | None = None
    pubstatus: Annotated[PubStatus, AS_STR] = PubStatus.USABLE
    embargoed: datetime | None = None
    source_format: Annotated[SourceFormat, AS_STR]
    headline: str
    headline_labels: list[str] = Field(
        default_factory=list,
        description="Desk labels taken off the start of the agency headline, in order (UPDATE 2, CORRECTED, REFILE)",
    )
    subheadline: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    body: str = Field(description="Canonical body text: blocks joined by a blank line")
    blocks: list[Block]
    boilerplate: list[str] = Field(
        default_factory=list, description="Lines separated from the body (copyright, credits, promos)"
    )
    language: str = Field(description="ISO 639-1 language code, detected")
    declared_language: str | None = Field(None, description="Language the agency declared, if any")
    published: datetime | None = None
    updated: datetime | None = None
    subjects: list[Subject] = Field(default_factory=list)
    content_hash: str = Field(description="xxh3-64 hex digest of the canonical text (headline + body)")

    @property
    def subheads(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind is BlockKind.SUBHEAD]

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind is BlockKind.PARAGRAPH]


# --------------------------------------------------------------------------- deduplication


class DedupeStatus(StrEnum):
    NEW = "new"  # first time this story is seen -> enriched
    NEW_VERSION = "new_version"  # newer version of a known story -> enriched, supersedes
    EXACT = "exact"  # same canonical text or same agency id+version -> duplicates
    NEAR = "near"  # near-duplicate (syndicated copy) -> duplicates
    STALE_VERSION = "stale_version"  # older version arriving late -> duplicates
    KILLED = "killed"  # a copy of a story that was killed -> duplicates
    KILL = "kill"  # pubstatus canceled/withheld -> enriched as a kill record + tombstone
    HELD = "held"  # embargoed: held in state, released later


class DedupeResult(_Model):
    status: Annotated[DedupeStatus, AS_STR]
    cluster_id: str = Field(description="article_id of the first-seen article of the cluster")
    duplicate_of: str | None = Field(None, description="article_id of the matching article")
    similarity: float | None = Field(None, ge=0.0, le=1.0)
    supersedes: str | None = Field(None, description="article_id of the version this replaces")
    reason: str | None = Field(None, description="Short human-readable explanation")

    @property
    def is_duplicate(self) -> bool:
        return self.status in {
            DedupeStatus.EXACT,
            DedupeStatus.NEAR,
            DedupeStatus.STALE_VERSION,
            DedupeStatus.KILLED,
        }


# --------------------------------------------------------------------------- tagging


class TextField(StrEnum):
    HEADLINE = "headline"
    BODY = "body"


class Span(_Model):
    """A slice of one article field; ``getattr(article, field)[start:end] == text``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    field: Annotated[TextField, AS_STR] = TextField.BODY


class ActorType(StrEnum):
    PERSON = "person"
    GOVERNMENT = "government"
    MILITARY = "military"
    ORGANISATION = "organisation"
    IGO = "igo"
    NGO = "ngo"
    COMPANY = "company"
    ARMED_GROUP = "armed_group"
    PARTY = "party"
    COUNTRY = "country"
    PLACE = "place"


class ActorTag(_Model):
    actor_id: str = Field(description="Stable canonical id (slug or Wikidata QID)")
    name: str = Field(description="Canonical name")
    type: Annotated[ActorType, AS_STR]
    country: str | None = Field(None, description="ISO 3166 alpha-3, or IGO/NGO/MNC as CAMEO does")
    role: str | None = Field(None, description="CAMEO role/sector code: GOV, MIL, ELI, ...")
    office: str | None = Field(None, description="Office held at the article date, e.g. 'head_of_government'")
    code: str | None = Field(None, description="CAMEO-style actor code, e.g. GBRGOV, IGOUNO")
    mentions: list[Span]
    confidence: float = Field(ge=0.0, le=1.0)


class PloverType(StrEnum):
    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class EventTag(_Model):
    event_type: Annotated[PloverType, AS_STR]
    quad_class: int = Field(ge=1, le=4, description="PLOVER quad class")
    cameo_root: str = Field(pattern=r"^(0[1-9]|1[0-9]|20)$")
    cameo_code: str | None = Field(None, pattern=r"^[0-9]{2,4}$")
    source: list[str] = Field(description="actor_id of each source actor (compound actors: several)")
    target: list[str] = Field(description="actor_id of each target actor")
    trigger: Span
    sentence: Span
    negated: bool = False
    modality: str | None = Field(None, description="e.g. 'intent', 'threat', 'request', 'future'; None = asserted")
    confidence: float = Field(ge=0.0, le=1.0)
    rule_id: str


class Tags(_Model):
    actors: list[ActorTag] = Field(default_factory=list)
    events: list[EventTag] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list, description="IPTC Media Topic codes, top level")
    versions: dict[str, str] = Field(
        default_factory=dict, description="Version of every taxonomy/rule set that produced these tags"
    )


# --------------------------------------------------------------------------- outputs


class EnrichedRecord(_Model):
    """Value of ``wire.enriched`` and of routed topics with ``payload: record``: keyed by ``story_id``."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    story_id: str
    article: Article
    dedupe: DedupeResult
    tags: Tags
    routes: list[str] = Field(default_factory=list, description="Topics this record was routed to")
    provenance: Provenance


class EventsRecord(_Model):
    """Value of a per-event-type topic (``wire.events.<type>``, routes with ``payload: events``).

    Who did what to whom in one story version: the asserted events of one PLOVER type and the actors
    they name, with enough of the article to read them (headline, language, dates) but not its body
    or its other tags. A full record copied to every event topic an article touches multiplied the
    bytes each article costs the producer, the broker and every consumer by the number of types
    (≈ 12× for a 2 KB news article); consumers that need the whole article read ``wire.enriched``
    with the same key (``story_id``). Spans in ``events``/``actors`` index that record's fields.
    """

    schema_version: Literal["1"] = SCHEMA_VERSION
    story_id: str
    article_id: str
    version: int | None = None
    headline: str
    language: str
    published: datetime | None = None
    event_type: Annotated[PloverType, AS_STR]
    events: list[EventTag] = Field(description="The article's events of this type that are not negated")
    actors: list[ActorTag] = Field(description="The actor tags the events name as source or target")
    topics: list[str] = Field(default_factory=list, description="IPTC Media Topic codes of the article")
    dedupe: DedupeResult
    versions: dict[str, str] = Field(default_factory=dict, description="As in the full record's tags")
    provenance: Provenance


class DuplicateRecord(_Model):
    """Value of ``wire.duplicates``: which article this one duplicates and how closely."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    article_id: str
    story_id: str
    headline: str
    content_hash: str
    dedupe: DedupeResult
    provenance: Provenance


class Stage(StrEnum):
    DECODE = "decode"
    NORMALISE = "normalise"
    DEDUPE = "dedupe"
    TAG = "tag"
    ROUTE = "route"


class DeadLetter(_Model):
    """Value of ``wire.deadletter``. The same context also travels as Connect-style headers."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    stage: Stage
    reason: str = Field(description="Machine-readable reason code, e.g. 'invalid_json'")
    message: str = Field(description="Short human-readable explanation (no secrets, no full payload)")
    exception_class: str | None = None
    original_value_b64: str = Field(description="The input bytes, base64, exactly as received")
    original_key_b64: str | None = None
    original_headers: dict[str, str] = Field(default_factory=dict)
    provenance: Provenance


class NormalisedEnvelope(_Model):
    """Value of the internal ``wire.normalised`` topic: the article repartitioned for dedupe.

    It carries the input's original bytes so that a later stage can still dead-letter the input
    exactly as it arrived (replayable), and its provenance so outputs match input offsets.
    """

    schema_version: Literal["1"] = SCHEMA_VERSION
    article: Article
    provenance: Provenance
    original_value_b64: str
    original_key_b64: str | None = None
    original_headers: dict[str, str] = Field(default_factory=dict)


class DedupedEnvelope(NormalisedEnvelope):
    """Value of the internal ``wire.deduplicated`` topic: an article dedupe let through, keyed by story.

    Dedupe decides on one sequencer partition (see ``docs/dedupe.md``); tagging, the expensive
    stage, runs after this repartition by ``story_id`` on every partition and worker.
    """

    dedupe: DedupeResult
