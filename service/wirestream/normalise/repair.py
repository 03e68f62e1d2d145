"""Text repair: mojibake, Unicode normal form, invisible characters, whitespace.

Why each step:

* **ftfy** fixes mojibake (``Franceâ€™s`` -> ``France’s``), but a full ``fix_text`` costs ~0.5 ms
  per 2 KB, more than our whole per-article budget, so only its ``fix_encoding`` step runs, and
  only on lines that need it. Mojibake always leaves tell-tale pairs (a Latin-1
  lead byte such as ``Ã``/``â``/``Ð`` read as a character, followed by a continuation-byte
  character) or C1 controls / U+FFFD, so a precompiled regex over the UTF-8 bytes decides whether
  ftfy runs at all, after a memchr-speed check for the lead bytes. Pure ASCII skips even that.
  ftfy's ``uncurl_quotes`` is off: smart quotes and dashes are kept.
* **NFC** so that ``é`` has one spelling (dedupe hashes depend on it); checked first, it is cheap.
* **Invisible characters** are removed: C0/C1 controls, zero-width space/word joiner/BOM, soft
  hyphens, bidi embeddings/overrides/isolates (U+202A–202E, U+2066–2069: "Trojan Source" style
  spoofing) and lone surrogates. ZWJ/ZWNJ and the implicit marks LRM/RLM/ALM are *kept*: they carry
  meaning in Arabic/Persian text and emoji, and cannot reorder text the way overrides can.
* **Whitespace** runs (any Unicode space, tabs, newlines) collapse to one ASCII space. In French
  copy the no-break spaces before ``; : ! ?`` and inside guillemets become ordinary spaces, which
  is what downstream matching wants.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from contextvars import ContextVar, Token
from functools import cache

import ftfy

from . import reasons as r
from .limits import FTFY_MAX_CHARS, NAME_CHARS, NAME_RAW_CHARS, check_count

# Mojibake, tested on UTF-8 bytes (byte-wise matching is ~3x faster than on wide strings): a lead
# character U+00C2..U+00F4 followed by a continuation character (U+0080..U+00BF or one of the
# cp1252 specials ŒœŠšŸŽžƒˆ˜–—‘’‚“”„†‡•…‰‹›€™), or any C1 control, or U+FFFD.
# Three searches, not one alternation: each starts with a literal byte the regex engine can scan
# for, while an alternation is tried at every byte (~7x slower on accented Latin text).
_MOJIBAKE_PAIR = re.compile(
    rb"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92"
    rb"|\xcb[\x86\x9c]|\xe2(?:\x80[\x93\x94\x98-\x9e\xa0-\xa2\xa6\xb0\xb9\xba]|\x82\xac|\x84\xa2))"
)
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u180e\u200b\u2060-\u2064\u202a-\u202e"
    "\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
_SPACES = re.compile(r"\s+")
# `"  " in text`, ~10 % faster on wide (UCS-2) strings: the regex engine's literal scan beats
# str's search for a two-character needle of one repeated, common character.
_DOUBLE_SPACE = re.compile("  ").search
_H_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n ]")  # runs of 2+, or any single non-" " space
# Whitespace other than " " and "\n" (a bare character class: the regex engine scans those fast,
# an alternation it does not — 5 MB in ~10 ms instead of ~100 ms).
# Plain-copy shortcut for clean_lines_utf8 (see _plain_utf8). Printable ASCII, deleted by bytes.translate:
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
# What may remain: newlines and the non-ASCII characters of everyday Latin-script copy, each
# printable, not whitespace, NFC-stable and composing with nothing before it (a test checks every
# code point and pair): U+00A1-00AC, U+00AE-00BF (not the no-break space or soft hyphen),
# U+00C0-027F (accented Latin letters), U+2010-2027 and U+2030-203F (dashes, quotes, bullets,
# ellipsis, per mille, primes, single guillemets; not U+2028/2029, the bidi controls U+202A-202E
# or U+202F), U+20AC (euro sign).
_PLAIN_REST = re.compile(
    rb"(?:\n|\xc2[\xa1-\xac\xae-\xbf]|[\xc3-\xc9][\x80-\xbf]|\xe2\x80[\x90-\xa7\xb0-\xbf]|\xe2\x82\xac)*"
).fullmatch
_DOUBLE_SPACE_UTF8 = re.compile(b"  ").search  # ~3x faster than `b"  " in data` (see _DOUBLE_SPACE)
_ODD_SPACE = re.compile("[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _is_plain(text: str) -> bool:
    """No whitespace but single " " and "\\n", no invisible characters: the common case, told by
    two C-speed scans (str.isprintable is False for every other space, control, format character
    and surrogate) instead of regexes."""
    return "  " not in text and text.replace("\n", "").isprintable()


def _collapse_horizontal(text: str) -> str:
    if "  " in text or _ODD_SPACE.search(text) is not None:
        return _H_SPACES.sub(" ", text)
    return text


@cache
def _ftfy_config() -> ftfy.TextFixerConfig:
    return ftfy.TextFixerConfig(uncurl_quotes=False, explain=False, normalization="NFC")


def _looks_mojibaked(text: str) -> bool:
    return _utf8_looks_mojibaked(text.encode("utf-8", "surrogatepass"))


def _utf8_looks_mojibaked(data: bytes) -> bool:
    # Every tell-tale starts with one of three byte sequences; `in` on bytes runs at memchr speed
    # (~4x cheaper than a regex over the wide string for text with curly quotes).
    if b"\xef\xbf\xbd" in data:
        return True
    if b"\xc3" in data and _MOJIBAKE_PAIR.search(data) is not None:
        return True
    return b"\xc2" in data and _C1_CONTROL.search(data) is not None


class RepairBudget:
    """Characters ftfy may still be given while normalising one article (see :func:`open_repair_budget`)."""

    __slots__ = ("left",)

    def __init__(self, chars: int = FTFY_MAX_CHARS) -> None:
        self.left = chars


# The budget of the article being normalised; None outside the stage (a lone clean_line call then
# gets a fresh budget per call, as before). A ContextVar, not a global, so concurrent tasks or
# threads normalising different articles never share one.
_BUDGET: ContextVar[RepairBudget | None] = ContextVar("wirestream_repair_budget", default=None)


def open_repair_budget() -> Token[RepairBudget | None]:
    """Start one article's repair budget (:data:`.limits.FTFY_MAX_CHARS` characters for ftfy in
    all of its fields together); hand the token to :func:`close_repair_budget` when done.

    Why per article: each field, list item and fixed-point pass used to have a budget of its own,
    so 1,000 subject names of 4,000 mojibake characters each (4.8 MB, under ``max_bytes``) were
    all given to ftfy, ~0.9 s of CPU for one article."""
    return _BUDGET.set(RepairBudget())


def close_repair_budget(token: Token[RepairBudget | None]) -> None:
    _BUDGET.reset(token)


def _spend(chars: int) -> None:
    """Charge ``chars`` about to be given to ftfy against the article's budget; over it is
    ``too_many_parts`` before ftfy runs, so ftfy never sees more than the budget per article."""
    budget = _BUDGET.get()
    if budget is None:
        check_garbled(chars)
        return
    budget.left -= chars
    if budget.left < 0:
        r.reject(
            r.TOO_MANY_PARTS,
            f"more than {FTFY_MAX_CHARS} characters of mojibake-looking text to repair in one article",
        )


def _fix_mojibake(text: str) -> str:
    """ftfy's mojibake repair, line by line (lines can differ in how they were garbled, the
    reason ``ftfy.fix_text`` works per line too) and only on lines that show mojibake.

    ``ftfy.fix_encoding`` rather than ``fix_text``: the rest of ``fix_text`` (HTML unescaping,
    ligatures, character width, quotes, line breaks, controls) is either unwanted here or done
    by this module, and skipping it makes the repair ~5x cheaper. Every call is charged to the
    article's repair budget (:func:`_spend`)."""
    config = _ftfy_config()
    if "\n" not in text:
        _spend(len(text))  # a single line: the caller saw it look mojibaked
        return ftfy.fix_encoding(text, config)
    lines = text.splitlines(keepends=True)
    garbled = [_looks_mojibaked(line) for line in lines]
    _spend(sum(len(line) for line, bad in zip(lines, garbled, strict=True) if bad))
    return "".join(ftfy.fix_encoding(line, config) if bad else line for line, bad in zip(lines, garbled, strict=True))


def check_garbled(chars: int) -> None:
    """The repair budget (:data:`.limits.FTFY_MAX_CHARS`): ``chars`` of mojibake-looking text, more
    than ftfy may still be given for this article (or in one call, outside the stage), is rejected
    (``too_many_parts``) up front, before any of it is repaired. Nothing is charged here.

    Rejecting rather than skipping the repair keeps normalisation idempotent: a skipped repair
    left the mojibake in, and normalising the output again repaired it wherever a piece of it
    fell under a size limit (a headline derived from the lede, a body shorter than the document)."""
    budget = _BUDGET.get()
    left = FTFY_MAX_CHARS if budget is None else budget.left
    check_count(chars, left, "characters of mojibake-looking text to repair (repair budget left)")


def needs_encoding_fix(text: str) -> bool:
    """True when :func:`fix_encoding` could change ``text`` (mojibake or not NFC)."""
    if text.isascii():
        return False
    return _looks_mojibaked(text) or not unicodedata.is_normalized("NFC", text)


def fix_encoding(text: str) -> str:
    """Undo mojibake and normalise to NFC, without touching quotes, dashes or line breaks.

    Mojibake-looking lines beyond the article's repair budget are rejected (:func:`open_repair_budget`)."""
    if text.isascii():
        return text
    if _looks_mojibaked(text):
        text = _fix_mojibake(text)
    # normalize() runs the same quick check as is_normalized() and hands back the very string when
    # it passes; testing first normalised text that is not NFC twice (~45 ms per 4 MB of NFD text).
    return unicodedata.normalize("NFC", text)


def strip_invisible(text: str) -> str:
    """Remove control, zero-width and bidi-override characters (keeps ``\\t``/``\\n``/``\\r``)."""
    return _INVISIBLE.sub("", text)


_MAX_PASSES = 4


def _repair_once(text: str) -> str:
    text = fix_encoding(_SPACES.sub(" ", text))
    # str.isprintable() is False for every control, format (zero-width, bidi), surrogate and
    # non-ASCII space character, so a printable line only needs "  " runs collapsed.
    if not text.isprintable():
        text = _SPACES.sub(" ", strip_invisible(text))
    elif "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def clean_line(text: str) -> str:
    """Full repair of one paragraph/heading/field: encoding, invisibles, whitespace collapsed.

    Cleaning must be idempotent (normalising our own output must not change it), but one repair
    can expose another: removing a control character or collapsing a tab can join the two halves
    of a mojibake pair ("Â\x08¡" -> "Â¡" -> "¡"). So non-trivial text is repaired to a fixed
    point (in practice one extra, cheap, no-op pass; at most ``_MAX_PASSES``).
    """
    if text.isascii() and text.isprintable():  # the common case: nothing to repair
        return (_SPACES.sub(" ", text) if "  " in text else text).strip()
    for _ in range(_MAX_PASSES):
        repaired = _repair_once(text)
        if repaired == text:
            break
        text = repaired
    return text


def clean_name(value: str) -> str:
    """A subject/entity name cleaned and cut to ``NAME_CHARS``; only its first ``NAME_RAW_CHARS``
    characters are cleaned (see :mod:`.limits`), so a list of 1,000 long names costs no more than
    1,000 real ones."""
    return clean_line(value[:NAME_RAW_CHARS])[:NAME_CHARS]


def clean_repaired_line(text: str) -> str:
    """:func:`clean_line` for text whose encoding is known to be fine: a line of a
    :func:`clean_document` result, or one that passed :func:`clean_lines`' batch check."""
    if text.isprintable():
        return (_SPACES.sub(" ", text) if "  " in text else text).strip()
    # Whitespace first, as clean_line does: form feeds, \x1c-\x1f and NEL are both whitespace and
    # "invisible", and between two words they must leave a space, not glue the words together.
    return _SPACES.sub(" ", strip_invisible(_SPACES.sub(" ", text))).strip()


def clean_lines(texts: list[str]) -> list[str]:
    """:func:`clean_line` over many lines, with one encoding check for all of them.

    The mojibake/NFC check is most of the per-line cost, so it runs once on all lines joined
    (after invisible characters are removed, because removing them could bring the halves of a
    mojibake pair together). When it passes, each line only needs invisibles and whitespace
    handled, which gives exactly what :func:`clean_line` would.
    """
    return clean_lines_utf8(texts)[0]


def _plain_utf8(data: bytes, lines: int) -> bool:
    """Whether ``data``, ``lines`` texts joined by newlines and encoded, is plain copy that is
    surely NFC: every line printable with no newline of its own, no "  ", and nothing but
    printable ASCII and the characters :data:`_PLAIN_REST` allows. Three byte-level scans of
    ~1 µs per 2 KB, instead of ``str.isprintable`` and ``unicodedata.is_normalized`` over the wide
    string (~10 µs): both test every character against the Unicode tables, where deleting the
    ASCII bytes leaves a few bytes (the curly quotes and accents) to check."""
    rest = data.translate(None, _PRINTABLE_ASCII)
    return rest.count(b"\n") == lines - 1 and _PLAIN_REST(rest) is not None and _DOUBLE_SPACE_UTF8(data) is None


def clean_lines_utf8(texts: list[str]) -> tuple[list[str], bytes | None]:
    """:func:`clean_lines`, plus ``"\\n".join(result)`` in UTF-8 when the check computed it anyway
    (non-ASCII lines that needed nothing but trimming, and had nothing to trim), else ``None``:
    the boilerplate scan reads the same bytes instead of joining and encoding the text again."""
    joined = "\n".join(texts)
    if joined.isascii():
        return [clean_repaired_line(text) for text in texts], None
    data = joined.encode("utf-8", "surrogatepass")
    if _plain_utf8(data, len(texts)) and not _utf8_looks_mojibaked(data):
        # The usual non-ASCII copy: what the general path below finds too (plain, NFC, no
        # mojibake), told from the bytes alone.
        trimmed = [text.strip() for text in texts]
        return trimmed, data if all(map(operator.is_, trimmed, texts)) else None
    # Each line printable (so no newline, control or invisible of its own) and no "  " anywhere:
    # per-line isprintable spares _is_plain's copy of the joined text.
    plain = all(map(str.isprintable, texts)) and _DOUBLE_SPACE(joined) is None
    stripped = joined if plain else strip_invisible(joined)
    data = stripped.encode("utf-8", "surrogatepass")
    # Both before and after invisibles go: C1 controls are mojibake themselves (a lone U+0080 is
    # a cp1252 "€" read as Latin-1) and stripping them first would hide it from the check.
    if (
        _utf8_looks_mojibaked(data)
        or not unicodedata.is_normalized("NFC", stripped)
        or (not plain and needs_encoding_fix(joined))
    ):
        garbled = [text for text in texts if _looks_mojibaked(text) or _looks_mojibaked(strip_invisible(text))]
        check_garbled(sum(map(len, garbled)))  # the budget over all lines, not line by line
        return [clean_line(text) for text in texts], None
    if plain:
        # Each line is printable without "  ": only its ends can need trimming (what
        # clean_repaired_line would do, minus two scans per line).
        trimmed = [text.strip() for text in texts]
        return trimmed, data if all(map(operator.is_, trimmed, texts)) else None
    return [clean_repaired_line(text) for text in texts], None


def lines_are_final(document: str) -> bool:
    """Whether the lines of a :func:`clean_document` result are already what :func:`clean_line`
    would make of them (so callers may skip cleaning them one by one).

    Almost always true. Not when mojibake tell-tales survive: ftfy's verdict can depend on the
    context a line is seen in (a trailing space, its neighbours), so such lines must be repaired
    again on their own for normalisation to be idempotent."""
    return document.isascii() or not _looks_mojibaked(document)


def clean_document_final(text: str) -> tuple[str, bool]:
    """``(clean_document(text), lines_are_final(result))``, sharing one encoding check in the
    usual case (a plain, NFC document without mojibake tell-tales comes back unchanged)."""
    if "\r" not in text and _is_plain(text):
        if text.isascii():
            return text, True
        if not _looks_mojibaked(text):
            fixed = unicodedata.normalize("NFC", text)  # what fix_encoding gives: nothing for ftfy
            if fixed == text:
                return text, True  # exactly what clean_document returns
            if _is_plain(fixed) and not _looks_mojibaked(fixed):
                # NFC made nothing to strip, collapse or repair (it can join a letter and an accent
                # into a mojibake pair, hence the check): clean_document's passes would return it.
                return fixed, True
            document = _clean_fixed_document(fixed)  # clean_document's remaining steps, NFC done once
            return document, lines_are_final(document)
    document = clean_document(text)
    return document, lines_are_final(document)


def clean_document(text: str) -> str:
    """Repair a whole multi-line document but keep its line structure for paragraph splitting.

    Line ends become ``\\n`` and horizontal whitespace runs one space (a leading one still marks
    an indented line), then the text is repaired to a fixed point like :func:`clean_line`, so its
    lines can later skip the encoding check (:func:`clean_repaired_line`; a property test checks
    the two agree). Usually one pass: when nothing is fixed or removed, ``fix_encoding`` and
    ``re.sub`` hand back the very same string.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _is_plain(text):
        fixed = fix_encoding(text)
        if fixed == text:
            return text  # the usual case: one encoding check, nothing to strip or collapse
        return _clean_fixed_document(fixed)  # carry on from the repaired text, not repairing it again
    return _clean_fixed_document(text)


def _clean_fixed_document(text: str) -> str:
    """:func:`clean_document` from the point where ``text`` has ``\\n`` line ends (and, when it was
    plain, has been through :func:`fix_encoding` once)."""
    text = _collapse_horizontal(text)
    for _ in range(_MAX_PASSES):
        repaired = _collapse_horizontal(strip_invisible(fix_encoding(text)))
        if repaired == text:
            break
        text = repaired
    return text
