"""Structural limits: inputs under ``max_bytes`` can still be built to be slow.

A 4.5 MB payload of 900,000 one-word paragraphs, 450,000 ``<br>``s or 400,000 tags costs seconds in
any Python pipeline, while no real article comes near these numbers (a 20,000-word long read has a
few hundred paragraphs and a few thousand HTML tags). Each limit is checked *before* the expensive
step it protects, with a C-speed count where possible, and exceeding one is ``too_many_parts``.

``FTFY_MAX_CHARS``: ftfy's mojibake repair costs ~0.2 ms per 1,000 garbled characters, so an
article whose fields together (body, headline, byline, every subject name, every fixed-point
pass) would give ftfy more than this many characters of mojibake-looking lines is
``too_many_parts`` instead of stalling a worker for a second. It is one budget per article
(``repair.open_repair_budget``), not per field: per field, 1,000 subject names could each spend
it. Only lines that show mojibake count, so a long clean article is never affected. (Texts over the limit
used to skip the repair and be accepted as sent; normalising such an article again then repaired
the pieces that fell under the limit, so normalisation was not idempotent.)
"""

from __future__ import annotations

from . import reasons as r

MAX_BLOCKS = 5_000  # paragraphs + subheads of one article
MAX_TEXT_LINES = 50_000  # line breaks in a plain-text body (before paragraph splitting)
MAX_MARKUP_TAGS = 20_000  # "<" in an HTML body (before parsing)
MAX_SUBJECTS = 1_000  # subjects/keywords/people/places/organisations together
# Subject/place/person/organisation names are kept to NAME_CHARS after cleaning. Only the first
# NAME_RAW_CHARS characters are cleaned at all: a 200-character name is at most 4 x 200 characters
# as sent even when every character's UTF-8 bytes were read as one character each (mojibake), and
# cleaning all of 1,000 names of 4,000 characters (NFC, whitespace, fixed-point passes) took ~0.2 s.
NAME_CHARS = 200
NAME_RAW_CHARS = 4 * NAME_CHARS
FTFY_MAX_CHARS = 100_000  # characters given to ftfy per article, all fields together (~20 ms of ftfy)


def check_count(count: int, limit: int, what: str) -> None:
    if count > limit:
        r.reject(r.TOO_MANY_PARTS, f"{count} {what} > limit {limit}")
