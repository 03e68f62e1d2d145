"""Function-word fast path for language identification of Latin-script copy.

Lingua costs ~70 µs + 0.45 µs/char even in low-accuracy mode, i.e. more than our whole per-article
budget. News prose is full of function words, and a handful of them identify the language with
near certainty: when one language's *distinctive* function words (words that are not also function
words of another candidate; computed below) clearly dominate a sample, we take that answer and skip
lingua. Anything close or sparse still goes to lingua. A test checks the fast path agrees with
lingua on every fixture.
"""

from __future__ import annotations

import re

_WORDS = {
    "en": "the and of to is that was for with said on by has have from it at as be are were this "
    "which would will after who its been they their but not had he she we",
    "es": "el la los las de del que y en por con para una un se su es al lo como más pero sus fue "
    "ha este esta dijo según desde también sobre entre",
    "pt": "o a os as de do da dos das que e em no na nos nas por com para um uma se é foi ao não "
    "mais pelo pela disse segundo também sobre entre",
    "de": "der die das und ist nicht mit sich des dem den ein eine auf für von im zu auch wurde nach "
    "sagte bei aus werden hat sind wie über",
    "fr": "le la les des du et est une un dans pour que qui sur au aux pas par avec ce cette il elle "
    "ont été déclaré selon aussi entre",
    "it": "il lo la gli le di del della che e è per con una un sono non nel nella alla da ha dei "
    "delle anche più dopo secondo sul",
    "nl": "de het een en van is dat op te met voor niet zijn werd ook naar bij door heeft maar deze",
    "pl": "i w z na się nie do że to jest o jak przez po od za oraz który była był jego",
    "tr": "ve bir bu için ile da de olarak çok daha olan gibi ama sonra kadar değil",
}
_ALL = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
DISTINCTIVE: dict[str, frozenset[str]] = {
    lang: words - frozenset().union(*(w for other, w in _ALL.items() if other != lang)) for lang, words in _ALL.items()
}
# Distinctive words belong to exactly one language by construction, so one dict lookup per word.
_WORD_LANG: dict[str, str] = {w: lang for lang, words in DISTINCTIVE.items() for w in words}
_WORD = re.compile(r"[^\W\d_]+")
_MIN_HITS = 5
_MIN_RATIO = 3


def guess_by_stopwords(sample: str) -> str | None:
    """ISO 639-1 code when one language's distinctive function words clearly dominate, else None."""
    counts = dict.fromkeys(DISTINCTIVE, 0)
    lookup = _WORD_LANG.get
    for word in _WORD.findall(sample.lower()):
        lang = lookup(word)
        if lang is not None:
            counts[lang] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, hits), (_, second) = ranked[0], ranked[1]
    if hits >= _MIN_HITS and hits >= _MIN_RATIO * second:
        return best
    return None
