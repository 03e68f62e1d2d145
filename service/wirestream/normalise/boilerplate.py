"""Lines that are not the story: credits, copyright, promos.

They are moved to ``Article.boilerplate`` (not deleted) so nothing the agency sent is lost, but they
stay out of ``body`` because they would make every Reuters story a near-duplicate of every other.
Patterns are anchored at the start of a short paragraph (optionally inside parentheses) so a quote
that merely *mentions* "reporting by" stays in the body.
"""

from __future__ import annotations

import re

MAX_BOILERPLATE_CHARS = 400

_LEADING = re.compile(
    r"""^[\(\[]?\s*(?:
        ©|\(c\)|copyright\b|\bcopr\.
      | (?:additional\s+)?(?:reporting|writing|editing|compiled|compilation|research|translation)
        \s+by\b
      | (?:with\s+)?(?:additional\s+)?reporting\s+from\b
      | sign\s+up\b|subscribe\b|click\s+here\b|follow\s+(?:us|@)|read\s+more\b|our\s+standards\b
      | download\s+the\b|for\s+more\s+(?:news|stories)\b|get\s+the\s+latest\b
      | related\s*:|see\s+also\b|also\s+read\b
      | (?:información|reportaje|redacción|edición|texto)\s+de\b      # es
      | (?:mitarbeit|redaktion|bearbeitung|recherche):                 # de
      | (?:reportage|rédaction|édition)\s+(?:de|par)\b                 # fr
      | (?:reportagem|redação|edição)\s+de\b                           # pt
      | abonnez-vous\b|suscríbete\b|suscribete\b|jetzt\s+abonnieren\b|iscriviti\b|assine\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_ANYWHERE = re.compile(
    r"all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés"
    r"|todos\s+los\s+derechos\s+reservados|todos\s+os\s+direitos\s+reservados"
    r"|riproduzione\s+riservata|جميع\s+الحقوق\s+محفوظة",
    re.IGNORECASE,
)


# Lower-cased first two characters (after an opening bracket/space) of every _LEADING alternative
# that starts with ASCII; heads starting with anything non-ASCII ("©", "rédaction", or the
# letters IGNORECASE also folds to ASCII: "ı", "İ", "ſ", "K") always go to the regex. A paragraph
# whose head is not in here cannot match, so the regex (~0.5 µs) is skipped for nearly all of them.
_ASCII_STARTS = frozenset(
    {
        "c)", "co", "ad", "re", "wr", "ed", "tr", "wi", "si", "su", "cl", "fo", "ou", "do", "ge",
        "in", "te", "mi", "be", "ab", "je", "is", "as", "se", "al",
    }
)  # fmt: skip
_OPENERS = "([ \t"
# Every case spelling of _ASCII_STARTS: a paragraph's first two characters looked up as they stand.
_ANY_CASE_STARTS = frozenset(
    a + b for start in _ASCII_STARTS for a in {start[0], start[0].upper()} for b in {start[1], start[1].upper()}
)


def _could_lead(first_two: str) -> bool:
    """Cheap test on a paragraph's first two characters: could _LEADING match it at all?"""
    if first_two in _ANY_CASE_STARTS:
        return True
    first = first_two[:1]
    if first.isascii():
        # an opener, or an ASCII letter followed by a non-ASCII one ("Rédaction")
        return first in _OPENERS or not first_two.isascii()
    return first == "©" or first.isalpha() or first.isspace()  # not “, «, digits, dashes...


# Every head _could_lead rejects among the two-character heads that start most paragraphs: an ASCII
# character, or Latin-1/General Punctuation (quotes, dashes, NBSP...), followed by an ASCII one. A
# lookup table (~37,000 strings, built once) makes that one slice and one set lookup per paragraph
# instead of two function calls; other heads go to _leading_match as before. Exhaustive test in tests.
HEAD_FIRSTS = [chr(code) for code in (*range(0x80), *range(0xA0, 0xC0), *range(0x2000, 0x2070))]
_NEVER_LEADS = frozenset(
    head for head in (a + chr(b) for a in HEAD_FIRSTS for b in range(0x80)) if not _could_lead(head)
)


# The first three letters (lower-cased) of every _LEADING alternative that starts with three ASCII
# letters; "(c)" is let through by its first two. Many sentences start with a head that passes the
# two-letter test ("In", "As", "For", "Re..."): these three letters spare most of them the regex.
_ASCII_STARTS3 = frozenset(
    {
        "cop", "add", "rep", "wri", "edi", "com", "res", "tra", "wit", "sig", "sub", "cli", "fol",
        "rea", "our", "dow", "for", "get", "inf", "red", "tex", "mit", "bea", "rec", "abo", "sus",
        "jet", "isc", "ass", "rel", "see", "als",
    }
)  # fmt: skip


def _leading_match(text: str) -> bool:
    if not _could_lead(text[:2]):
        return False
    head = text[:8].lstrip(_OPENERS)[:3]
    if head.isascii():
        if head[:2].lower() not in _ASCII_STARTS:
            return False
        if len(head) == 3 and head[:2] not in ("c)", "C)") and head.lower() not in _ASCII_STARTS3:
            return False
    return _LEADING.match(text) is not None


def mentions_rights(text: str) -> bool:
    """Could ``text`` contain an "all rights reserved" phrase? Literal checks (the case-insensitive
    regex is ~20x slower); run once over a whole article instead of per paragraph. On the UTF-8
    bytes lower-cased by ``bytes.lower`` (ASCII letters only, ~0.3 ns a byte; ``str.lower`` costs
    ~8x more), so any ASCII case spelling is found with four searches instead of seven."""
    return utf8_mentions_rights(text.encode("utf-8", "surrogatepass"))


def utf8_mentions_rights(data: bytes) -> bool:
    """:func:`mentions_rights` of the text whose UTF-8 is ``data``."""
    data = data.lower()
    return b"eserv" in data or b"orbehalten" in data or b"iservat" in data or _ARABIC_RIGHTS in data


_ARABIC_RIGHTS = "محفوظة".encode()


def is_boilerplate(text: str) -> bool:
    """True for a short paragraph that is a credit line, copyright notice or promo."""
    if len(text) > MAX_BOILERPLATE_CHARS:
        return False
    if _leading_match(text):
        return True
    return mentions_rights(text) and _ANYWHERE.search(text) is not None


# Credits that close a story, recognisable only by where they stand: the desk slug (AFP's
# "str/jj/fb", "bur-ach/dl", dpa's "dpa-AFX/xyz/DP/abc"), Reuters' double-bracketed contact line,
# the AP contributor lines ("Magdy reported from Cairo.", "Associated Press writer Jon Gambrell in
# Dubai contributed to this report."). The same words inside the story ("police reported from the
# scene...") are news, so these are tested only on the run of short paragraphs at the end.
_TRAILER = re.compile(
    r"""^(?:
        [A-Za-z]{2,8}(?:-[A-Za-z]{2,8})*(?:/[A-Za-z]{2,8}(?:-[A-Za-z]{2,8})*)+  # desk slug (AFP, dpa)
      | (?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+\s+reported\s+from\s+[A-Z][^.]{0,60}\.?  # AP dateline credit
      | .{0,200}\bcontributed\s+(?:to\s+this\s+(?:report|story|article)|reporting)\b.{0,60}  # contributors
      | (?:the\s+)?(?:Associated\s+Press|AP|Reuters|AFP)\s.{0,200}\bcontributed\.?
      | Contributing:\s.{0,200}                                                      # "Contributing: ..."
      | \(\(.{0,220}\)\)                                              # Reuters ((contact; notes))
    )$""",
    re.VERBOSE | re.DOTALL,
)
TRAILER_MAX_CHARS = 240
_TRAILER_LOOKBACK = 3


def flag_closing_credits(texts: list[str], flags: list[bool]) -> None:
    """Also flag, in place, the closing credits of :data:`_TRAILER` (``flags``: one article's
    :func:`boilerplate_flags`): walking back from the last paragraph over at most a few short ones,
    stopping at the first that is neither a credit nor already flagged. Apart from
    :func:`boilerplate_flags` because it depends on where a paragraph stands, not on its text."""
    if not texts or len(texts[-1]) > TRAILER_MAX_CHARS:
        return
    for i in range(len(texts) - 1, max(-1, len(texts) - 1 - _TRAILER_LOOKBACK), -1):
        if flags[i]:
            continue
        text = texts[i]
        if len(text) > TRAILER_MAX_CHARS or _TRAILER.match(text) is None:
            return
        flags[i] = True


def boilerplate_flags(texts: list[str], utf8: bytes | None = None) -> list[bool]:
    """:func:`is_boilerplate` for every paragraph of one article: the rights-phrase scan runs once
    over all of them (per paragraph only if the article has a hint), and the leading-credit test
    runs as one comprehension (this runs for every paragraph of every article). ``utf8``, when
    given, is ``"\\n".join(texts)`` already encoded (see ``repair.clean_lines_utf8``)."""
    limit, leading, never = MAX_BOILERPLATE_CHARS, _leading_match, _NEVER_LEADS
    flags = [text[:2] not in never and len(text) <= limit and leading(text) for text in texts]
    if utf8 is None:
        utf8 = "\n".join(texts).encode("utf-8", "surrogatepass")
    if utf8_mentions_rights(utf8):
        flags = [
            flag or (len(text) <= limit and mentions_rights(text) and _ANYWHERE.search(text) is not None)
            for flag, text in zip(flags, texts, strict=True)
        ]
    return flags
