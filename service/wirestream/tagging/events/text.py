"""Text plumbing for event tagging: tokens with offsets, cached lemmas, sentence spans.

Nothing here knows about events. It exists so the rule engine can work on lemmas (so one rule
covers "attack", "attacked", "attacks") while every match keeps exact character offsets into the
article field, which the :class:`~wirestream.models.Span` contract requires.

Why these choices:
* simplemma is accurate enough for trigger verbs/nouns but slow per call, so lookups go through an
  ``lru_cache`` keyed by ``(language, token)``; news vocabulary is Zipfian, so the cache hit rate is
  very high after the first few hundred articles.
* sentencex (compiled, ships its own abbreviation data for ~240 languages) splits a 2 KB article in
  ~15 µs; pysbd needs ~5 ms, which alone would cap throughput at ~200 articles/s.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from typing import Protocol

import simplemma
from sentencex import segment

#: Languages simplemma has dictionaries for; others (e.g. Arabic) match on surface forms.
_SIMPLEMMA_LANGS = frozenset({"en", "es", "de", "fr", "it", "pt", "nl", "ru", "pl", "sv", "da", "ca"})

# English-style: "didn't" -> did + n't; "Russia's" -> Russia + 's; hyphenated words stay whole.
# "4,000" and "5.1" stay one token so they do not eat a trigger's gap budget. The possessive
# look-ahead ``\w++['’]t`` only lets words ending in an apostrophe-t try the "n't" split: without
# it, ``\w+(?=n't)`` backtracked through every letter of every word (same tokens, ~12% faster).
_TOKEN_DEFAULT = r"\d+(?:[.,]\d+)+|(?=\w++['’]t\b)\w+(?=n['’]t\b)|n['’]t\b|\w+(?:-\w+)*|['’]s\b|[^\w\s]"
# Most tokens are plain (hyphenated) words with no apostrophe after them and no "4,000"-style
# number at their start; for those every branch above gives the same token as this one, which
# is tried first and does not backtrack (~13% faster; any other token falls through to the above).
_TOKEN_DEFAULT = r"(?!\d+[.,]\d)\w++(?:-\w++)*+(?!['’])|" + _TOKEN_DEFAULT
# Romance elision: "l'armée" -> l' + armée, "qu'il" -> qu' + il.
_TOKEN_ELISION = r"\d+(?:[.,]\d+)+|\b\w{1,3}['’](?=\w)|\w+(?:-\w+)*|[^\w\s]"
# Each match is (whitespace before the token, token): every non-space character starts a token,
# so only whitespace lies between two tokens, and offsets follow from lengths alone.
_TOKEN_RE_DEFAULT = re.compile(r"(\s*)(" + _TOKEN_DEFAULT + ")")
_TOKEN_RE_ELISION = re.compile(r"(\s*)(" + _TOKEN_ELISION + ")")
_ELISION_LANGS = frozenset({"fr", "it"})


def _ascii_variant(rx: re.Pattern[str]) -> re.Pattern[str]:
    r"""``rx`` in ASCII mode, giving the same matches on ASCII text, faster.

    Unicode-mode ``\w``/``\s``/``\b`` test every character through the Unicode database; ASCII
    mode reads a table. On ASCII text the two agree except that Unicode ``\s`` also takes the
    separators U+001C-U+001F, which are added back explicitly. (Most wire copy is ASCII.)
    """
    pat = rx.pattern.replace(r"(\s*)", r"([\s\x1c-\x1f]*)").replace(r"[^\w\s]", r"[^\w\s\x1c-\x1f]")
    if pat.startswith(r"\s*(?:"):
        pat = r"[\s\x1c-\x1f]*" + pat[3:]
    return re.compile(pat, re.ASCII)


# The same patterns without groups, as :func:`tokenize_words` runs them: each match is the
# whitespace before a token and the token, one string. ``findall`` then builds a list of strings
# instead of one (space, token) tuple per token; tuples are tracked by the cyclic garbage
# collector, strings are not, so the collector runs less often (the token is the match with its
# leading whitespace stripped: a token never starts with whitespace).
_TOKEN_FLAT_DEFAULT = re.compile(r"\s*(?:" + _TOKEN_DEFAULT + ")")
_TOKEN_FLAT_ELISION = re.compile(r"\s*(?:" + _TOKEN_ELISION + ")")
_TOKEN_FLAT_DEFAULT_ASCII = _ascii_variant(_TOKEN_FLAT_DEFAULT)
_TOKEN_FLAT_ELISION_ASCII = _ascii_variant(_TOKEN_FLAT_ELISION)


class Word:
    """A token's match keys without its offsets: one shared object per distinct surface form.

    The engine's hot path (:func:`tokenize_words`) keeps offsets in separate lists, so a token
    costs three list appends and no new object. A plain class rather than a ``NamedTuple``: in
    the compiled build (mypyc) it is a native class, so the rule matcher reads ``low``/``lemma``/
    ``cap`` as struct fields instead of through Python attribute lookup. Treat it as immutable:
    one instance is shared by every occurrence of its surface form.
    """

    __slots__ = ("cap", "lemma", "low")

    def __init__(self, low: str, lemma: str, cap: bool) -> None:
        self.low = low
        self.lemma = lemma
        self.cap = cap

    def __repr__(self) -> str:
        return f"Word(low={self.low!r}, lemma={self.lemma!r}, cap={self.cap!r})"

    @classmethod
    def of(cls, tok: Token) -> Word:
        """The match keys of a :class:`Token` (for callers that hold tokens from :func:`tokenize`)."""
        return cls(tok.low, tok.lemma, tok.cap)


class Token(Word):
    """One token: ``text[start:end]`` is the surface form; ``low``/``lemma`` are match keys.

    A :class:`Word` with offsets, so every engine function typed over words also takes the
    tokens of :func:`tokenize`. It iterates, compares and hashes as the tuple
    ``(start, end, low, lemma, cap)``, as the ``NamedTuple`` it replaced did.
    """

    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int, low: str, lemma: str, cap: bool) -> None:
        super().__init__(low, lemma, cap)
        self.start = start
        self.end = end

    def astuple(self) -> tuple[int, int, str, str, bool]:
        return (self.start, self.end, self.low, self.lemma, self.cap)

    def __iter__(self) -> Iterator[int | str | bool]:
        return iter(self.astuple())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Token):
            return self.astuple() == other.astuple()
        if isinstance(other, tuple):
            return self.astuple() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.astuple())

    def __repr__(self) -> str:
        return "Token(start={!r}, end={!r}, low={!r}, lemma={!r}, cap={!r})".format(*self.astuple())


class Lexeme(Protocol):
    """What rule matching reads from a token: a :class:`Token` or a :class:`Word`."""

    @property
    def low(self) -> str: ...

    @property
    def lemma(self) -> str: ...

    @property
    def cap(self) -> bool: ...


@lru_cache(maxsize=1 << 18)
def lemma(lang: str, token: str) -> str:
    """Lower-cased lemma of ``token`` (surface form, any case) in ``lang``.

    German nouns are only found by simplemma in their capitalised form, so the original case is
    passed through and the result lower-cased; unknown tokens come back as themselves.
    """
    if lang not in _SIMPLEMMA_LANGS:
        return token.lower()
    form = token if lang == "de" else token.lower()
    if lang == "pt" and "-" in form:
        form = _pt_verb_of_clitic(form)
    try:
        out = simplemma.lemmatize(form, lang=lang)
    except ValueError:  # pragma: no cover - unsupported language slipped through
        return token.lower()
    return out.lower()


def known(lang: str, token: str) -> bool:
    """Whether simplemma's dictionary for ``lang`` holds ``token`` (as a form or a lemma), which
    :func:`lemma` cannot tell: it returns an unknown word unchanged, as it does a known lemma."""
    return lang in _SIMPLEMMA_LANGS and bool(simplemma.is_known(token, lang=lang))


# European Portuguese joins an object pronoun to its verb with a hyphen ("reúne-se", "comprometeu-se",
# "acusa-o"); simplemma knows the verb, not the joined word, so the pronoun is cut off first
_PT_CLITICS = frozenset(
    ["se", "lhe", "lhes", "o", "a", "os", "as", "lo", "la", "los", "las", "no", "na", "nos", "vos", "me", "te"]
)


def _pt_verb_of_clitic(form: str) -> str:
    """The verb of a Portuguese verb-hyphen-pronoun word ("reúne-se" -> "reúne"); other words as given."""
    head, _, tail = form.rpartition("-")
    return head if head and tail in _PT_CLITICS and "-" not in head else form


#: lang -> surface form -> (length, its Word). Plain dicts: a ``dict.get`` per token is several
#: times cheaper than an ``lru_cache`` call plus ``lower``/``isupper``. News vocabulary is Zipfian,
#: so the tables stay small; they are capped to bound memory on odd input.
#: Keyed by the whole matched piece, its leading whitespace included (" said", "said", "\nsaid"):
#: a hit then needs no ``lstrip`` (a method call and, after a space, a new string per token);
#: value (whitespace length, token length, Word).
_TOKEN_INFO: dict[tuple[str, tuple[str, ...]], dict[str, tuple[int, int, Word]]] = {}
_TOKEN_INFO_MAX = 1 << 18


def _token_info(piece: str, lang: str, strip_prefixes: tuple[str, ...]) -> tuple[int, int, Word]:
    surf = piece.lstrip()
    low = surf.lower()
    if low == "n’t":
        low = "n't"
    lem = _strip(low, strip_prefixes) if strip_prefixes else lemma(lang, surf)
    return len(piece) - len(surf), len(surf), Word(low, lem, surf[:1].isupper())


#: lang -> a run of text without a space (what ``str.split(" ")`` yields) -> its tokens: words,
#: start and end offsets within the run. Most runs are one word ("said", "Kyiv,"). Runs are more
#: varied than tokens (attached punctuation, numbers) and an entry holds three tuples, so the cap
#: is lower: a full table is ≈ 35 MB (measured with random words, their pieces included), and a
#: cleared one refills from the first articles after it.
_CHUNK_INFO_MAX = 1 << 16
_CHUNK_INFO: dict[
    tuple[str, tuple[str, ...]], dict[str, tuple[tuple[Word, ...], tuple[int, ...], tuple[int, ...]]]
] = {}


def _chunk_info(
    chunk: str, lang: str, strip_prefixes: tuple[str, ...]
) -> tuple[tuple[Word, ...], tuple[int, ...], tuple[int, ...]]:
    """The tokens of ``chunk`` alone, as :func:`_tokenize_pieces` finds them."""
    words, starts, ends = _tokenize_pieces(chunk, lang, strip_prefixes, 0, len(chunk))
    return tuple(words), tuple(starts), tuple(ends)


def tokenize_words(
    text: str, lang: str, strip_prefixes: tuple[str, ...] = (), start: int = 0, end: int | None = None
) -> tuple[list[Word], list[int], list[int]]:
    r""":func:`tokenize` as three parallel lists: words, start offsets, end offsets.

    The text is cut at its spaces (``str.split``, C) and each run between two spaces is looked up
    whole: its tokens were found once, by the token pattern, the first time the run was seen
    (:func:`_chunk_info`). Running the pattern itself over every sentence was ≈ 7 % of the
    compiled event tagger (session 12); wire copy repeats its words, so nearly every run is a hit.
    The tokens are the same: no token holds a space (every alternative of the pattern is spaceless
    and a match's leading whitespace is no part of its token), and at the end of a run every
    assertion of the pattern (``\b``, the look-aheads for "n't", an apostrophe, a digit after a
    separator) reads the end of the string as it reads the space it stands for. Offsets follow
    from run lengths. ``tests/tagging/events/test_speed_s12.py`` checks it against
    :func:`_tokenize_pieces` on generated text. The elision pattern (French, Italian) also looks
    back, at the character before a token (``\b`` before "l'"), which at offset ``start`` may be
    a letter where a run's start reads none: those languages run the pattern.
    """
    if lang in _ELISION_LANGS:
        return _tokenize_pieces(text, lang, strip_prefixes, start, end)
    chunks = _CHUNK_INFO.get((lang, strip_prefixes))
    if chunks is None or len(chunks) > _CHUNK_INFO_MAX:
        chunks = _CHUNK_INFO[(lang, strip_prefixes)] = {}
    words: list[Word] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = start
    for chunk in text[start : len(text) if end is None else end].split(" "):
        if chunk:
            info = chunks.get(chunk)
            if info is None:
                info = chunks[chunk] = _chunk_info(chunk, lang, strip_prefixes)
            ws, ss, es = info
            if len(ws) == 1:
                words.append(ws[0])
                starts.append(pos + ss[0])
                ends.append(pos + es[0])
            else:
                for k in range(len(ws)):
                    words.append(ws[k])
                    starts.append(pos + ss[k])
                    ends.append(pos + es[k])
        pos += len(chunk) + 1
    return words, starts, ends


def _tokenize_pieces(
    text: str, lang: str, strip_prefixes: tuple[str, ...] = (), start: int = 0, end: int | None = None
) -> tuple[list[Word], list[int], list[int]]:
    """:func:`tokenize_words` by running the token pattern over ``text[start:end]`` (the reference)."""
    if text.isascii():  # O(1): CPython records it per string
        rx = _TOKEN_FLAT_ELISION_ASCII if lang in _ELISION_LANGS else _TOKEN_FLAT_DEFAULT_ASCII
    else:
        rx = _TOKEN_FLAT_ELISION if lang in _ELISION_LANGS else _TOKEN_FLAT_DEFAULT
    table = _TOKEN_INFO.get((lang, strip_prefixes))
    if table is None or len(table) > _TOKEN_INFO_MAX:
        table = _TOKEN_INFO[(lang, strip_prefixes)] = {}
    words: list[Word] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = start
    # findall (C) beats finditer's method calls per match; the whitespace group and the cached
    # token length give the offsets by addition (no ``str.find`` per token). Plain method calls
    # on the typed locals, not bound methods hoisted out of the loop: compiled (mypyc), these
    # are direct C calls, where a hoisted bound method is called through the generic protocol
    for piece in rx.findall(text, start, len(text) if end is None else end):
        info = table.get(piece)
        if info is None:
            info = table[piece] = _token_info(piece, lang, strip_prefixes)
        pos += info[0]
        words.append(info[2])
        starts.append(pos)
        pos += info[1]
        ends.append(pos)
    return words, starts, ends


def tokenize(
    text: str, lang: str, strip_prefixes: tuple[str, ...] = (), start: int = 0, end: int | None = None
) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets (into ``text``), lower-cased form and lemma.

    ``strip_prefixes`` (Arabic clitics such as و/ال) are removed from the lemma key only, so a
    rule for "هجوم" also matches "والهجوم" while offsets still cover the whole surface word.
    """
    words, starts, ends = tokenize_words(text, lang, strip_prefixes, start, end)
    return [Token(s, e, w.low, w.lemma, w.cap) for w, s, e in zip(words, starts, ends, strict=True)]


@lru_cache(maxsize=1 << 16)
def _strip(low: str, prefixes: tuple[str, ...]) -> str:
    for p in prefixes:
        if low.startswith(p) and len(low) - len(p) >= 3:
            return low[len(p) :]
    return low


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences of ``text``, whitespace trimmed, empty ones dropped.

    Paragraph breaks always end a sentence (sentencex yields them as separate segments), which
    keeps subheads such as "Strikes" from being glued to the next paragraph's first sentence.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for seg in segment(lang, text):
        start, end = pos, pos + len(seg)
        pos = end
        if "\n\n" not in seg:  # the usual case: one part, trimmed by str.strip's own rule
            body = seg.lstrip()
            if body:
                spans.append((end - len(body), start + len(seg.rstrip())))
            continue
        # split on blank lines inside a segment, then trim
        for part_start, part_end in _paragraph_parts(text, start, end):
            s, e = part_start, part_end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
    return spans


def _paragraph_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    cur = start
    while True:
        i = text.find("\n\n", cur, end)
        if i < 0:
            parts.append((cur, end))
            return parts
        parts.append((cur, i))
        cur = i + 2


def token_range(tokens: list[Token], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """Indices ``[i, j)`` of the tokens lying inside the character range ``[start, end)``."""
    i = bisect_left(starts, start)
    j = bisect_left(starts, end, lo=i)
    return i, j


#: every character but letters, digits and the plain space (which needs no replacing, and
#: leaving it alone makes blanking ~1.5x faster); "_" is a word character to ``re`` only
_NON_ALNUM = re.compile(r"[^\w ]|_")
#: the same blanking for ASCII text as a byte table: ``bytes.translate`` is ~20x faster than the
#: substitution, and most wire copy is ASCII
_ASCII_BLANKS = bytes(b if b == 32 or (b < 128 and chr(b).isalnum()) else 32 for b in range(256))

#: ASCII letters, digits and the space: what :func:`blank` keeps
_ASCII_KEPT = bytes(b for b in range(128) if b == 32 or chr(b).isalnum())
_NON_ASCII_CHAR = re.compile(r"[^\x00-\x7f]")


def blank(text: str) -> str:
    r"""``text`` with every character but letters, digits and the space replaced by a space
    (``_NON_ALNUM.sub(" ", text)``, which is the definition: ``\w`` is ``str.isalnum`` plus
    "_"), offsets unchanged. Non-ASCII text replaces each distinct such character in one C pass
    (a 2 KB article has a dozen), ~1.7x faster than the substitution.

    The distinct characters are found without iterating the text in Python's string iterator
    (``set(text)`` made a one-character string per character: 11 of the 13.5 µs per 2 KB body):
    its ASCII punctuation is what deleting ASCII letters, digits and spaces from its ASCII bytes
    leaves, and its non-ASCII characters are few (curly quotes, dashes, accented letters),
    found by one search. 2 KB English body with curly quotes: 13.5 -> 8.6 µs."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_BLANKS).decode("ascii")
    chars = set(text.encode("ascii", "ignore").translate(None, _ASCII_KEPT).decode("ascii"))
    chars.update(_NON_ASCII_CHAR.findall(text))
    for ch in chars:
        if not ch.isalnum():
            text = text.replace(ch, " ")
    return text


#: What a trigger's first word needs elsewhere in its sentence before tokenising is worth it:
#: ``None`` when some rule fires on the word alone, else one alternative per multi-word rule,
#: each a tuple of compiled searches, one per further element, that must all succeed.
Requirement = tuple[tuple["re.Pattern[str]", ...], ...] | None


class Prefilter:
    """Finds, at C speed, where a trigger's first word (any inflection) occurs in a text.

    Tokenising and lemmatising every word costs ~200 µs per 2 KB in Python, so sentences with no
    candidate trigger are skipped without being tokenised. Inflected forms come from inverting
    simplemma's own form->lemma dictionary for the rule lemmas, so the filter accepts exactly the
    forms the lemmatiser would map onto a trigger (plus the surface keys written in the data).

    Many first words are common ("on strike", "end ... fighting", "say no to"), so a hit on a
    word that only starts multi-word triggers also carries a :data:`Requirement`: the sentence is
    tokenised only if every further element of one of those triggers occurs in it as a
    substring of some inflection or stem, a superset of what the token-level matcher accepts.
    Built once per language at load time and never mutated afterwards.
    """

    __slots__ = ("_auto",)

    def __init__(self, forms: dict[str, Requirement]) -> None:
        import ahocorasick

        auto = ahocorasick.Automaton()
        # whole words only, found in C: the text is scanned with every non-alphanumeric
        # character blanked and padded with a space, so a key " on " cannot hit "month"; short
        # keys used to yield three substring hits per whole-word one, each checked in Python.
        # An elided article or pronoun ("s'", "l'") is glued to the next word by design, so it
        # needs no space after it.
        words: dict[str, list[Requirement]] = {}
        for form, req in forms.items():
            canon = _NON_ALNUM.sub(" ", form)
            key = " " + canon if canon.endswith(" ") else " " + canon + " "
            words.setdefault(key, []).append(req)
        for key, reqs in words.items():
            # two forms blanked alike ("cease-fire", "cease fire"): the weaker requirement
            req = None if any(r is None for r in reqs) else tuple(a for r in reqs if r for a in r)
            auto.add_word(key, (len(key), req))
        auto.make_automaton()
        self._auto = auto

    def scan(self, low_text: str) -> list[tuple[int, Requirement]]:
        """Start offsets of whole-word trigger-word hits with what each needs in its sentence."""
        padded = " " + blank(low_text) + " "
        # a key " w " ending at ``end`` of ``padded`` starts at ``end - size + 2`` there, one
        # more than its offset in ``low_text`` (blanking maps characters one to one)
        return [(end - size + 1, req) for end, (size, req) in self._auto.iter(padded)]


def satisfied(req: Requirement, low_text: str, start: int, end: int) -> bool:
    """Whether ``low_text[start:end]`` (one sentence) may hold a trigger needing ``req``.

    A form found right after a letter lies inside a word, where no token starts (tokens start
    after a space, punctuation or a digit, or are a "n't" split off its verb): "no" of "say no
    to" inside "normal", "end" inside "weekend". Such hits are skipped, so a common first word
    ("said", "end") no longer makes its sentence worth tokenising on a substring alone; the
    search stays a superset of what the token-level matcher accepts.
    """
    if req is None:
        return True
    for alternative in req:
        for rx in alternative:
            m = rx.search(low_text, start, end)
            while m is not None:
                at = m.start()
                if at == 0 or not low_text[at - 1].isalpha() or low_text.startswith(_NT, at):
                    break
                m = rx.search(low_text, at + 1, end)
            if m is None:
                break
        else:
            return True
    return False


_NT = ("n't", "n\u2019t")  # the "n't" token follows its verb's last letter


def _dictionary(lang: str) -> object:
    """simplemma's form->lemma dictionary for ``lang``, from the factory ``lemmatize`` itself uses.

    Sharing that factory's cache means each language's (lzma-compressed, pickled) dictionary is
    read from disk once per process, not once for lemmatising and again for inverting.
    """
    try:
        from simplemma.lemmatizer import _legacy_dictionary_factory as factory
    except ImportError:  # pragma: no cover - simplemma internals moved
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

        factory = DefaultDictionaryFactory()
    return factory.get_dictionary(lang)


def inflection_map(lang: str, lemmas: frozenset[str]) -> dict[str, set[str]]:
    """lemma -> lower-cased surface forms simplemma maps onto it (each lemma maps to itself too).

    Only dictionary forms are found; simplemma's rule-based fallbacks are not inverted, so a
    caller should also match on lemmas at token level when it needs full recall.
    """
    out = strict_inflection_map(lang, lemmas)
    return {x: {x} for x in lemmas} if out is None else out


def strict_inflection_map(lang: str, lemmas: frozenset[str]) -> dict[str, set[str]] | None:
    """:func:`inflection_map`, but ``None`` when simplemma's dictionary for ``lang`` cannot be
    read, for callers that must not skip text on the strength of an incomplete form list."""
    out: dict[str, set[str]] = {x: {x} for x in lemmas}
    if lang not in _SIMPLEMMA_LANGS or not lemmas:
        return out
    try:
        raw = getattr(_dictionary(lang), "_dict", None)
    except Exception:  # pragma: no cover - simplemma internals moved
        return None
    if not isinstance(raw, dict):  # pragma: no cover
        return None
    wanted = {x.encode(): x for x in lemmas}
    for form_b, lem_b in raw.items():
        key = wanted.get(lem_b) or wanted.get(lem_b.lower())
        if key is not None:
            out[key].add(form_b.decode().lower())
    return out
