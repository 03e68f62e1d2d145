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


def is_boilerplate(text: str) -> bool:
    """True for a short paragraph that is a credit line, copyright notice or promo."""
    if len(text) > MAX_BOILERPLATE_CHARS:
        return False
    if _LEADING.match(text) is not None:
        return True
    # Literal pre-check before the case-insensitive _ANYWHERE scan: `in` runs at memchr speed, the
    # regex is ~20x slower and would otherwise run on every paragraph.
    hinted = (
        "eserv" in text
        or "ESERV" in text
        or "orbehalten" in text
        or "ORBEHALTEN" in text
        or "iservat" in text
        or "ISERVAT" in text
        or "محفوظة" in text
    )
    return hinted and _ANYWHERE.search(text) is not None
