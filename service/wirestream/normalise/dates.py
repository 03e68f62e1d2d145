"""Timestamps: parse, attach a zone, convert to UTC, sanity-check the range.

ISO 8601 (what ninjs and NewsML send) goes through ``datetime.fromisoformat`` (C-fast, Python 3.11
accepts ``Z``); anything else (RFC 2822 from RSS-ish JSON, "4 July 2025 10:00 BST") falls back to
dateutil. The fallback is strict on purpose: it needs a four-digit year (dateutil would otherwise
turn "4" into the 4th of the current month), the string must be short, and a numeric offset plus a
different zone name ("+02:00 EST") is rejected as ambiguous rather than guessed.

Naive times are in ``settings.source_timezone``. Dates before ``min_year`` or more than
``max_future_days`` ahead are ``date_out_of_range`` (a 1970 epoch-zero or a year-9999 placeholder
would otherwise poison dedupe windows and routing).
"""

from __future__ import annotations

import re
import time
import warnings
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dateutil import parser as du_parser

from wirestream.settings import NormaliseSettings

from . import reasons as r

_MAX_DATE_CHARS = 64
_YEAR4 = re.compile(r"(?<!\d)\d{4}(?!\d)")
_LEADING_YEAR = re.compile(r"^\s*[+-]?(\d{1,6})-\d")
_OFFSET = re.compile(r"\d[+-]\d{2}:?\d{2}\b")
_ZONE_NAME = re.compile(r"\b(?!UTC\b|GMT\b|Z\b)[A-Z]{3,5}\b")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_LINE_MAX_CHARS = 48
_SEPARATORS = str.maketrans("|·•", "   ")
_DATE_LINE_LABEL = re.compile(r"^(?:last\s+)?(?:published|updated|posted|modified)(?:\s+on)?\s*:?\s*", re.I)


@lru_cache(maxsize=32)
def _zone(name: str) -> tzinfo:
    return UTC if name.upper() == "UTC" else ZoneInfo(name)


def parse_datetime(value: Any, field: str, settings: NormaliseSettings) -> datetime | None:
    """Parse an agency timestamp into aware UTC, or raise wrong_type/invalid_date/out_of_range."""
    if value is None or value == "":
        return None
    if type(value) is not str:  # (a str, the usual case, skips the three type tests)
        if isinstance(value, bool):
            r.reject(r.WRONG_TYPE, f"field {field!r} must be a date string")
        if isinstance(value, int | float):
            return check_range(_from_epoch(value, field), field, settings)
        if not isinstance(value, str):
            r.reject(r.WRONG_TYPE, f"field {field!r} must be a date string, got {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    if len(text) > _MAX_DATE_CHARS:
        r.reject(r.INVALID_DATE, f"field {field!r}: date string too long")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = _parse_loose(text, field)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_zone(settings.source_timezone))
    try:
        parsed = parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        r.reject(r.DATE_OUT_OF_RANGE, f"field {field!r}: date out of range")
    return check_range(parsed, field, settings)


def parse_date_marker(text: str, settings: NormaliseSettings) -> datetime:
    """The plain-text ``date 2025-07-04`` marker: midnight in the source timezone."""
    if not _DATE_ONLY.match(text):
        r.reject(r.INVALID_DATE, "date marker is not YYYY-MM-DD")
    result = parse_datetime(text, "date", settings)
    assert result is not None
    return result


def check_range(when: datetime, field: str, settings: NormaliseSettings) -> datetime:
    # POSIX timestamps instead of now() + timedelta: same test, a third of the cost (runs per date field)
    latest = time.time() + settings.max_future_days * 86_400
    if when.year < settings.min_year or when.timestamp() > latest:
        r.reject(r.DATE_OUT_OF_RANGE, f"field {field!r}: {when.year} outside accepted range")
    return when


def _from_epoch(value: float, field: str) -> datetime:
    seconds = value / 1000 if abs(value) >= 100_000_000_000 else value  # milliseconds
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        r.reject(r.DATE_OUT_OF_RANGE, f"field {field!r}: epoch value out of range")


def _parse_loose(text: str, field: str) -> datetime:
    leading = _LEADING_YEAR.match(text)
    if leading is not None and not 1 <= int(leading.group(1)) <= 9999:
        r.reject(r.DATE_OUT_OF_RANGE, f"field {field!r}: year {leading.group(1)} out of range")
    if _YEAR4.search(text) is None:
        r.reject(r.INVALID_DATE, f"field {field!r}: no four-digit year")
    if _OFFSET.search(text) is not None and _ZONE_NAME.search(text) is not None:
        r.reject(r.INVALID_DATE, f"field {field!r}: both a UTC offset and a zone name")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return du_parser.parse(text)
    except (ValueError, OverflowError) as exc:
        if "out of range" in str(exc):
            r.reject(r.DATE_OUT_OF_RANGE, f"field {field!r}: date out of range")
        r.reject(r.INVALID_DATE, f"field {field!r}: unparseable date")


def is_date_line(text: str) -> bool:
    """A line that is only a date (and time): a page's ``<time>`` text above the lede ("November 20,
    2025"), "Updated: 20 Nov 2025 08:30 GMT". Short, with a four-digit year, and parsed by dateutil
    without fuzzy matching, so a line with any other word in it (a sentence, a headline) is not one."""
    if len(text) > _DATE_LINE_MAX_CHARS or _YEAR4.search(text) is None:
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            du_parser.parse(_DATE_LINE_LABEL.sub("", text).translate(_SEPARATORS).strip(" -–—"))
    except (ValueError, OverflowError):
        return False
    return True
