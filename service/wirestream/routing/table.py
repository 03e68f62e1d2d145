"""The routing table model, its loader and the pure routing function."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..models import EnrichedRecord, PloverType

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


def _matches(c: Conditions, record: EnrichedRecord) -> bool:
    tags = record.tags
    if c.event_type is not None and not {e.event_type for e in tags.events} & set(c.event_type):
        return False
    if c.actor_country is not None and not {a.country for a in tags.actors} & set(c.actor_country):
        return False
    if c.iptc_topic is not None and not set(tags.topics) & set(c.iptc_topic):
        return False
    return c.language is None or record.article.language in c.language


@dataclass(frozen=True)
class Destination:
    """One extra topic a record goes to, and what it carries there."""

    topic: str
    events_of: PloverType | None = None  # set: only this type's events (payload "events"); None: the record


def route_enriched(record: EnrichedRecord, table: RoutingTable) -> list[Destination]:
    """The extra topics ``record`` goes to (the all-enriched topic is added by the caller), each once.

    When two routes name the same topic, the first route in the file decides its payload.
    """
    out: dict[str, Destination] = {}
    for r in table.routes:
        if not _matches(r.when, record):
            continue
        if r.topic is not None:
            out.setdefault(r.topic, Destination(r.topic))
            continue
        assert r.topic_template is not None
        # each asserted type once, in order of first appearance (~20 events of ~9 types per article)
        for t in dict.fromkeys(e.event_type for e in record.tags.events if not e.negated):
            topic = _event_topic(r.topic_template, t)
            out.setdefault(topic, Destination(topic, t if r.payload == "events" else None))
    return list(out.values())


@functools.lru_cache(maxsize=1024)
def _event_topic(template: str, event_type: PloverType) -> str:
    return template.format(event_type=event_type.value.lower())
