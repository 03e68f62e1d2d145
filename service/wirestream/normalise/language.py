"""Language identification with lingua, built once and fed a bounded sample.

Why it is shaped like this:

* Building the detector loads n-gram models (~0.1 s, tens of MB), so it happens once, lazily, on
  first use, and is cached (an immutable object; thread-safe to share).
* It is restricted to the languages our wires send (``LANGUAGES``): fewer candidates is both faster
  and more accurate on short text, and low-accuracy mode (trigrams only) is plenty for 300 chars
  of news prose.
* Lingua's cost is linear in the text (~0.5 µs/char), so only the headline plus the start of the
  body is examined (``SAMPLE_CHARS``).
* Scripts that identify the language on their own among these candidates (Arabic letters -> ar,
  kana -> ja, Han without kana -> zh) are decided by counting characters, without lingua.
* Latin-script prose whose distinctive function words clearly point at one language is decided
  by :mod:`.stopwords` without lingua (most wire copy): on the sample, then on the first
  ``EXTENDED_SAMPLE_CHARS`` (counting words is ~50x cheaper per character than lingua); only
  unclear text reaches lingua. A declared language lowers the evidence needed when the words
  agree with it (tried on a ``DECLARED_SAMPLE_CHARS`` sample first), never overrides them.
  ``python -m bench.normalise --language`` measures accuracy and lingua calls per labelled set.

The result is an ISO 639-1 code; ``und`` when neither lingua nor the agency's declared language
gives one (e.g. a body made only of numbers).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from .stopwords import guess_by_stopwords

LANGUAGES: tuple[Language, ...] = (
    Language.ENGLISH, Language.SPANISH, Language.GERMAN, Language.FRENCH, Language.ITALIAN,
    Language.PORTUGUESE, Language.ARABIC, Language.DUTCH, Language.RUSSIAN, Language.UKRAINIAN,
    Language.POLISH, Language.TURKISH, Language.CHINESE, Language.JAPANESE,
)  # fmt: skip
SAMPLE_CHARS = 240
DECLARED_SAMPLE_CHARS = 120
EXTENDED_SAMPLE_CHARS = 1_000  # function words only: cheap enough to look further
UNDETERMINED = "und"


@cache
def detector() -> LanguageDetector:
    """The process-wide detector (built on first call)."""
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_low_accuracy_mode().build()


_SCRIPT_HINT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff\u3040-\u30ff\u4e00-\u9fff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufefe]")
_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile("[\u4e00-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")


def _script_language(sample: str) -> str | None:
    if _SCRIPT_HINT.search(sample) is None:
        return None
    letters = len(_LETTER.findall(sample)) or 1
    if len(_ARABIC.findall(sample)) * 2 > letters:
        return "ar"
    kana, han = len(_KANA.findall(sample)), len(_HAN.findall(sample))
    if kana and (kana + han) * 2 > letters:
        return "ja"
    if han * 2 > letters:
        return "zh"
    return None


def _sample(headline: str, body: str, chars: int = SAMPLE_CHARS) -> str:
    text = f"{headline}\n{body[:chars]}" if headline else body[:chars]
    if len(body) > chars:
        space = text.rfind(" ")
        if space > len(text) // 2:
            text = text[:space]  # don't end on half a word
    return text


@lru_cache(maxsize=256)
def primary_language(declared: str | None) -> str | None:
    """``en-GB``/``pt_BR``/``FR`` -> ``en``/``pt``/``fr``; None if it is not a two-letter code."""
    if not declared:
        return None
    primary = declared.split("-", 1)[0].split("_", 1)[0].lower()
    return primary if len(primary) == 2 and primary.isalpha() else None


def detect_language(headline: str, body: str, declared: str | None) -> str:
    """ISO 639-1 code of the text; falls back to the declared language, then ``und``.

    Cheapest evidence first: script counts, then function words on the sample, then function
    words on a longer stretch of the body (~0.01 µs/char, against lingua's ~0.45), and only then
    lingua on the sample. The declared language only ever confirms what the words already say
    (:func:`.stopwords.guess_by_stopwords`) or fills in when nothing can be detected."""
    declared_code = primary_language(declared)
    sample = _sample(headline, body)
    code = None if sample.isascii() else _script_language(sample)
    if code is None and declared_code is not None and len(sample) > DECLARED_SAMPLE_CHARS:
        # Agreement with a declared language needs only a couple of function words: try a
        # shorter sample first (the longer one follows if this is inconclusive).
        code = guess_by_stopwords(_sample(headline, body, DECLARED_SAMPLE_CHARS), declared_code)
    if code is None:
        code = guess_by_stopwords(sample, declared_code)
    if code is None and len(body) > SAMPLE_CHARS:
        code = guess_by_stopwords(_sample(headline, body, EXTENDED_SAMPLE_CHARS), declared_code)
    if code is None and _LETTER.search(sample) is not None:
        found = detector().detect_language_of(sample)
        if found is not None:
            code = found.iso_code_639_1.name.lower()
    return code or declared_code or UNDETERMINED


def disagrees_with_declared(language: str, declared: str | None) -> bool:
    """True when the agency declared a language and detection found a different one.

    The stage keeps both on the article (``language``, ``declared_language``); this is the one
    definition of a disagreement for whoever counts them (metrics, audits)."""
    declared_code = primary_language(declared)
    return declared_code is not None and language != UNDETERMINED and language != declared_code
