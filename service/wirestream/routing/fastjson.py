"""The JSON bytes pydantic writes for an output model, serialised by orjson.

Why: an enriched record is ≈ 22 KB of JSON per 2 KB article, ≈ 150 nested models (every span, tag
and block), and pydantic-core's serializer took ≈ 140 µs of the route stage's ≈ 300 per article;
orjson walking the models' own ``__dict__`` takes ≈ 60-70 % of that (``bench/README.md``).

Why the bytes are the same: a pydantic model keeps its field values in ``__dict__`` in field order
(validation, ``model_construct`` and ``model_copy`` write it so, and so do the taggers' trusted
builders: the tests compare their output), and for the value types these models hold, orjson and
pydantic-core write identical JSON: strings (the same escapes, UTF-8 left unescaped), floats (the
shortest repr that reads back), ISO 8601 datetimes (``Z`` for UTC with ``OPT_UTC_Z``), ``StrEnum``
members (their value), lists and ``dict[str, str]``. They differ only where pydantic coerces: it
writes an ``int`` held by a ``float`` field as ``1.0`` and a ``bool`` held by an ``int`` field as
``1`` (possible only in a model built without validation), and it skips ``__dict__`` entries that
are not fields. So every model is checked as orjson meets it: exactly one of the classes below, as
many entries as fields, each ``int``/``float``/``bool``/``datetime`` field of exactly that type (or
``None`` where optional) and each datetime's tzinfo a ``datetime.timezone``. Anything else — another
class or a subclass, a value orjson cannot write (an integer beyond 64 bits, a lone surrogate) —
makes orjson raise, and :func:`dump` gives pydantic's bytes instead: the same output, only slower.

Which classes: those of :data:`MODELS` whose fields all have types from that list, checked at import
(:func:`plain_fields`), so a field added later with another type (bytes, a timedelta, a custom
serializer or alias) only sends its model down pydantic's path; ``tests/core/test_fastjson.py``
checks that every listed model qualifies and compares the bytes with pydantic's on awkward values.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import datetime, timezone
from enum import StrEnum
from typing import Any

import orjson
from pydantic import BaseModel, Field

from ..models import (
    AS_STR,
    ActorTag,
    Article,
    Block,
    Dateline,
    DedupedEnvelope,
    DedupeResult,
    DuplicateRecord,
    EnrichedRecord,
    EventsRecord,
    EventTag,
    NormalisedEnvelope,
    Provenance,
    Span,
    Subject,
    Tags,
)

# The output models (and what they hold), most numerous first: the generated check tests the
# classes in this order.
MODELS: tuple[type[BaseModel], ...] = (
    Span,
    ActorTag,
    EventTag,
    Block,
    Subject,
    Dateline,
    Article,
    DedupeResult,
    Tags,
    Provenance,
    EnrichedRecord,
    EventsRecord,
    DuplicateRecord,
    NormalisedEnvelope,
    DedupedEnvelope,
)
# Validation-only metadata (annotated_types.Ge, Le, ... and pydantic's holder of pattern/strict all
# derive from annotated_types.BaseMetadata), taken from a Field: annotated_types is pydantic's
# dependency, not one of ours.
_CONSTRAINT: type = next(c for c in type(Field(ge=0).metadata[0]).__mro__ if c.__name__ == "BaseMetadata")
_CHECKED = (int, float, bool, datetime)  # the types pydantic would coerce, or orjson may write otherwise
_OPTIONS = orjson.OPT_UTC_Z


def _plain_type(tp: Any, models: frozenset[type]) -> bool:
    """Whether orjson writes values of annotation ``tp`` as pydantic does (see the module docstring)."""
    if tp in (str, int, float, bool, datetime, type(None)) or tp in models:
        return True
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return True
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        return all(type(a) is str for a in args)
    if origin is typing.Union or origin is types.UnionType:
        return all(_plain_type(a, models) for a in args)
    if origin is list:
        return _plain_type(args[0], models)
    if origin is dict:
        return args[0] is str and _plain_type(args[1], models)
    return False


def plain_fields(cls: type[BaseModel], models: frozenset[type]) -> bool:
    """Whether ``cls`` serialises by its fields' values alone, each of a type orjson writes alike:
    no aliases, excluded fields, computed fields or custom serializers, no metadata but constraints,
    no extra fields (pydantic writes those from ``__pydantic_extra__``, not ``__dict__``)."""
    decorators = cls.__pydantic_decorators__
    if decorators.field_serializers or decorators.model_serializers or cls.model_computed_fields:
        return False
    config = cls.model_config
    if config.get("extra") == "allow" or config.get("json_encoders"):
        return False
    if config.get("ser_json_inf_nan", "null") != "null":
        return False
    for f in cls.model_fields.values():
        if f.alias is not None or f.serialization_alias is not None or f.exclude:
            return False
        if getattr(f, "exclude_if", None) is not None:  # pydantic >= 2.11
            return False
        if not all(m is AS_STR or isinstance(m, _CONSTRAINT) for m in f.metadata):
            return False
        if not _plain_type(f.annotation, models):
            return False
    return True


def _checked(tp: Any) -> tuple[type, bool] | None:
    """(type, optional) of a field whose value's exact type is checked, else ``None``."""
    args = typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else (tp,)
    base = [a for a in args if a is not type(None)]
    if len(base) == 1 and base[0] in _CHECKED:
        return base[0], len(base) < len(args)
    return None


def _source(classes: list[type[BaseModel]]) -> str:
    """The ``default`` hook for orjson, as Python source: one branch per class, its checks inlined.

    Generated rather than a loop over a table of checks: the loop cost more than orjson saves
    (measured 129 vs 101 µs per 2 KB article; pydantic 146), this runs for every nested model."""
    lines = ["def fields(o):", " t = type(o)"]
    for i, cls in enumerate(classes):
        conds = [f"len(d) == {len(cls.model_fields)}"]
        for name, f in cls.model_fields.items():
            checked = _checked(f.annotation)
            if checked is None:
                continue
            tp, optional = checked
            v = f"d[{name!r}]"
            cond = f"type({v}) is {tp.__name__}"
            if tp is datetime:
                cond = f"({cond} and ({v}.tzinfo is None or type({v}.tzinfo) is timezone))"
            conds.append(f"({cond} or {v} is None)" if optional else cond)
        lines += [
            f" {'if' if i == 0 else 'elif'} t is C{i}:",
            "  d = o.__dict__",
            f"  if {' and '.join(conds)}:",
            "   return d",
        ]
    lines.append(" raise TypeError(f'not written by orjson: {t.__name__}')")
    return "\n".join(lines) + "\n"


def _build(models: tuple[type[BaseModel], ...]) -> Callable[[object], dict[str, Any]]:
    known = frozenset(models)
    classes = [c for c in models if plain_fields(c, known)]
    namespace: dict[str, Any] = {f"C{i}": c for i, c in enumerate(classes)}
    namespace.update(datetime=datetime, timezone=timezone, int=int, float=float, bool=bool)
    exec(compile(_source(classes), "<wirestream.routing.fastjson>", "exec"), namespace)
    fields: Callable[[object], dict[str, Any]] = namespace["fields"]
    fields.qualified = tuple(classes)  # type: ignore[attr-defined]  # what the tests read
    return fields


_fields = _build(MODELS)
QUALIFIED: tuple[type[BaseModel], ...] = _fields.qualified  # type: ignore[attr-defined]


def dump(model: BaseModel) -> bytes:
    """``model.model_dump_json().encode()``: orjson's bytes where the checks pass, else pydantic's."""
    try:
        return orjson.dumps(model, default=_fields, option=_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return type(model).__pydantic_serializer__.to_json(model)
