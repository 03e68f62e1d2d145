"""IPTC NewsML-G2 ``newsItem`` (bare, or the first item of a ``newsMessage``).

Parsed with defusedxml with DTDs forbidden: NewsML-G2 is defined by XML Schema and never needs a
DOCTYPE, so any DTD, entity declaration or external reference is an attack or a misconfigured
sender (billion laughs, XXE) and is rejected as ``xml_forbidden`` before anything is expanded.

Elements are matched by local name so the NAR namespace version (2006-10-01 and the XHTML
namespace in ``inlineXML``) does not matter. Elements nested deeper than ``MAX_DEPTH`` are rejected
(``markup_too_deep``) before anything walks the tree recursively: real items are ~20 deep, and
ElementTree's serialiser would otherwise hit Python's recursion limit. The body comes from
``inlineXML`` (XHTML, serialised back and handed to the HTML walker) or ``inlineData`` (text).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from wirestream.models import SourceFormat, Subject
from wirestream.settings import NormaliseSettings

from . import fields as f
from . import reasons as r
from .dates import parse_datetime
from .draft import Draft
from .html import html_blocks
from .limits import MAX_MARKUP_TAGS, MAX_SUBJECTS, check_count
from .plaintext import take_byline, text_body_blocks
from .repair import clean_name

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_DEPTH = 256
_SUB_ROLES = ("sub", "subheadline", "hlrole:sub", "hlrole:subheadline", "hlrole:alternate-sub")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag


def _child(parent: ET.Element | None, name: str) -> ET.Element | None:
    if parent is None:
        return None
    for child in parent:
        if isinstance(child.tag, str) and _local(child.tag) == name:
            return child
    return None


def _children(parent: ET.Element | None, name: str) -> Iterator[ET.Element]:
    if parent is None:
        return
    for child in parent:
        if isinstance(child.tag, str) and _local(child.tag) == name:
            yield child


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def _check_depth(root: ET.Element) -> None:
    stack = [(root, 1)]
    elements = 0
    while stack:
        elements += 1
        check_count(elements, MAX_MARKUP_TAGS, "XML elements")
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            r.reject(r.MARKUP_TOO_DEEP, f"XML nested deeper than {MAX_DEPTH} elements")
        stack.extend((child, depth + 1) for child in element)


def parse_xml(text: str) -> ET.Element:
    # defusedxml's parser builds the tree through Python callbacks (~2.5 µs per element), so count
    # tags at C speed first: 180,000 elements would otherwise cost half a second to refuse.
    check_count(text.count("<"), MAX_MARKUP_TAGS, "'<' in XML")
    try:
        root = SafeET.fromstring(text, forbid_dtd=True)
    except DefusedXmlException as exc:
        r.reject(r.XML_FORBIDDEN, f"forbidden XML construct: {type(exc).__name__}")
    except ET.ParseError as exc:
        r.reject(r.INVALID_XML, f"XML not well-formed: {exc}")
    except ValueError as exc:  # e.g. an encoding declaration expat cannot honour for str input
        r.reject(r.INVALID_XML, f"XML not parseable: {exc}")
    _check_depth(root)
    return root


def find_news_item(root: ET.Element) -> ET.Element | None:
    name = _local(root.tag) if isinstance(root.tag, str) else ""
    if name == "newsItem":
        return root
    if name == "newsMessage":
        for item in root.iter():
            if isinstance(item.tag, str) and _local(item.tag) == "newsItem":
                return item
    return None


def _body(item: ET.Element) -> tuple[str | None, bool]:
    content_set = _child(item, "contentSet")
    if content_set is None:
        return None, False
    inline_xml = _child(content_set, "inlineXML")
    if inline_xml is not None:
        for element in inline_xml.iter():  # ns0:p -> p, so the HTML walker recognises it
            if isinstance(element.tag, str):
                element.tag = _local(element.tag)
        markup = "".join(ET.tostring(child, encoding="unicode") for child in inline_xml)
        return markup or (inline_xml.text or ""), True
    inline_data = _child(content_set, "inlineData")
    if inline_data is not None:
        return inline_data.text or "", False
    return None, False


def extract_newsml(item: ET.Element, settings: NormaliseSettings) -> Draft:
    draft = Draft(source_format=SourceFormat.NEWSML)
    item_meta = _child(item, "itemMeta")
    content_meta = _child(item, "contentMeta")
    draft.agency_id = f.as_id(item.get("guid"), "guid")
    draft.version = f.as_version(item.get("version"))
    status = _child(item_meta, "pubStatus")
    draft.pubstatus = f.as_pubstatus(status.get("qcode") if status is not None else None)
    draft.version_created = parse_datetime(_text(_child(item_meta, "versionCreated")), "versionCreated", settings)
    draft.embargoed = parse_datetime(_text(_child(item_meta, "embargoed")), "embargoed", settings)
    first = parse_datetime(_text(_child(item_meta, "firstCreated")), "firstCreated", settings)
    created = parse_datetime(_text(_child(content_meta, "contentCreated")), "contentCreated", settings)
    draft.published = first or created or draft.version_created
    draft.updated = draft.version_created if draft.published is not draft.version_created else None
    for headline in _children(content_meta, "headline"):
        role = (headline.get("role") or "").lower()
        if role in _SUB_ROLES:
            draft.subheadline = draft.subheadline or _text(headline)
        elif draft.headline is None:
            draft.headline = _text(headline)
    draft.byline = _text(_child(content_meta, "by"))
    draft.dateline = _text(_child(content_meta, "dateline"))
    draft.located = _text(_child(_child(content_meta, "located"), "name"))
    language = _child(content_meta, "language")
    declared = language.get("tag") if language is not None else item.get(_XML_LANG)
    draft.declared_language = f.as_language(declared)
    for subject in _children(content_meta, "subject"):
        check_count(len(draft.subjects) + 1, MAX_SUBJECTS, "subjects")
        code = subject.get("qcode") or subject.get("uri")
        name = _text(_child(subject, "name"))
        name = clean_name(name) or None if name else None
        if code or name:
            scheme = code.split(":", 1)[0] if code and ":" in code else None
            draft.subjects.append(Subject(code=code, name=name, scheme=scheme))
    rights = _text(_child(_child(item, "rightsInfo"), "copyrightNotice"))
    if rights:
        draft.boilerplate.append(rights)
    body, is_html = _body(item)
    if body is not None:
        draft.blocks = html_blocks(body) if is_html else text_body_blocks(body)
    if draft.byline is None:
        draft.byline = take_byline(draft.blocks)
    return draft
