"""Bytes to text, before any parsing.

Order matters: the size limit is checked on the raw bytes first so a 20 MB payload costs nothing.
Byte-order marks win over everything (wire systems on Windows still emit UTF-16 with a BOM); without
one we insist on strict UTF-8, because guessing a legacy charset silently corrupts names.

NUL bytes: stray NULs (C-string artefacts of old wire systems) are stripped; when they are more than
10 % of the payload the input is UTF-16/32 without a BOM or binary, and we reject it rather than
"repair" it into garbage.
"""

from __future__ import annotations

import codecs
import re

from . import reasons as r

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_FIRST_BYTES = frozenset(bom[:1] for bom, _ in _BOMS)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
_NUL_REJECT_RATIO = 0.10
# Charsets (None: none given) decoded as UTF-8; the pipeline's JSON shortcut uses the same set.
UTF8_CHARSETS = frozenset({None, "utf-8", "utf8", "us-ascii", "ascii"})


def charset_of(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a content type, lower-cased; None when absent."""
    if not content_type or "charset=" not in content_type.lower():
        return None
    value = content_type.lower().split("charset=", 1)[1].split(";", 1)[0].strip().strip("\"'")
    return value or None


def decode(data: bytes, max_bytes: int, content_type: str | None = None) -> str:
    """Return the payload as ``str`` or raise a Rejection (too_large, invalid_utf8, ...)."""
    if len(data) > max_bytes:
        r.reject(r.TOO_LARGE, f"{len(data)} bytes > max_bytes={max_bytes}")
    for bom, codec in _BOMS if data[:1] in _BOM_FIRST_BYTES else ():
        if data.startswith(bom):
            try:
                return _strip_nul(data[len(bom) :].decode(codec))
            except UnicodeDecodeError as exc:
                r.reject(r.INVALID_ENCODING, f"{codec} BOM but undecodable: {exc.reason}")
    if b"\x00" in data:
        if data.count(b"\x00") > len(data) * _NUL_REJECT_RATIO:
            r.reject(r.BINARY_CONTENT, "too many NUL bytes (UTF-16 without BOM, or binary)")
        data = data.replace(b"\x00", b"")
    charset = charset_of(content_type)
    if charset is None or charset in UTF8_CHARSETS:  # (None first: mypy narrows on it)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            declared = _XML_ENCODING.match(data)
            if declared is None:
                r.reject(r.INVALID_UTF8, f"invalid UTF-8 at byte {exc.start}")
            charset = declared.group(1).decode("ascii").lower()
    return _decode_declared(data, charset)


def _decode_declared(data: bytes, charset: str) -> str:
    try:
        codecs.lookup(charset)
    except LookupError:
        r.reject(r.INVALID_ENCODING, f"unknown charset {charset[:40]!r}")
    try:
        return _strip_nul(data.decode(charset))
    except UnicodeDecodeError as exc:
        r.reject(r.INVALID_ENCODING, f"not valid {charset}: {exc.reason}")


def _strip_nul(text: str) -> str:
    if "\x00" not in text:
        return text
    if text.count("\x00") > len(text) * _NUL_REJECT_RATIO:
        r.reject(r.BINARY_CONTENT, "too many NUL characters")
    return text.replace("\x00", "")
