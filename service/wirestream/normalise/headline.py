"""Headlines when the agency sent none (plain text, some JSON): the lede's first sentence.

Rule: take the first paragraph (after its dateline is removed), cut it at the first sentence end
(``.``, ``!``, ``?``, ``。``, ``؟`` followed by space/end, not after a known abbreviation such as
"Mr." or "U.S."), drop a final full stop, and if it is still longer than ``DERIVED_MAX_CHARS``
(or ``settings.max_headline_chars`` if smaller) cut at the last space before the limit and add "…".
Derived headlines are therefore never rejected for length; *agency* headlines over the limit are
(``headline_too_long``), because a 100 KB "headline" means the feed mapped the wrong field.

Agency headlines may start with desk labels: Reuters' ``UPDATE 2-``, ``CORRECTED-``, ``REFILE-``,
``EXCLUSIVE-``, AFP's ``URGENT -``. :func:`split_headline_labels` takes them off (the article keeps
them in ``headline_labels``): they are not the story's words, and left on, "UPDATE 1-X" and "UPDATE
2-X" were two headlines of one story.
"""

from __future__ import annotations

import re

DERIVED_MAX_CHARS = 200
# Upper-case on purpose (no IGNORECASE): "Update on talks" or "Breaking the deadlock" are headlines.
_LABEL = re.compile(
    r"(?P<label>(?:UPDATE|WRAPUP)(?:\s?\d{1,2})?|CORRECTED|CORRECTION|REFILE|RPT|REPEAT|EXCLUSIVE|FACTBOX"
    r"|INSIGHT|ANALYSIS|EXPLAINER|BREAKINGVIEWS|BRIEF|URGENT|FLASH|ALERT|BREAKING|PREVIEW|TIMELINE"
    r"|GRAPHIC|INTERVIEW|COLUMN|FEATURE|WRAP)(?:-|\s[-–—]\s|:\s)"
)
_MAX_LABELS = 4
_SCAN_CHARS = 600
_SENTENCE_END = re.compile(r"[.!?。！？؟](?:[\"'”’»)]{0,2})(?=\s|$)")
_ABBREVIATIONS_TEXT = (
    "mr mrs ms dr st sr jr gen col lt sgt capt gov sen rep rev prof no nos vs etc inc corp "
    "ltd co jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u p.m a.m sra "
    "sres dra av hr fr frau nr z.b sig dott ing"
)
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())


def first_sentence(text: str) -> str:
    head = text[:_SCAN_CHARS]
    for match in _SENTENCE_END.finditer(head):
        before = head[: match.start()]
        word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
        if word.rstrip(".") in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        sentence = head[: match.end()].strip()
        sentence = sentence[:-1].rstrip() if sentence.endswith(".") else sentence
        if any(c.isalnum() for c in sentence):  # ". Next" must not give an empty headline
            return sentence
    return head.strip()


def derive_headline(lede: str, max_chars: int) -> str:
    limit = max(1, min(DERIVED_MAX_CHARS, max_chars))
    sentence = first_sentence(lede)
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def split_headline_labels(headline: str) -> tuple[list[str], str]:
    """(desk labels at the start of ``headline``, the headline without them); ``[]`` and the
    headline itself when it has none, or when nothing would be left of it."""
    labels: list[str] = []
    rest = headline
    while len(labels) < _MAX_LABELS:
        match = _LABEL.match(rest)
        if match is None:
            break
        labels.append(match.group("label"))
        rest = rest[match.end() :].lstrip()
    if not labels or not rest:
        return [], headline
    return labels, rest
