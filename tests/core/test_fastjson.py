"""routing.fastjson: orjson's bytes for the output models must be pydantic's, or pydantic's are used."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated
from zoneinfo import ZoneInfo

import orjson
import pytest
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_serializer

from wirestream.models import (
    ActorTag,
    ActorType,
    Article,
    Block,
    BlockKind,
    Dateline,
    DedupeResult,
    DedupeStatus,
    DuplicateRecord,
    EnrichedRecord,
    EventTag,
    PloverType,
    Provenance,
    SourceFormat,
    Span,
    Subject,
    Tags,
    TextField,
)
from wirestream.routing import fastjson
from wirestream.routing.fastjson import QUALIFIED, dump, plain_fields

# awkward text: escapes, control characters, non-ASCII, line separators, markers of the route stage's cuts
TEXTS = ["", "plain", 'q"uote', "back\\slash", "tab\tnl\ncr\r", "\x00\x01\x1f\x7f", "é ü 中文 😀", "\u2028\u2029",
         "</script>", '],"events":[', "\ufeff"]  # fmt: skip
FLOATS = [0.0, 1.0, 0.5, 0.1 + 0.2, 1e-7, 5e-324, 0.999, 1 / 3]
TIMES = [datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
         datetime(1999, 12, 31, 23, 59, 59, 500000, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
         datetime(2026, 7, 1, 12, 0, 0, 1, tzinfo=timezone(timedelta(hours=2))), datetime(2026, 1, 1)]  # fmt: skip


def _record(rng: random.Random) -> EnrichedRecord:
    t = rng.choice
    span = Span(text=t(TEXTS), start=rng.randint(0, 9), end=rng.randint(0, 9), field=t(list(TextField)))
    body = t(TEXTS)
    art = Article(
        article_id=t(TEXTS), story_id=t(TEXTS), version=t([None, 0, 7, 2**40]), version_created=t([None, *TIMES]),
        source_format=t(list(SourceFormat)), headline=t(TEXTS), subheadline=t([None, *TEXTS]),
        dateline=t([None, Dateline(text=t(TEXTS), place=t([None, *TEXTS]))]), body=body,
        blocks=[Block(kind=t(list(BlockKind)), text=body, start=0, end=len(body))] * rng.randint(0, 3),
        boilerplate=[t(TEXTS)] * rng.randint(0, 2), language="en", published=t([None, *TIMES]),
        subjects=[Subject(code=t(TEXTS), name=None, scheme="s")] * rng.randint(0, 2), content_hash="ff",
    )  # fmt: skip
    actors = [
        ActorTag(actor_id=t(TEXTS), name=t(TEXTS), type=t(list(ActorType)), country=t([None, "FRA"]),
                 mentions=[span] * rng.randint(0, 3), confidence=t(FLOATS))
        for _ in range(rng.randint(0, 4))
    ]  # fmt: skip
    events = [
        EventTag(event_type=t(list(PloverType)), quad_class=rng.randint(1, 4), cameo_root="19",
                 cameo_code=t([None, "190"]), source=[t(TEXTS)], target=[], trigger=span, sentence=span,
                 negated=rng.random() < 0.3, modality=t([None, "intent"]), confidence=t(FLOATS), rule_id=t(TEXTS))
        for _ in range(rng.randint(0, 4))
    ]  # fmt: skip
    return EnrichedRecord(
        story_id=art.story_id,
        article=art,
        dedupe=DedupeResult(status=t(list(DedupeStatus)), cluster_id=t(TEXTS), similarity=t([None, *FLOATS])),
        tags=Tags(actors=actors, events=events, topics=[t(TEXTS)], versions={t(TEXTS): t(TEXTS)}),
        routes=[t(TEXTS)],
        provenance=Provenance(topic=t(TEXTS), partition=-1, offset=2**62, timestamp=t([None, *TIMES]),
                              received_at=t(TIMES), processed_at=t([None, *TIMES])),
    )  # fmt: skip


def test_every_output_model_takes_the_orjson_path() -> None:
    """A model left out (a field type the check does not know) still gives the right bytes, but
    slowly: this says so when a model change does that."""
    assert set(QUALIFIED) == set(fastjson.MODELS)


def test_bytes_equal_pydantics_on_awkward_records() -> None:
    rng = random.Random(7)
    for _ in range(400):
        rec = _record(rng)
        assert orjson.dumps(rec, default=fastjson._fields, option=fastjson._OPTIONS) == rec.model_dump_json().encode()
        dup = DuplicateRecord(article_id="a", story_id="s", headline=rec.article.headline, content_hash="h",
                              dedupe=rec.dedupe, provenance=rec.provenance)  # fmt: skip
        assert dump(dup) == dup.model_dump_json().encode()


@pytest.mark.parametrize(
    ("model", "update"),
    [
        (Span(text="x", start=0, end=1), {"start": True}),  # bool held by an int field: pydantic writes 1
        (DedupeResult(status=DedupeStatus.NEAR, cluster_id="c", similarity=0.5), {"similarity": 1}),  # int: 1.0
        (Block(kind=BlockKind.PARAGRAPH, text="x", start=0, end=1), {"extra": 1}),  # not a field: pydantic skips it
        (  # a tzinfo other than datetime.timezone
            Provenance(topic="t", partition=0, offset=0, received_at=TIMES[0]),
            {"received_at": datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/London"))},
        ),
        (Provenance(topic="t", partition=0, offset=0, received_at=TIMES[0]), {"offset": 2**70}),  # beyond orjson
    ],
)
def test_values_pydantic_coerces_or_orjson_refuses_take_pydantics_path(model: BaseModel, update: dict) -> None:
    """Built without validation, a model can hold values that pydantic writes differently from
    orjson; the check sends those to pydantic (and any other class or subclass, below)."""
    odd = model.model_copy(update=update)
    with pytest.raises(TypeError):
        orjson.dumps(odd, default=fastjson._fields, option=fastjson._OPTIONS)
    assert dump(odd) == type(odd).__pydantic_serializer__.to_json(odd)


def test_an_unlisted_class_or_subclass_takes_pydantics_path() -> None:
    class Sub(Span):
        pass

    sub = Sub(text="x", start=0, end=1)
    rec = Tags(actors=[ActorTag(actor_id="a", name="n", type=ActorType.PERSON, mentions=[sub], confidence=1.0)])
    assert dump(rec) == rec.model_dump_json().encode()
    assert dump(sub) == sub.model_dump_json().encode()


def test_models_whose_serialisation_is_not_their_fields_do_not_qualify() -> None:
    class Aliased(BaseModel):
        model_config = ConfigDict(frozen=True)
        a: str = Field(serialization_alias="b")

    class Custom(BaseModel):
        a: int

        @field_serializer("a")
        def _double(self, v: int) -> int:
            return 2 * v

    class Raw(BaseModel):
        a: bytes

    class Annotated_(BaseModel):
        a: Annotated[int, PlainSerializer(str)] = Field(ge=0)

    class Extra(BaseModel):
        model_config = ConfigDict(extra="allow")
        a: int

    odd = (Aliased, Custom, Raw, Annotated_, Extra)
    known = frozenset({*odd, Span})
    assert not any(plain_fields(c, known) for c in odd)
    assert plain_fields(Span, known)


def test_floats_and_times_are_written_alike_across_their_range() -> None:
    """The two libraries format floats and datetimes with their own code: compare many values (a
    dependency upgrade that changed either would show here before it changed a topic's bytes)."""
    rng = random.Random(5)
    values = [rng.random() for _ in range(3000)] + [round(rng.random(), rng.randint(1, 6)) for _ in range(3000)]
    values += [rng.random() * 10.0 ** -rng.randint(0, 300) for _ in range(2000)]
    for v in values:
        m = DedupeResult(status=DedupeStatus.NEAR, cluster_id="c", similarity=min(v, 1.0))
        assert dump(m) == m.model_dump_json().encode(), v
    for _ in range(2000):
        tz = rng.choice([UTC, None, timezone(timedelta(minutes=rng.randint(-1439, 1439)))])
        micro = rng.choice([0, 1, 500000, rng.randint(0, 999999)])
        t = datetime(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                     rng.randint(0, 59), rng.randint(0, 59), micro, tz)  # fmt: skip
        p = Provenance(topic="t", partition=0, offset=0, received_at=t, timestamp=t)
        assert dump(p) == p.model_dump_json().encode(), t
