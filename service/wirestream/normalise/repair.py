"""Text repair: mojibake, Unicode normal form, invisible characters, whitespace.

Why each step:

* **ftfy** fixes mojibake (``Franceâ€™s`` -> ``France’s``), but a full ``fix_text`` costs ~0.5 ms
  per 2 KB, more than our whole per-article budget. Mojibake always leaves tell-tale pairs (a Latin-1
  lead byte such as ``Ã``/``â``/``Ð`` read as a character, followed by a continuation-byte
  character) or C1 controls / U+FFFD, so a precompiled regex decides whether ftfy runs at all. Pure
  ASCII skips even that. ftfy's ``uncurl_quotes`` is off: smart quotes and dashes are kept.
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

import re
import unicodedata
from functools import cache

import ftfy

_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u0080-\u009f\ufffd]"
)
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u180e\u200b\u2060-\u2064\u202a-\u202e"
    "\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
_SPACES = re.compile(r"\s+")


@cache
def _ftfy_config() -> ftfy.TextFixerConfig:
    return ftfy.TextFixerConfig(uncurl_quotes=False, explain=False, normalization="NFC")


def fix_encoding(text: str) -> str:
    """Undo mojibake and normalise to NFC, without touching quotes, dashes or line breaks."""
    if text.isascii():
        return text
    if _MOJIBAKE_HINT.search(text) is not None:
        text = ftfy.fix_text(text, _ftfy_config())
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


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


def clean_document(text: str) -> str:
    """Repair a whole multi-line document but keep its line structure for paragraph splitting."""
    text = strip_invisible(fix_encoding(text))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
