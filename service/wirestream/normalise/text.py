"""Plain-text wire copy to blocks.

Rules (documented here because they are heuristics, and tests pin them):

* An optional leading date marker ``date YYYY-MM-DD`` (as in the wire files we receive) is removed
  and becomes ``published``; the text after it on the same line starts the lede.
* Paragraphs are separated by blank lines. Inside one, single line breaks are hard wraps and are
  joined with a space, *except* when the chunk is clearly one-paragraph-per-line (some line longer
  than a terminal wrap width of 100 characters), when a line is indented (tab/space-indented
  paragraph style), or when the line is a credit/copyright line (so it can become boilerplate).
* A bare short line (<= 60 characters, <= 10 words) starting with a capital (or a caseless script
  such as Arabic) and without final punctuation is a **subhead** ("Strikes", "Evidence").
* The first of several blocks may be longer and still a bare line (<= 160 characters, <= 25
  words): that is the story's **headline** ("Petro acusa a Estados Unidos de violar la soberanía de
  Colombia", 63 characters, above a dated EFE lede). It becomes a subhead block here, which assemble
  takes as the headline; read as a paragraph it was the lede, and the dateline below it was lost.
"""

from __future__ import annotations

import re

from wirestream.models import BlockKind

from .boilerplate import is_boilerplate
from .draft import RawBlock

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_DATE_MARKER = re.compile(r"^\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*\n|$)", re.IGNORECASE)
_WRAP_WIDTH = 100
SUBHEAD_MAX_CHARS = 60
_SUBHEAD_MAX_WORDS = 10
HEADLINE_MAX_CHARS = 160
_HEADLINE_MAX_WORDS = 25
_FINAL_PUNCT = frozenset(".!?:;,…\"'”’»)]}-–—")
_OPENING_QUOTES = frozenset("\"'“‘«„‚‹(")


def split_date_marker(text: str) -> tuple[str | None, str]:
    """Return (``YYYY-MM-DD`` or None, rest of the text)."""
    match = _DATE_MARKER.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end() :]


def looks_like_subhead(text: str) -> bool:
    """A short bare line: no final punctuation, capitalised (or caseless script), few words."""
    return _bare_line(text, SUBHEAD_MAX_CHARS, _SUBHEAD_MAX_WORDS)


def _bare_line(text: str, max_chars: int, max_words: int) -> bool:
    if not text or len(text) > max_chars or text[-1] in _FINAL_PUNCT:
        return False
    first = text[0]
    if first in _OPENING_QUOTES or not (first.isupper() or first.isdigit() or _caseless(first)):
        return False
    return text.count(" ") < max_words


def _caseless(char: str) -> bool:
    return char.isalpha() and not char.islower() and not char.isupper()


def split_paragraphs(text: str, *, repaired: bool = False) -> list[RawBlock]:
    """Split plain text (``\\n`` line ends) into paragraph/subhead blocks, in order.

    ``repaired``: the text is a :func:`~.repair.clean_document` result (blocks are marked so)."""
    blocks: list[RawBlock] = []
    append = blocks.append
    subhead, paragraph = BlockKind.SUBHEAD, BlockKind.PARAGRAPH
    for chunk in _BLANK_LINE.split(text):
        if "\n" in chunk:
            paras = _chunk_paragraphs(chunk)
        else:  # the usual one-line paragraph, inlined (this loop runs for every paragraph)
            stripped = chunk.strip()
            if not stripped:
                continue
            paras = [stripped]
        for para in paras:
            kind = subhead if len(para) <= SUBHEAD_MAX_CHARS and looks_like_subhead(para) else paragraph
            append(RawBlock(kind, para, repaired))
    if len(blocks) > 1 and blocks[0].kind is paragraph:
        first = blocks[0].text
        if _bare_line(first, HEADLINE_MAX_CHARS, _HEADLINE_MAX_WORDS):
            blocks[0] = RawBlock(subhead, first, repaired)
    return blocks


def _chunk_paragraphs(chunk: str) -> list[str]:
    if "\n" not in chunk:
        stripped = chunk.strip()
        return [stripped] if stripped else []
    lines = chunk.split("\n")
    one_per_line = any(len(line) > _WRAP_WIDTH for line in lines)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        starts_new = one_per_line or line[:1] in (" ", "\t") or is_boilerplate(stripped)
        if current and starts_new:
            paragraphs.append(" ".join(current))
            current = []
        current.append(stripped)
        if is_boilerplate(stripped):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
