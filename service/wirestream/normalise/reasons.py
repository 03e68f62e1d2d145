"""Reason codes the normalisation stage can put on a :class:`~wirestream.errors.Rejection`.

They are the dead-letter ``reason`` ops will filter and alert on, so they are stable snake_case
strings, kept in one place so :data:`REASON_CODES` cannot drift from what the code raises.
"""

from __future__ import annotations

from typing import NoReturn

from wirestream.errors import Rejection

TOO_LARGE = "too_large"  # input bytes over settings.max_bytes (checked before any parsing)
INVALID_UTF8 = "invalid_utf8"  # no BOM, not valid UTF-8
INVALID_ENCODING = "invalid_encoding"  # declared charset/BOM present but the bytes do not decode
BINARY_CONTENT = "binary_content"  # mostly NUL/control bytes: not text at all
EMPTY_BODY = "empty_body"  # nothing readable left (whitespace only, HTML without text, ...)
INVALID_JSON = "invalid_json"  # syntax error, truncated document
JSON_TOO_DEEP = "json_too_deep"  # orjson's 1024-level recursion limit
MARKUP_TOO_DEEP = "markup_too_deep"  # HTML/XML elements nested absurdly deep (parser DoS)
TOO_MANY_PARTS = "too_many_parts"  # absurd counts of paragraphs/lines/tags/subjects (see limits)
WRONG_TYPE = "wrong_type"  # a known field has the wrong JSON/XML type
INVALID_VALUE = "invalid_value"  # right type, impossible value (pubstatus "maybe", version -1)
INVALID_DATE = "invalid_date"  # a date string that cannot be parsed unambiguously
DATE_OUT_OF_RANGE = "date_out_of_range"  # before settings.min_year / after now+max_future_days
XML_FORBIDDEN = "xml_forbidden"  # DTD, entity declarations, external references
INVALID_XML = "invalid_xml"  # not well-formed
UNKNOWN_FORMAT = "unknown_format"  # parsed, but not a shape we know (XML root, JSON keys, forced)
HEADLINE_TOO_LONG = "headline_too_long"  # an agency headline over settings.max_headline_chars
INTERNAL_ERROR = "internal_error"  # a bug: an unexpected exception, converted as a last resort

REASON_CODES: frozenset[str] = frozenset(
    {
        TOO_LARGE,
        INVALID_UTF8,
        INVALID_ENCODING,
        BINARY_CONTENT,
        EMPTY_BODY,
        INVALID_JSON,
        JSON_TOO_DEEP,
        MARKUP_TOO_DEEP,
        TOO_MANY_PARTS,
        WRONG_TYPE,
        INVALID_VALUE,
        INVALID_DATE,
        DATE_OUT_OF_RANGE,
        XML_FORBIDDEN,
        INVALID_XML,
        UNKNOWN_FORMAT,
        HEADLINE_TOO_LONG,
        INTERNAL_ERROR,
    }
)


def reject(reason: str, message: str) -> NoReturn:
    """Raise a :class:`Rejection`; messages must stay short and never quote whole payloads."""
    assert reason in REASON_CODES, reason
    raise Rejection(reason, message[:300])
