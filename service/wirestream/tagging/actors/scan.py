"""One pass of the Aho-Corasick automaton over a text, with boundary and case checks.

The automaton runs over :func:`scan_text` of the text (lower-cased, word-start punctuation folded
to spaces, one leading space): every key starts with a space, so hits only happen at word starts
and only the end of a hit needs checking. Offsets map 1:1 to the original text. Case-sensitive
readings ("US" vs "us") are resolved with one dict lookup per hit. Overlaps are settled longest-first,
so "Keir Starmer" wins over a shorter alias and "Downing Street" over a city called "Downing".

The types the scan walks (:class:`Kind`, :class:`Entry`, :class:`Scanner`, the automaton values)
and the text folding shared with the key builder (:func:`scan_text`, :func:`mark_clitics`) are
defined here, not in :mod:`.lexicon` (which imports them): this module is compiled in the mypyc
build, so every hit's and every rule's ``entry.kind`` / ``entry.ref`` read is a native struct read
and the per-text folding runs as C, where a class or function of the interpreted lexicon module
costs a generic attribute lookup or an interpreted call each time (about 8 % of a tag call).
The lexicon's record types (:class:`Lexicon`, :class:`Rules`, :class:`Person`, :class:`Term`,
:class:`Org`, :class:`Place`, :class:`Title`, at the end of this module) live here for the same
reason: the resolver reads their attributes on every match (``lexicon`` re-exports them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from operator import attrgetter
from typing import Any, Final

#: Typographic apostrophes (typed as a plain tuple object: a fixed-length tuple constant is rebuilt
#: as a new object on each use in the compiled build).
_QUOTES: Final[tuple[str, ...]] = ("’", "‘", "‛", "＇", "`")


class Kind(IntEnum):
    """What a surface denotes. The order is the priority when one surface has several readings."""

    PERSON = 0
    ORG = 1
    SEAT = 2
    COUNTRY = 3
    DEMONYM = 4
    SURNAME = 5
    TITLE = 6
    HONORIFIC = 7
    ANAPHOR = 8
    CAPITAL = 9
    REGION = 10
    CITY = 11
    AGENT = 12
    #: a fixed expression around an agent noun that names no actor ("artificial intelligence"): its
    #: longer match hides the noun, and it resolves to nothing
    NOT_ACTOR = 13


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a surface. ``exact`` (if set) lists the only spellings that may match; in a
    compiled lexicon it is only set or not (:data:`~.lexicon.CASE_SENSITIVE`): the spellings
    themselves are in the automaton value's by-spelling table, which the scan checks."""

    kind: Kind
    ref: str
    exact: frozenset[str] | None
    #: Country this reading votes for when an article's dominant country is needed (country,
    #: demonym, place, person, country seat), and the weight of that vote; set at compile time so
    #: the vote is one attribute read per match.
    iso: str | None = None
    vote: int = 0

    def __reduce__(self) -> tuple[type[Entry], tuple[Kind, str, frozenset[str] | None, str | None, int]]:
        # the lexicon is pickled once per compile (lexicon._freeze/_thaw); a frozen native class
        # (mypyc) cannot be restored through setattr, so it is rebuilt through its constructor
        return (Entry, (self.kind, self.ref, self.exact, self.iso, self.vote))


#: Characters treated as a word start in the scan copy of a text (folded to a space there), so
#: dictionary keys can be anchored at word starts: " us" never fires inside "because".
BOUNDARY_CHARS: tuple[str, ...] = ("\n", "\t", "\r", "(", "[", '"', "“", "”", "«", "»", "-", "–", "—", "/", "'")
#: Linking particles of Persian and Urdu compound names ("Shan-e-Mustafa", "Nawa-i-Waqt",
#: "Sheikh-ul-Islam"): a dictionary word joined to another by one of them is part of that name, not
#: the place or body the word alone would be (Myanmar's Shan state). Hyphenated compounds without such
#: a particle ("Kyiv-based", "Russia-Ukraine", "US-led") are unaffected.
IZAFAT: tuple[str, ...] = ("-e-", "-i-", "-ul-", "-ud-", "-ur-", "-us-")
#: Arabic proclitics (and, with, for, so, like) that attach to the next word without a space.
AR_PROCLITICS: tuple[str, ...] = ("و", "ب", "ل", "ف", "ك")
#: Stands for "some Arabic proclitic" in the proclitic pass (see :class:`Scanner`); any character
#: works because every hit of that pass is verified against the original text.
CLITIC_MARK = "\x00"

#: How a key's case-sensitive readings are chosen by the text's spelling: None (any spelling gets
#: all readings), the spellings that get all readings (any other gets none), or the readings valid
#: for each allowed spelling, with "" mapping to those valid for any other spelling.
Spellings = dict[str, tuple[Entry, ...]] | tuple[str, ...] | None
#: An automaton value: (surface length, readings, readings by spelling).
Value = tuple[int, tuple[Entry, ...], Spellings]
#: Length of a :data:`Value`. A key's stored readings are one Value when every language reads the
#: key alike, else a tuple with one Value (or None) per language; the lengths tell them apart.
VALUE_LEN: Final = 3
#: A marked proclitic key's value: (key length, proclitics allowed before it, value, None), or
#: (key length, "", None, {rest of the key after the proclitic: (allowed, value)}) when keys that
#: differ in an inner proclitic share the marked form.
CliticValue = tuple[int, str, Value | None, dict[str, tuple[str, Value]] | None]


def scan_text(text: str) -> str:
    """Lower-cased copy of ``text`` with word-start punctuation folded to spaces, prefixed by one
    space; position ``i + 1`` corresponds to ``text[i]`` (same length otherwise)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join([c.lower() if len(c.lower()) == 1 else c for c in text])
    for ch in BOUNDARY_CHARS:
        if ch in low:
            low = low.replace(ch, " ")
    return " " + low


def mark_clitics(low: str) -> str:
    """``low`` with every word-initial Arabic proclitic (one after a space) replaced by
    :data:`CLITIC_MARK`; same length. Used on texts and on proclitic keys alike."""
    for clitic in AR_PROCLITICS:
        if " " + clitic in low:
            low = low.replace(" " + clitic, " " + CLITIC_MARK)
    return low


@dataclass(frozen=True, slots=True)
class Scanner:
    """One language's view of the dictionary automata: what :func:`scan` walks.

    All languages share one Aho-Corasick automaton; a key's value is the tuple of its readings in
    every language of :data:`~.lexicon.LANGUAGES` (None where the key belongs to other languages
    only), and ``index`` picks this language's. The reading objects are interned, so a surface that
    reads the same in all seven languages is stored once (it was once per language automaton before).

    Arabic proclitics ("و" + "موسكو") are not expanded into five extra keys per surface (that was
    six times the automaton). Instead the text gets a second pass (``clitics``) in which every
    word-initial proclitic is replaced by :data:`CLITIC_MARK`, against keys made the same way; a
    hit there is verified against the original text (the proclitic must be one allowed for that
    key, and where the key has inner proclitics its rest is looked up in the hit's value).
    The result is exactly the hits the expanded automaton gave.
    """

    automaton: Any
    index: int
    clitics: Any | None = None

    def reading(self, key: str) -> Value | None:
        """This language's value for an automaton key (None: not a key in this language)."""
        readings = self.automaton.get(key, None)
        if readings is None:
            return None
        found: Value | None = readings if len(readings) == VALUE_LEN else readings[self.index]
        return found


class Match:
    """A dictionary hit ``norm[start:end]`` with its readings, most likely first.

    A plain slotted class with typed attributes (it was a NamedTuple): in the compiled build
    (mypyc) it is a native class, so the resolver's many ``m.start`` / ``m.kind`` reads are struct
    reads instead of descriptor calls, and building one is a direct C call. ``kind`` and ``ref``
    copy the first reading's (the one most rules look at, often several times per hit and its
    neighbours)."""

    __slots__ = ("end", "entries", "kind", "ref", "start")

    def __init__(self, start: int, end: int, entries: tuple[Entry, ...]) -> None:
        self.start = start
        self.end = end
        self.entries = entries
        self.kind: Kind | None = None
        self.ref = ""
        if entries:
            first = entries[0]
            self.kind = first.kind
            self.ref = first.ref

    @property
    def entry(self) -> Entry:
        return self.entries[0]

    def __repr__(self) -> str:
        return f"Match({self.start}, {self.end}, {self.entries!r})"


def normalise(text: str) -> str:
    """Fold typographic apostrophes to ASCII; same length as ``text``.

    ``str.replace`` per quote character is ~100x faster than ``str.translate`` with a dict table,
    and most texts contain only one kind (or none)."""
    for quote in _QUOTES:
        if quote in text:
            text = text.replace(quote, "'")
    return text


def scan(automaton: Scanner, norm: str, arabic: bool = False) -> list[Match]:
    """All dictionary matches in ``norm`` (already quote-folded), non-overlapping, in text order.

    ``automaton`` is a language's :class:`Scanner` (``Lexicon.automaton(lang)``); its
    proclitic pass runs when it has one (Arabic), so ``arabic`` is kept only for callers.
    Keys are anchored at word starts (see :func:`scan_text`), so only the end of a match
    needs a boundary check here. Rejected hits (a key that is the prefix of a longer word, about
    40% of all hits) cost one string index and one ``isalnum``; a :class:`Match` is only built for
    hits that survive."""
    low = scan_text(norm)
    # one trailing non-alphanumeric character, so the end-of-word test needs no bounds check
    padded = norm + " "
    found: list[Match] = []
    index = automaton.index
    prev_end = -1
    overlapping = False
    # Typed so that the compiled build (mypyc) unboxes each hit and each value as a native tuple
    # (a type check and direct field reads) instead of unpacking them through the iterator
    # protocol, and calls ``list.append`` directly instead of through a bound method: the per-hit
    # work around the automaton's own iteration was about as costly as that iteration.
    hit: tuple[int, tuple[Any, ...]]
    value: Value
    for hit in automaton.automaton.iter(low):
        # low[i + 1] is norm[i], so low index ``end`` is one past the hit in norm; a hit that
        # ends inside a word is the most common rejection, so it is tested first
        end, readings = hit
        after = padded[end]
        if after.isalnum():
            continue
        # one value for all languages, or one per language (see VALUE_LEN)
        # (the length in a variable: ``len(readings) == VALUE_LEN`` makes mypy narrow the tuple to
        # three items, and the compiled code then copies it into a new tuple on every hit)
        size = len(readings)
        this: Value | None = readings if size == VALUE_LEN else readings[index]
        if this is None:  # a key of other languages only
            continue
        value = this
        length, entries, by_spelling = value
        start = end - length
        if (after == "-" or (start > 0 and norm[start - 1] == "-")) and _in_compound_name(norm, start, end):
            continue
        if by_spelling is not None:
            entries = _spelled_at(entries, by_spelling, norm, start, end)
            if not entries:
                continue
        # Hits arrive ordered by end; without overlaps that is also text order.
        if start < prev_end:
            overlapping = True
        prev_end = end
        found.append(Match(start, end, entries))
    if automaton.clitics is not None:
        overlapping = _clitic_hits(automaton, low, norm, found, overlapping)
    if not overlapping:
        return found
    return _settle_overlaps(found, len(norm))


def _in_compound_name(norm: str, start: int, end: int) -> bool:
    """Whether the hit ``norm[start:end]`` is joined to a neighbouring word by a linking particle
    (see :data:`IZAFAT`), on either side."""
    return any(norm.startswith(link, end) or norm.endswith(link, 0, start) for link in IZAFAT)


def _spelled_at(
    entries: tuple[Entry, ...],
    by_spelling: dict[str, tuple[Entry, ...]] | tuple[str, ...],
    norm: str,
    start: int,
    end: int,
) -> tuple[Entry, ...]:
    """The readings of a case-sensitive key that the text's spelling ``norm[start:end]`` allows (see
    :data:`Spellings`). Most such hits are common words in the wrong case ("plan", "who" for the
    keys of "PLAN", "WHO"): their first letter already differs, so the spelling is only cut out of
    the text (a new string per hit) when a first letter agrees."""
    if isinstance(by_spelling, tuple):
        first = norm[start]
        spelling = ""
        for allowed in by_spelling:
            if allowed[0] == first:
                if not spelling:
                    spelling = norm[start:end]
                if allowed == spelling:
                    return entries
        return ()
    return by_spelling.get(norm[start:end]) or by_spelling[""]


def _settle_overlaps(found: list[Match], n: int) -> list[Match]:
    """Keep the longest of overlapping hits (then the leftmost), greedily.

    The greedy choice only ever compares hits that overlap, so it is made separately for each run
    of chained overlaps (a sweep in start order finds the runs). Nearly every such run is a name
    and the shorter keys inside it ("Keir Starmer" / "Starmer", "the UK" / "UK"): one hit spanning
    the whole run wins outright, and only other runs need the general pass (longest first,
    marking taken characters)."""
    _sort_by_start(found)
    kept: list[Match] = []
    group: list[Match] = []
    group_start = group_end = -1
    widest = found[0]
    for m in found:
        start, end = m.start, m.end
        if start >= group_end:  # no overlap with the run so far: settle it, start a new one
            if len(group) == 1:
                kept.append(widest)
            elif group:
                _settle_group(group, group_start, group_end, widest, kept, n)
            group = [m]
            group_start, group_end, widest = start, end, m
            continue
        group.append(m)
        if end > group_end:
            group_end = end
        if end - start > widest.end - widest.start:  # strictly longer: the leftmost wins ties
            widest = m
    if len(group) == 1:
        kept.append(widest)
    elif group:
        _settle_group(group, group_start, group_end, widest, kept, n)
    return kept


def _sort_by_start(found: list[Match]) -> None:
    """Sort hits by start, in place and stably (as ``found.sort(key=_by_start)`` would).

    The hits arrive ordered by end, so by start they are out of order only where a longer key
    ends after shorter ones inside it, and an element moves back at most past the hits inside its
    own span (keys are at most a few words). An insertion sort in the compiled build compares
    native ints there; ``list.sort`` called the key function through the generic call protocol
    for every element."""
    for i in range(1, len(found)):
        m = found[i]
        start = m.start
        j = i - 1
        if found[j].start <= start:
            continue
        while j >= 0 and found[j].start > start:
            found[j + 1] = found[j]
            j -= 1
        found[j + 1] = m


def _settle_group(group: list[Match], start: int, end: int, widest: Match, kept: list[Match], n: int) -> None:
    """Settle one run of overlapping hits (``start``..``end``) into ``kept``, in text order."""
    if widest.start == start and widest.end == end:
        kept.append(widest)  # covers the whole run: longest, so first in the greedy order
        return
    group.sort(key=_longest_first)
    taken = bytearray(n + 1)
    chosen: list[Match] = []
    for m in group:
        s, e = m.start, m.end
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append(m)
    chosen.sort(key=_by_start)
    kept.extend(chosen)


def _clitic_hits(automaton: Scanner, low: str, norm: str, found: list[Match], overlapping: bool) -> bool:
    """Add the hits of proclitic forms ("وموسكو") to ``found`` (kept in end order); returns the
    updated overlap flag. See :class:`Scanner` for why this is a second pass."""
    marked = mark_clitics(low)
    if marked == low:
        return overlapping
    clitics = automaton.clitics
    assert clitics is not None
    n = len(norm)
    extra: list[Match] = []
    for end, (width, allowed, value, by_rest) in clitics.iter(marked):
        ws = end - width + 1  # the space before the proclitic, in ``low``
        if by_rest is not None:
            option = by_rest.get(low[ws + 2 : end + 1])
            if option is None:
                continue
            allowed, value = option
        if low[ws + 1] not in allowed:
            continue
        if value is None or (end < n and norm[end].isalnum()):
            continue
        length, entries, by_spelling = value
        start = end - length
        if by_spelling is not None:
            entries = _spelled_at(entries, by_spelling, norm, start, end)
            if not entries:
                continue
        extra.append(Match(start, end, entries))
    if not extra:
        return overlapping
    found.extend(extra)
    found.sort(key=_end)  # stable: hits of one pass keep their order
    prev_end = -1
    for m in found:
        if m.start < prev_end:
            return True
        prev_end = m.end
    return False


def _end(m: Match) -> int:
    return m.end


def _longest_first(m: Match) -> tuple[int, int]:
    return (m.start - m.end, m.start)


_by_start = attrgetter("start")


# --------------------------------------------------------------------------- lexicon types


@dataclass(frozen=True, slots=True)
class Term:
    offices: frozenset[str]
    primary: str
    where: str  # ISO3 or org:<id>
    start: date
    end: date | None

    def active(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)

    def __reduce__(self) -> tuple[type[Term], tuple[Any, ...]]:
        # pickled per compile (_freeze/_thaw), ~20,000 of them: the constructor is much cheaper than
        # a slotted dataclass's default __getstate__/__setstate__ (a ``fields()`` call per object)
        return (Term, (self.offices, self.primary, self.where, self.start, self.end))


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    country: str
    role: str | None
    terms: tuple[Term, ...]
    ambiguous_surname: bool
    #: from the generated officeholders.json (not the curated people.yaml): a bare surname never
    #: resolves to them on its own, only with a title/honorific while in office or after their full name
    imported: bool = False
    #: imported people only: the given names their full names put before the surname, folded lower
    #: case (("nancy",), ("eisenhower", "nduwa")): their full names are found through the surname key
    given: tuple[tuple[str, ...], ...] = ()

    def term_at(self, on: date) -> Term | None:
        for t in self.terms:
            if t.active(on):
                return t
        return None

    def held_before(self, on: date) -> bool:
        return any(t.end is not None and t.end <= on for t in self.terms)

    def __reduce__(self) -> tuple[type[Person], tuple[Any, ...]]:
        # see Term.__reduce__
        fields = (self.id, self.name, self.country, self.role, self.terms, self.ambiguous_surname)
        return (Person, (*fields, self.imported, self.given))


@dataclass(frozen=True, slots=True)
class Org:
    id: str
    name: str
    type: str
    country: str | None
    role: str | None
    code: str | None
    #: each country has its own body of this name ("Kenya Red Cross" is Kenya's, not the ICRC)
    national: bool = False
    #: languages in which the bare name is also an ordinary word (English "Shell", Spanish "Podemos"):
    #: in text of those languages, without case evidence (sentence start, capitalised headline), the
    #: words around it decide (``resolve._common_word_noun``)
    common_word: tuple[str, ...] = ()
    #: other countries call their own body by this name in English ("Ministry of Defence"): unqualified
    #: it can be another country's (see ``resolve._shared_name_elsewhere``)
    shared_name: bool = False
    #: the word is the usual reading of the bare name there (English "Shell": shells, shell casings),
    #: so it is the organisation only before a verb
    word_first: bool = False

    def __reduce__(self) -> tuple[Callable[..., Org], tuple[Any, ...]]:
        # see Term.__reduce__ (and Entry's: a native frozen class is restored through its constructor)
        fields = (self.id, self.name, self.type, self.country, self.role, self.code, self.national)
        return (Org, (*fields, self.common_word, self.shared_name, self.word_first))


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    country: str
    capital: bool
    ambiguous: bool

    def __reduce__(self) -> tuple[type[Place], tuple[Any, ...]]:
        # see Term.__reduce__
        return (Place, (self.id, self.name, self.country, self.capital, self.ambiguous))


@dataclass(frozen=True, slots=True)
class Title:
    id: str
    offices: tuple[str, ...]
    role: str
    local: bool
    org: str | None = None  # the title names its institution ("Commission President")

    def __reduce__(self) -> tuple[type[Title], tuple[Any, ...]]:
        # see Org.__reduce__
        return (Title, (self.id, self.offices, self.role, self.local, self.org))


@dataclass(frozen=True, slots=True)
class Rules:
    """Compiled context rules (regexes built from the word lists in ``rules.yaml``)."""

    locative_words: frozenset[str]
    acting_after: re.Pattern[str]
    name_after: re.Pattern[str]
    name_connectors: frozenset[str]
    function_words: frozenset[str]
    title_modifiers: frozenset[str]
    role_types: Mapping[str, str]
    contextual_agents: frozenset[str]
    agent_modifiers: frozenset[str] = frozenset()
    patronymic_connectors: frozenset[str] = frozenset()
    #: title_blockers as words (title_modifiers holds blockers and neutral modifiers together)
    title_blockers: frozenset[str] = frozenset()
    #: blockers that still name a member of the qualifier's government ("acting", "health")
    member_modifiers: frozenset[str] = frozenset()
    #: lower-case words that end a name in a title-case headline (verbs, auxiliaries, adverbs)
    headline_stops: frozenset[str] = frozenset()
    #: nouns that make an agent word before them a modifier ("military exercises", "police station")
    attributive_heads: frozenset[str] = frozenset()
    #: a verb-first clause's verb right before a capital (Arabic "نددت موسكو"); None if no such verbs
    acting_before: re.Pattern[str] | None = None
    #: languages whose nationality adjectives are lower case (a capitalised one mid-sentence is a name)
    lowercase_adjective_languages: frozenset[str] = frozenset()
    #: (language, lower-case form) of adjectives that are a country only as a qualifier
    qualifier_only: frozenset[tuple[str, str]] = frozenset()
    #: German perfect after a capital: auxiliary, then an agentive participle later in the clause
    acting_after_late: re.Pattern[str] | None = None
    #: words (and two-word phrases) after which a name that is a company and a place is the place
    #: ("a plant in Toyota", "the city of Toyota"); elsewhere the company
    company_place_words: frozenset[str] = frozenset()
    #: words after which "in" before such a name is the company's ("a stake in Toyota")
    company_holding_words: frozenset[str] = frozenset()
    #: after a bare common-word name: a passive whose subject is the thing given or enacted ("Amnesty
    #: was granted to ..."): the English noun
    theme_passive: re.Pattern[str] | None = None
    #: language -> words after a bare common-word name that make it the word ("Chega de", "Podemos a")
    common_word_followers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: language -> infinitive endings ("Podemos ganar"), and finite forms that end alike ("quer")
    infinitive_endings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    not_infinitives: frozenset[tuple[str, str]] = frozenset()
    #: words before a capital that make it the partner of an acting capital ("... with Washington")
    partner_words: frozenset[str] = frozenset()
    #: language -> conjunctions that join a common-word name to another name ("Shell and Chevron")
    name_conjunctions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: language -> title words naming no office of their own ("the chief"): bare, only a named holder
    generic_titles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: language -> words that put a workforce on strike ("striking workers"), and the roles they turn LAB
    labour_action_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    labour_action_roles: frozenset[str] = frozenset()
    #: the last letters of those words (a one-character test rules out most agent nouns first)
    labour_action_last: frozenset[str] = frozenset()
    #: agentive verbs whose object is a clause ("said"): a capital after them is no verb's object
    clause_verbs: frozenset[str] = frozenset()
    #: single-word agentive verbs that take an object (agentive_verbs less clause_verbs, lower case)
    object_verbs: frozenset[str] = frozenset()
    #: language -> words that may stand between such a verb and its object ("acusó a Washington")
    object_markers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: language -> lower-case head noun -> its agent reading, for compounds written as one word in
    #: that language ("Medizinstudenten": the EDU of "Studenten"); and the head lengths to try
    compound_heads: Mapping[str, Mapping[str, Entry]] = field(default_factory=dict)
    compound_head_lengths: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    #: language -> the words that may follow such an object ("accused Moscow of"); none listed: any
    object_followers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: the gap between an agent noun and its country ("police in Kenya", "el Gobierno de Estados
    #: Unidos"): a preposition and maybe an article (rules ``country_prepositions``/``_articles``)
    in_country: re.Pattern[str] | None = None
    #: language (one that capitalises every noun) -> words opening a noun phrase ("am Montag Kiew")
    noun_determiners: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: country names that are also given names ("Jordan", "Chad"): before a town's name, a person
    given_name_countries: frozenset[str] = frozenset()
    #: language -> compass words that make a part of the country named after them ("South Lebanon")
    compass_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: language -> definite articles (and contractions) that make a contextual agent the story's own
    definite_articles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: match reports: words only sports copy uses, result verbs (with a score), and the words that
    #: put something in a city there ("police in Liverpool"); None when the rules have none
    match_sport: re.Pattern[str] | None = None
    match_result: re.Pattern[str] | None = None
    match_in_words: frozenset[str] = frozenset()
    #: the sport words in lower case: a field holding none of them needs no sport pattern search
    match_hints: tuple[str, ...] = ()
    #: (language, lower case) of the country names of one language only ("russland", not "jordan")
    own_country_names: frozenset[tuple[str, str]] = frozenset()
    #: language -> endings of declined titles that are also plurals ("Präsidenten"), and the words
    #: that make them plural before them ("die Präsidenten")
    plural_title_endings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    plural_title_words: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the tagger needs for one dictionary version; immutable once built."""

    version: str
    digest: str
    automata: Mapping[str, Scanner]
    persons: Mapping[str, Person]
    by_surname: Mapping[str, tuple[str, ...]]
    orgs: Mapping[str, Org]
    places: Mapping[str, Place]
    country_names: Mapping[str, str]
    titles: Mapping[str, Title]
    holders: Mapping[tuple[str, str], tuple[tuple[date, date | None, str], ...]]
    office_roles: Mapping[str, str]
    capital_actors: Mapping[str, str]
    rules: Rules
    #: Multi-word titles of the postnominal languages split after their head noun, so a nationality
    #: adjective may stand inside them ("le ministre russe des Affaires étrangères"): (language,
    #: folded lower-case head) -> ((folded lower-case rest with its leading space, title id), ...),
    #: longest rest first.
    title_tails: Mapping[tuple[str, str], tuple[tuple[str, str], ...]]
    #: Memo of derived values that depend only on this lexicon and their key (office holders per
    #: date, person attributes per date, institution names). The only mutable part: entries are
    #: added, never changed, so sharing a Lexicon between threads stays safe under the GIL.
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def automaton(self, language: str | None) -> Scanner:
        lang = (language or "en").split("-")[0].lower()
        return self.automata.get(lang) or self.automata["en"]
