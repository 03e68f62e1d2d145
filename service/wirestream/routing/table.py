"""The routing table model, its loader and the pure routing function."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..models import EnrichedRecord, PloverType, Tags

DEFAULT_ROUTING_FILE = Path(__file__).with_name("data") / "routing.yaml"


class Conditions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    event_type: list[PloverType] | None = None
    actor_country: list[str] | None = None
    iptc_topic: list[str] | None = None
    language: list[str] | None = None


class Route(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    topic: str | None = Field(None, pattern=r"^[A-Za-z0-9._-]{1,200}$")
    topic_template: str | None = None
    per: Literal["event_type"] | None = None
    when: Conditions = Conditions()
    partitions: int | None = Field(None, ge=1, le=1000)
    # "record": the whole enriched record; "events": only that topic's event type, with the actors it
    # names (models.EventsRecord) — what an event-type consumer reads, at a fraction of the bytes
    payload: Literal["record", "events"] = "record"

    @model_validator(mode="after")
    def _one_target(self) -> Route:
        if (self.topic is None) == (self.topic_template is None):
            raise ValueError(f"route {self.name!r}: give exactly one of 'topic' or 'topic_template'")
        if self.topic_template is not None and (self.per is None or "{event_type}" not in self.topic_template):
            raise ValueError(f"route {self.name!r}: topic_template needs per: event_type and {{event_type}}")
        if self.payload == "events" and self.per != "event_type":
            raise ValueError(f"route {self.name!r}: payload: events needs per: event_type (one type per topic)")
        return self

    def topics(self) -> list[str]:
        """Every topic this route can write to (for ``wirestream topics create``)."""
        if self.topic is not None:
            return [self.topic]
        assert self.topic_template is not None
        return [self.topic_template.format(event_type=t.value.lower()) for t in PloverType]


class RoutingTable(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    default_partitions: int = Field(4, ge=1, le=1000)
    routes: list[Route]

    def topic_partitions(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.routes:
            for t in r.topics():
                out[t] = r.partitions or self.default_partitions
        return out


class RoutingError(ValueError):
    """The routing file is missing or invalid; the message names the file and the problem."""


def load_routing(path: Path | None = None) -> RoutingTable:
    path = path or DEFAULT_ROUTING_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return RoutingTable.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise RoutingError(f"invalid routing file {path}: {exc}") from exc


class _Facts:
    """What the conditions read from one record, each computed once and only when a route asks."""

    __slots__ = ("_countries", "_event_types", "language", "tags")

    def __init__(self, tags: Tags, language: str) -> None:
        self.tags = tags
        self.language = language
        self._event_types: set[PloverType] | None = None
        self._countries: set[str | None] | None = None

    @property
    def event_types(self) -> set[PloverType]:
        if self._event_types is None:
            self._event_types = {e.event_type for e in self.tags.events}
        return self._event_types

    @property
    def countries(self) -> set[str | None]:
        if self._countries is None:
            self._countries = {a.country for a in self.tags.actors}
        return self._countries


def _matches(c: Conditions, facts: _Facts) -> bool:
    if c.event_type is not None and facts.event_types.isdisjoint(c.event_type):
        return False
    if c.actor_country is not None and facts.countries.isdisjoint(c.actor_country):
        return False
    if c.iptc_topic is not None and set(facts.tags.topics).isdisjoint(c.iptc_topic):
        return False
    return c.language is None or facts.language in c.language


@dataclass(frozen=True)
class Destination:
    """One extra topic a record goes to, and what it carries there."""

    topic: str
    events_of: PloverType | None = None  # set: only this type's events (payload "events"); None: the record


def route_enriched(record: EnrichedRecord, table: RoutingTable) -> list[Destination]:
    """The extra topics ``record`` goes to (the all-enriched topic is added by the caller), each once.

    When two routes name the same topic, the first route in the file decides its payload.
    """
    return route_tags(record.tags, record.article.language, table)


def route_tags(tags: Tags, language: str, table: RoutingTable) -> list[Destination]:
    """:func:`route_enriched` from what it reads of the record: its tags and its article's language
    (so the pipeline builds the record once, with its routes, instead of building it and copying it)."""
    facts = _Facts(tags, language)
    out: dict[str, Destination] = {}
    asserted: list[PloverType] | None = None
    for r in table.routes:
        if not _matches(r.when, facts):
            continue
        if r.topic is not None:
            if r.topic not in out:
                out[r.topic] = _destination(r.topic, None)
            continue
        assert r.topic_template is not None
        if asserted is None:
            # each asserted type once, in order of first appearance (~20 events of ~9 types per article)
            asserted = list(dict.fromkeys([e.event_type for e in tags.events if not e.negated]))
        for t in asserted:
            topic = _event_topic(r.topic_template, t)
            if topic not in out:
                out[topic] = _destination(topic, t if r.payload == "events" else None)
    return list(out.values())


@functools.lru_cache(maxsize=4096)
def _destination(topic: str, events_of: PloverType | None) -> Destination:
    """Destinations are immutable: one object per (topic, payload), not ~11 new ones per article."""
    return Destination(topic, events_of)


@functools.lru_cache(maxsize=1024)
def _event_topic(template: str, event_type: PloverType) -> str:
    return template.format(event_type=event_type.value.lower())
