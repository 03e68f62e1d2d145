"""Draft -> Article: the one place where every format gets the same cleaning.

Steps, in order: repair each block's text; move boilerplate paragraphs out; take the dateline off
the first paragraph (dropping the paragraph if it was only a dateline); pick or derive the
headline; compute offsets (``body[b.start:b.end] == b.text`` by construction); detect the
language; hash; derive ids.

Kill/withhold notices (pubstatus canceled/withheld) may legitimately have no body: they are accepted
with an empty body so the dedupe stage can retract the story. Every other empty body is rejected,
and so is a body without a single letter or digit ("((((((", a page of dots): there is no text.
"""

from __future__ import annotations

import operator
import re
from itertools import compress

from wirestream.models import Article, BlockKind, Dateline, PubStatus
from wirestream.settings import NormaliseSettings

from . import reasons as r
from .boilerplate import boilerplate_flags, flag_closing_credits
from .dateline import parse_dateline_field, split_dateline
from .dates import is_date_line
from .draft import Draft, RawBlock
from .headline import derive_headline, split_headline_labels
from .ids import content_hash, story_id_for
from .language import detect_language
from .limits import MAX_BLOCKS, MAX_SUBJECTS, check_count
from .repair import clean_line, clean_lines, clean_lines_utf8

_WORDLIKE = re.compile(r"[^\W_]")  # a letter or digit in any script
_TEXT, _KIND, _REPAIRED = operator.attrgetter("text"), operator.attrgetter("kind"), operator.attrgetter("repaired")
_MAX_SHORT_FIELD = 1_000  # byline/subheadline: longer means a mapping error upstream
# Characters a one-line field (headline, byline, subheadline, dateline, located, copyright notice)
# may have *as sent*, before cleaning: 100 x the longest we keep. Cleaning a 4 MB field costs
# ~0.25 s when its text needs NFC (every field used to be cleaned in full before its length was
# checked), while one that still fits its limit after cleaning would have to be 99 % whitespace
# or invisible characters: a mapping error, not a headline. Our own output is far under this,
# so normalising it again never meets the check.
_MAX_RAW_FIELD = 100_000


def _clean_opt(value: str | None, name: str, reason: str = r.INVALID_VALUE) -> str | None:
    if value is None:
        return None
    if len(value) > _MAX_RAW_FIELD:
        r.reject(reason, f"{name} has {len(value)} characters as sent > {_MAX_RAW_FIELD}")
    return clean_line(value) or None


def _clean_blocks(draft: Draft) -> tuple[list[RawBlock], list[str]]:
    check_count(len(draft.blocks), MAX_BLOCKS, "paragraphs/subheads")
    check_count(len(draft.subjects), MAX_SUBJECTS, "subjects")
    boilerplate = [text for text in (_clean_opt(b, "copyright notice") for b in draft.boilerplate) if text]
    texts = list(map(_TEXT, draft.blocks))
    repaired = list(map(_REPAIRED, draft.blocks))
    utf8 = None
    if True not in repaired:  # markup and JSON bodies: every block still to clean, in one batch
        cleaned, utf8 = clean_lines_utf8(texts)
    elif False not in repaired:  # plain-text bodies: clean_document did it already
        cleaned = texts
    else:
        pending = iter(clean_lines([text for text, done in zip(texts, repaired, strict=True) if not done]))
        cleaned = [text if done else next(pending) for text, done in zip(texts, repaired, strict=True)]
    flags = boilerplate_flags(cleaned, utf8)
    flag_closing_credits(cleaned, flags)
    if True not in flags and "" not in cleaned:  # the usual case, without the per-block branching
        # utf8 is only handed back when cleaning changed no text (see clean_lines_utf8)
        if utf8 is not None or cleaned is texts or all(map(operator.is_, cleaned, texts)):
            return list(draft.blocks), boilerplate
        pairs = zip(draft.blocks, cleaned, strict=True)
        return [raw if raw.text is text else RawBlock(raw.kind, text) for raw, text in pairs], boilerplate
    boilerplate.extend(compress(cleaned, flags))  # (a flagged text is never empty)
    blocks = [
        raw if raw.text is text else RawBlock(raw.kind, text)
        for raw, text, boiler in zip(draft.blocks, cleaned, flags, strict=True)
        if text and not boiler
    ]
    return blocks, boilerplate


def _take_dateline(blocks: list[RawBlock]) -> Dateline | None:
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.PARAGRAPH:
            continue
        dateline, rest = split_dateline(block.text)
        if dateline is None:
            return None
        rest = rest.strip()
        if rest:
            blocks[index] = RawBlock(BlockKind.PARAGRAPH, rest)
        else:
            del blocks[index]
        return dateline
    return None


def _headline(draft: Draft, blocks: list[RawBlock], settings: NormaliseSettings) -> str:
    headline = _clean_opt(draft.headline, "headline", r.HEADLINE_TOO_LONG)
    if headline is not None:
        if len(headline) > settings.max_headline_chars:
            r.reject(
                r.HEADLINE_TOO_LONG,
                f"headline has {len(headline)} chars > {settings.max_headline_chars}",
            )
        return headline
    if not blocks:
        return ""
    # Plain text's first line is often the headline itself: a short bare line before the lede.
    if len(blocks) > 1 and blocks[0].kind is BlockKind.SUBHEAD:
        return blocks.pop(0).text
    lede = next((b.text for b in blocks if b.kind is BlockKind.PARAGRAPH), blocks[0].text)
    return derive_headline(lede, settings.max_headline_chars)


def _short_field(value: str | None, name: str) -> str | None:
    text = _clean_opt(value, name)
    if text is not None and len(text) > _MAX_SHORT_FIELD:
        r.reject(r.INVALID_VALUE, f"{name} longer than {_MAX_SHORT_FIELD} characters")
    return text


def _dateline(draft: Draft, blocks: list[RawBlock]) -> Dateline | None:
    found = _take_dateline(blocks)
    if found is not None:
        return found
    explicit = _clean_opt(draft.dateline, "dateline")
    if explicit is not None:
        return parse_dateline_field(explicit)
    located = _clean_opt(draft.located, "located")
    if located is not None:
        return Dateline(text=located, place=located)
    return None


# Article.model_validate without its Python-level wrapper (the same pydantic-core validator).
_validate_article = Article.__pydantic_validator__.validate_python


def _move_leading_date_lines(blocks: list[RawBlock], boilerplate: list[str]) -> None:
    """Date lines before the lede go to ``boilerplate``: left in, the date was the body's first
    paragraph, and the lede's dateline below it was never looked for (see :func:`_take_dateline`)."""
    while len(blocks) > 1 and is_date_line(blocks[0].text):
        boilerplate.append(blocks.pop(0).text)


def assemble(draft: Draft, settings: NormaliseSettings) -> Article:
    blocks, boilerplate = _clean_blocks(draft)
    _move_leading_date_lines(blocks, boilerplate)
    dateline = _dateline(draft, blocks)
    labels, headline = split_headline_labels(_headline(draft, blocks, settings))
    if blocks and BlockKind.PARAGRAPH not in map(_KIND, blocks):
        # A body of only "bare short lines" has no subheads; they are its paragraphs.
        blocks = [RawBlock(BlockKind.PARAGRAPH, b.text) for b in blocks]
    subheadline = _short_field(draft.subheadline, "subheadline")
    killed = draft.pubstatus is not PubStatus.USABLE
    if not blocks and not (killed and (draft.agency_id or headline)):
        r.reject(r.EMPTY_BODY, "no body text after cleaning")
    if blocks and not any(map(_WORDLIKE.search, map(_TEXT, blocks))):
        r.reject(r.EMPTY_BODY, "body has no letters or digits (only punctuation/symbols)")

    # Blocks are handed to pydantic as plain dicts: validating the nested list inside one
    # Article.model_validate call (in Rust) is cheaper than a Python-level Block() per block.
    out_blocks: list[dict[str, object]] = []
    texts: list[str] = []
    offset = 0
    for block in blocks:
        if offset:
            offset += 2  # the "\n\n" separator
        end = offset + len(block.text)
        out_blocks.append({"kind": block.kind, "text": block.text, "start": offset, "end": end})
        texts.append(block.text)
        offset = end
    body = "\n\n".join(texts)

    digest = content_hash(headline, body)
    article_id = draft.agency_id or f"sha:{digest}"
    story_id = story_id_for(draft.agency_id, draft.version) if draft.agency_id else article_id
    declared = draft.declared_language
    return _validate_article(
        {
            "article_id": article_id,
            "story_id": story_id,
            "version": draft.version,
            "version_created": draft.version_created,
            "pubstatus": draft.pubstatus,
            "embargoed": draft.embargoed,
            "source_format": draft.source_format,
            "headline": headline,
            "headline_labels": labels,
            "subheadline": subheadline,
            "byline": _short_field(draft.byline, "byline"),
            "dateline": dateline,
            "body": body,
            "blocks": out_blocks,
            "boilerplate": boilerplate,
            "language": detect_language(headline, body, declared),
            "declared_language": declared,
            "published": draft.published,
            "updated": draft.updated,
            "subjects": draft.subjects,
            "content_hash": digest,
        }
    )
