"""Which format is this? Cheap sniffing on the first non-blank characters.

Precedence: ``settings.forced_format`` > the input's ``content_type`` (when it names a format we
know; a generic or unknown type falls through to sniffing) > sniffing:

* ``{"``/``{'``/``{}`` -> JSON (ninjs vs plain JSON is decided after parsing, by its keys);
* ``[`` followed by what can start a JSON value -> JSON (then rejected as ``wrong_type``). Wire
  copy that merely starts with a bracket ("[UPDATE 1] ...", "{Editor's note} ...") stays text;
* ``<!doctype html``/``<html`` -> HTML; ``<?xml``/``<!DOCTYPE``/``<newsItem``/``<newsMessage`` ->
  XML (NewsML-G2, else ``unknown_format``); any other ``<`` -> HTML fragment;
* everything else -> plain text.
"""

from __future__ import annotations

import re
from enum import StrEnum

from . import reasons as r


class Family(StrEnum):
    """Parsers, one level coarser than SourceFormat (ninjs vs plain JSON needs the keys)."""

    JSON = "json"  # auto: ninjs or plain
    NINJS = "ninjs"
    PLAIN_JSON = "plain_json"
    XML = "xml"
    HTML = "html"
    TEXT = "text"


_FORCED = {
    "ninjs": Family.NINJS,
    "json": Family.PLAIN_JSON,
    "newsml": Family.XML,
    "xml": Family.XML,
    "html": Family.HTML,
    "text": Family.TEXT,
}
_CONTENT_TYPES = {
    "application/ninjs+json": Family.NINJS,
    "application/vnd.iptc.ninjs+json": Family.NINJS,
    "application/json": Family.JSON,
    "text/json": Family.JSON,
    "application/vnd.iptc.g2.newsitem+xml": Family.XML,
    "application/vnd.iptc.g2.newsmessage+xml": Family.XML,
    "application/xml": Family.XML,
    "text/xml": Family.XML,
    "text/html": Family.HTML,
    "application/xhtml+xml": Family.HTML,
    "text/plain": Family.TEXT,
}


def forced_family(name: str) -> Family:
    family = _FORCED.get(name.strip().lower())
    if family is None:
        r.reject(r.UNKNOWN_FORMAT, f"forced_format {name[:40]!r} is not one of {sorted(_FORCED)}")
    return family


def family_from_content_type(content_type: str | None) -> Family | None:
    if not content_type:
        return None
    base = content_type.split(";", 1)[0].strip().lower()
    return _CONTENT_TYPES.get(base) or _FORCED.get(base)


_JSON_START = re.compile(r"""\{\s*["'}]|\[\s*(?:[\[{"\]\d-]|true|false|null)""")


def sniff(text: str) -> Family:
    head = text[:1024].lstrip()
    if not head:
        return Family.TEXT
    first = head[0]
    if first in "{[":
        return Family.JSON if _JSON_START.match(head) else Family.TEXT
    if first != "<":
        return Family.TEXT
    lowered = head[:512].lower()
    if lowered.startswith(("<!doctype html", "<html")):
        return Family.HTML
    if lowered.startswith(("<?xml", "<!doctype", "<newsitem", "<newsmessage")) or (
        "<newsitem" in lowered or "<newsmessage" in lowered
    ):
        return Family.XML
    return Family.HTML
