"""Typed access to untrusted JSON objects.

Every value an extractor reads goes through one of these, so a wrong type anywhere becomes
``wrong_type`` naming the field instead of an ``AttributeError`` deep in the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from wirestream.models import PubStatus

from . import reasons as r

JsonObject = Mapping[str, Any]

_MAX_ID_CHARS = 512
_PUBSTATUS = {
    "usable": PubStatus.USABLE,
    "withheld": PubStatus.WITHHELD,
    "canceled": PubStatus.CANCELED,
    "cancelled": PubStatus.CANCELED,
}


def lower_keys(obj: JsonObject) -> dict[str, Any]:
    """ninjs 3 renamed ``versioncreated`` to ``versionCreated`` etc.; lower-casing the top-level
    keys lets one mapping read 1.x, 2.x and 3.x (and camelCase plain JSON)."""
    return {k.lower(): v for k, v in obj.items()}


def first_key(obj: JsonObject, keys: Iterable[str]) -> tuple[str, Any] | None:
    """The first of ``keys`` present with a non-null value."""
    for key in keys:
        value = obj.get(key)
        if value is not None:
            return key, value
    return None


def opt_str(obj: JsonObject, key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        r.reject(r.WRONG_TYPE, f"field {key!r} must be a string, got {type(value).__name__}")
    return value


def first_str(obj: JsonObject, keys: Iterable[str]) -> str | None:
    found = first_key(obj, keys)
    if found is None:
        return None
    return opt_str(obj, found[0])


def as_id(value: Any, key: str) -> str | None:
    """Agency ids: strings, or integers (some CMSes send numeric ids); never bools/objects."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        r.reject(r.WRONG_TYPE, f"field {key!r} must be a string id, got {type(value).__name__}")
    text = str(value).strip()
    if len(text) > _MAX_ID_CHARS:
        r.reject(r.INVALID_VALUE, f"field {key!r} longer than {_MAX_ID_CHARS} characters")
    return text or None


def as_version(value: Any, key: str = "version") -> int | None:
    """ninjs sends ``"version": "2"``; accept ints and digit strings, nothing else."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        r.reject(r.WRONG_TYPE, f"field {key!r} must be an integer")
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 9:
        number = int(value.strip())
    elif isinstance(value, str):
        r.reject(r.INVALID_VALUE, f"field {key!r} is not a version number")
    else:
        r.reject(r.WRONG_TYPE, f"field {key!r} must be an integer, got {type(value).__name__}")
    if number < 0 or number > 999_999_999:
        r.reject(r.INVALID_VALUE, f"field {key!r} out of range")
    return number


def as_pubstatus(value: Any, key: str = "pubstatus") -> PubStatus:
    """``usable``/``withheld``/``canceled`` (NewsML ``stat:`` qcodes and British spelling too)."""
    if value is None:
        return PubStatus.USABLE
    if not isinstance(value, str):
        r.reject(r.WRONG_TYPE, f"field {key!r} must be a string")
    code = value.strip().lower().rsplit(":", 1)[-1]
    status = _PUBSTATUS.get(code)
    if status is None:
        r.reject(r.INVALID_VALUE, f"field {key!r}: unknown pubstatus")
    return status


def as_language(value: Any, key: str = "language") -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        r.reject(r.WRONG_TYPE, f"field {key!r} must be a string")
    text = value.strip()
    if len(text) > 35:
        r.reject(r.INVALID_VALUE, f"field {key!r} is not a language tag")
    return text or None


def as_list(value: Any, key: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        r.reject(r.WRONG_TYPE, f"field {key!r} must be a list, got {type(value).__name__}")
    return value


def as_object(value: Any, key: str) -> JsonObject:
    if not isinstance(value, dict):
        r.reject(r.WRONG_TYPE, f"field {key!r} must be an object, got {type(value).__name__}")
    return value
