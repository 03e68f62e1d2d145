"""From dictionary matches to actor tags: composition, context rules and in-document coreference.

The scan gives a flat list of matches per field. A few generic rules turn them into actors:

* **qualifier + head**: a country/demonym/place/organisation right before (or with "'s") a title or
  agent noun qualifies it — "French President", "France's leader", "Russian troops" (RUSMIL),
  "the city's mayor" (the last place mentioned); in es/fr/it/pt/ar the adjective follows its noun
  ("el gobierno peruano", "le président français", "الحكومة الأردنية") and qualifies it the same way;
* **title + name**: a title followed by a known person confirms them; followed by an unknown
  capitalised name it introduces a new person whose country and role come from the title phrase;
* **title alone** ("the Prime Minister"): the office holder on the article date — preferring someone
  already mentioned who holds such an office, else the holder for the qualifier's country, else for
  the article's dominant country;
* **surnames** ("Mr Macron", "Putin") resolve to a person named in full in the same article, else to
  the only person with that surname in office on the date;
* **capitals** are the government when they act ("Moscow said", "London and Paris have indicated",
  "Moskau wies zurück", "Pékin a dénoncé", Arabic verb-first "نددت موسكو") and a place otherwise
  ("in Kyiv", "strikes on Kyiv", "en Moscú"). A capital that is attacked stays a place on purpose:
  the strikes hit the city, not the government, and the place's ``code`` is its country (UKR),
  which is what the event tagger takes as the target;
* in es/fr/it/pt a nationality adjective may stand *inside* a title ("le ministre russe des Affaires
  étrangères", "el ministro ruso de Exteriores"): the title's rest after it completes the title;
* **generic agents** without a stated country ("police", "protesters", "rioters") are ``---`` coded,
  as CAMEO does; the article's country is used only for contextual ones with "the" ("the police"),
  and "police in Nairobi" takes the place's country;
* adjectives with a second sense are filtered: in es/it/pt (lower-case adjectives) a capitalised one
  mid-sentence is a name ("Giordano"), and a few listed forms (es "indio", ar "تركي") are a country
  only as a qualifier ("el gobierno indio");
* an agent word used as a modifier ("military exercises", "police station") is no actor, and people
  speaking for an organisation ("a Hamas official", "NATO officials") are that organisation;
* seats of power ("the Kremlin", "No 10") always stand for their institution;
* **appositions** give unknown people the country of their own title phrase, wherever it stands
  ("Lithuania's defence minister, X,", "X, a Lithuanian minister,", "President X of Lithuania",
  "Kremlin spokesman X", "the mayor of Vilnius, X,") - the article's main country is only the last
  guess, because wire stories quote foreign officials all the time;
* **names built on places**: a hand-listed region glued to an unknown capitalised word is a body
  named after it ("Texas Instruments"), and capitalised organisation heads after a country make that
  country's body ("Nigerian Bar Association"); title-case headlines carry no name evidence.

All state is local to one call; the Lexicon is read-only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final

from ...models import ActorTag, ActorType, Article, Span, TextField
from .lexicon import fold
from .scan import Entry, Kind, Lexicon, Match, Org, Person, Rules, Term, Title, normalise, scan

# Kinds as final module constants: the compiled build (mypyc) keeps ``Final`` names in C statics,
# where a plain global (or ``Kind.AGENT``) is a module-dict lookup (and an attribute lookup) per use.
_K_PERSON: Final = Kind.PERSON
_K_ORG: Final = Kind.ORG
_K_SEAT: Final = Kind.SEAT
_K_COUNTRY: Final = Kind.COUNTRY
_K_DEMONYM: Final = Kind.DEMONYM
_K_SURNAME: Final = Kind.SURNAME
_K_TITLE: Final = Kind.TITLE
_K_HONORIFIC: Final = Kind.HONORIFIC
_K_ANAPHOR: Final = Kind.ANAPHOR
_K_CAPITAL: Final = Kind.CAPITAL
_K_REGION: Final = Kind.REGION
_K_CITY: Final = Kind.CITY
_K_AGENT: Final = Kind.AGENT

_T_COUNTRY: Final = ActorType.COUNTRY
_T_PLACE: Final = ActorType.PLACE
_T_PERSON: Final = ActorType.PERSON
_F_HEADLINE: Final = TextField.HEADLINE
_F_BODY: Final = TextField.BODY
#: A memo miss (None is a memoised value).
_UNSET: Final = object()


# Kind tests as functions of identity checks: a ``kind in (<Kind>, ...)`` test compiles to one
# rich comparison per member (Kind is an IntEnum, so an object to the compiled build), where ``is``
# is a pointer comparison; readings only ever hold Kind members, so identity is equality here.
def _countryish(k: Kind | None) -> bool:
    return k is _K_COUNTRY or k is _K_DEMONYM


def _placeish(k: Kind | None) -> bool:
    return k is _K_CAPITAL or k is _K_CITY or k is _K_REGION


def _of_qualifier(k: Kind | None) -> bool:
    """Kinds that may follow "of" after a title ("minister of Lithuania", "head of NATO")."""
    return k is _K_COUNTRY or k is _K_DEMONYM or k is _K_ORG


def _in_qualifier(k: Kind | None) -> bool:
    """Kinds that may follow "in" after an agent noun ("police in Kenya", "police in Nairobi")."""
    return _countryish(k) or _placeish(k)


def _title_qualifier(k: Kind | None) -> bool:
    """Kinds that may qualify a title across one modifier ("Ukraine's deputy foreign minister")."""
    return _countryish(k) or k is _K_ORG or _placeish(k)


_POSSESSIVE: Final = re.compile(r"'s?[ \t]+$")
#: "of", "to", "for" linking a title to its country, in the tagger's languages ("minister of
#: Lithuania", "ministro de Defensa de Lituania", "présidente de la Lituanie", "ambassador to Kenya").
_ARTICLE: Final = r"(?:(?:the|la|le|el|il|lo|die|der|o|a)[ \t]+|l')?"
_OF: Final = re.compile(r"[ \t]+(?:of|de|del|du|des|di|della|dello|do|da|dos|das|von|der)[ \t]+" + _ARTICLE + "$")
_FOR: Final = re.compile(
    r"[ \t]+(?:for|at|of|with|de|del|du|des|di|della|do|da|para|pour|für|per|bei)[ \t]+" + _ARTICLE + "$"
)
_TO: Final = re.compile(r"[ \t]+(?:to|a|à|al|au|aux|ante|en|bei|presso|junto a)[ \t]+" + _ARTICLE + "$")
_SPACE_OR_COMMA: Final = re.compile(r"[ \t]*,?[ \t]+$")
_NAME_BEFORE_COMMA: Final = re.compile(r"(?:^|[\s(\"])((?:[A-Z][\w'\-]+ ){1,3}[A-Z][\w'\-]+), $")
#: "former" in the tagger's languages (es/it/pt also write "ex", as English does): a title after one
#: of them is a past holder's, never resolved to today's ("l'ancien président", "der ehemalige Präsident").
_FORMER_WORDS: Final = (
    "former|ex|retired|ancien|ancienne|anciens|anciennes|antiguo|antigua|antiguos|antiguas|antigo|antigos|"
    "antigas|ehemalige|ehemaliger|ehemaligen|ehemaliges|frühere|früherer|früheren|früheres"
)
_FORMER: Final = frozenset(_FORMER_WORDS.split("|"))
#: The last letters of those words, either case: the cheap pre-test of the word before an agent noun.
#: (Derived from the words: it was "rdx", the English ones' only, which made the agent rule skip
#: "ehemalige Soldaten", "anciens militaires", "antiguos soldados".)
_FORMER_LAST: Final = frozenset(c for w in _FORMER for c in (w[-1], w[-1].upper()))
# (at most one word between, which may be joined by a hyphen: "der frühere US-Präsident")
_FORMER_THEN: Final = r"))[\s-]+(?:\w+[\s-]+)?$"
_FORMER_BEFORE: Final = re.compile(r"(?i:\b(?:" + _FORMER_WORDS + _FORMER_THEN)
#: The same with a definite article before it ("the former", "l'ancien", "el antiguo", "der frühere").
_THE_FORMER: Final = re.compile(
    r"(?i:(?:\b(?:the|el|la|los|las|le|les|der|die|das|il)[ \t]+|\bl')(?:" + _FORMER_WORDS + _FORMER_THEN
)
#: Lower-case fragments one of which every word of :data:`_FORMER_WORDS` contains (the cheap pre-test).
_FORMER_HINTS: Final[tuple[str, ...]] = ("ex", "former", "ret", "anc", "antig", "ehemal", "früh")
_MODIFIER_GAP: Final = re.compile(r"('s?)?[ \t]+([A-Za-z][\w-]*)[ \t]+")
_AGENT_GAP: Final = re.compile(r"('s?)?((?:[ \t]+[^\W\d_][\w-]*){1,2})[ \t]+")
#: What may stand between a name's comma and a title phrase in an apposition: an article and a
#: "former" ("Jane Doe, a former Lithuanian minister,", "X, the former president,"); a ``the`` right
#: before the title is already part of the phrase.
_APPOSITION_LEAD: Final = re.compile(r", (?:(?:an?|the) )?(?:(?:former|ex|then)[ -])?$")
#: Languages whose nationality adjectives follow the noun they qualify ("las tropas ucranianas"):
#: an agent noun followed by a demonym is that country's agent, as "Ukrainian troops" is in English.
_POSTNOMINAL: Final = frozenset({"es", "fr", "it", "pt", "ar"})
_WORD: Final = re.compile(r"\S+")
#: a capitalised word of letters only (German compounds: "Medizinstudenten")
_CAP_WORD: Final = re.compile(r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß]{5,}(?![\w-])")
#: an honorific and the space after it, before a name: at a span's end (the word before a name) and
#: at its start (a mention that includes it)
_HONORIFIC: Final = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?[ \t]+"
_HONORIFIC_BEFORE: Final = re.compile(_HONORIFIC + "$")
_HONORIFIC_LEAD: Final = re.compile("^" + _HONORIFIC)

# Confidence by how an actor was found: a full dictionary name is near-certain, coreference less so.
C_NAME: Final = 0.95
C_CODE: Final = 0.9
C_COREF: Final = 0.85
C_TITLE: Final = 0.8
C_CONTEXT: Final = 0.75
C_NEW_PERSON: Final = 0.7
C_SURNAME_GUESS: Final = 0.6
C_BARE: Final = 0.4


def article_date(article: Article) -> date:
    """The date offices are resolved at: published, else version_created, else today (UTC)."""
    when = article.published or article.version_created
    return when.date() if when is not None else datetime.now(UTC).date()


class _Acc:
    """Attributes and mentions of one actor while an article is being tagged.

    A plain slotted class: one is built per actor per article, and a dataclass ``__init__`` with
    ``default_factory`` fields costs about twice as much."""

    __slots__ = ("actor_id", "code", "confidence", "country", "name", "office", "role", "spans", "type")

    def __init__(
        self,
        actor_id: str,
        name: str,
        type: ActorType,
        country: str | None,
        role: str | None,
        office: str | None,
        code: str | None,
        confidence: float,
    ) -> None:
        self.actor_id = actor_id
        self.name = name
        self.type = type
        self.country = country
        self.role = role
        self.office = office
        self.code = code
        self.confidence = confidence
        self.spans: list[tuple[int, int, int]] = []  # (field idx, start, end), each once


@dataclass(slots=True)
class _Field:
    idx: int
    field: TextField
    text: str
    norm: str
    matches: list[Match]
    titlecase: bool = False
    #: Adjectives follow the noun in this language ("le gouvernement lituanien", "الحكومة الليتوانية").
    postnominal: bool = False
    lang: str = "en"


def _mention(acc: _Acc, idx: int, start: int, end: int, conf: float) -> None:
    """Record one mention of an actor (each span once) and keep its best confidence."""
    # typed Any so the compiled build makes the tuple object once (as a native tuple, it was boxed
    # into a new object for the membership test and again for the append)
    span: Any = (idx, start, end)
    spans = acc.spans
    if span in spans:  # a handful of spans per actor: a list scan beats a per-actor set
        return
    spans.append(span)
    if conf > acc.confidence:
        acc.confidence = conf


class _Doc:
    """Per-article working state (created and discarded inside one ``tag`` call)."""

    def __init__(self, lex: Lexicon, on: date, fields: list[_Field]) -> None:
        self.lex = lex
        self.on = on
        self.fields = fields
        self.acc: dict[str, _Acc] = {}
        self.mentioned: list[str] = []  # person ids, in mention order
        self.new_people: dict[str, str] = {}  # surname -> actor id of people found by apposition
        self.new_orgs: dict[str, str] = {}  # name -> actor id of bodies named before their noun
        self.last_place: str | None = None
        #: matches starting in [skip_from, skip_to) belong to a phrase already resolved (a title's
        #: rest after an inner adjective: "de Exteriores" in "el ministro ruso de Exteriores")
        self.skip_from = self.skip_to = -1
        self._full_names: set[str] | None = None
        self._dominant: str | None = None
        self._dominant_done = False
        #: the dominant country's votes (set with it)
        self.dominant_votes = 0
        #: shared-name bodies already named with another country's qualifier in this article
        #: ("Ukraine's Ministry of Defence"): org ref -> that country
        self.owners: dict[str, str] | None = None
        #: (field index, end) of the last capital read as its government ("Moscow signed ...")
        self.acting_capital: tuple[int, int] = (-1, -1)
        #: (field index, end) of the verb that capital governs ("Moscow accused"): a capital right
        #: after it is the verb's object, a government too ("Moscow accused Kyiv")
        self.acting_verb: tuple[int, int] = (-1, -1)
        #: (field index, start, end) of new people's names in body text: no place inside them
        self.name_spans: list[tuple[int, int, int]] = []
        #: field index -> may the field hold a match report at all (:func:`_club_in_match_report`)
        self.sport_fields: dict[int, bool] = {}
        #: mentions given the dominant country only because they are "the government" (composite
        #: code, role, field index, start, end, confidence): see :func:`_confirm_dominant`
        self.by_dominant: list[tuple[str, str, int, int, int, float]] | None = None

    @property
    def full_names(self) -> set[str]:
        """Dictionary people named in full anywhere in the article (only surname lookups need it)."""
        if self._full_names is None:
            person = _K_PERSON
            self._full_names = {m.ref for f in self.fields for m in f.matches if m.kind is person}
        return self._full_names

    @property
    def dominant(self) -> str | None:
        """The article's main country, computed only when a rule needs it (most articles don't)."""
        if not self._dominant_done:
            self._dominant = self._dominant_country()
            self._dominant_done = True
        return self._dominant

    # ------------------------------------------------------------------ context

    def _dominant_country(self) -> str | None:
        """Most-voted country (first reached on ties); votes are precomputed per reading
        (:attr:`Entry.iso`, :attr:`Entry.vote`), headline mentions count double."""
        votes: dict[str, int] = {}
        for f in self.fields:
            weight = 2 if f.field is _F_HEADLINE else 1
            for m in f.matches:
                e = m.entries[0]
                iso = e.iso
                if iso is not None:
                    # ``votes.get`` written out: the compiled build calls a dict primitive (a bound
                    # ``get`` kept in a local is called as a generic Python callable)
                    votes[iso] = votes.get(iso, 0) + e.vote * weight
        if not votes:
            return None
        best = max(votes.items(), key=_count)
        self.dominant_votes = best[1]
        return best[0]

    # ------------------------------------------------------------------ accumulation

    def add(self, actor_id: str, make: Callable[[], _Acc], f: _Field, start: int, end: int, conf: float) -> None:
        acc = self.acc.get(actor_id)
        if acc is None:
            acc = make()
            self.acc[actor_id] = acc
        _mention(acc, f.idx, start, end, conf)

    def add_country(self, iso: str, f: _Field, start: int, end: int, conf: float = C_NAME) -> None:
        acc = self.acc.get(iso)
        if acc is None:
            name = self.lex.country_names.get(iso, iso)
            acc = self.acc[iso] = _Acc(iso, name, _T_COUNTRY, iso, None, None, iso, conf)
        _mention(acc, f.idx, start, end, conf)

    def add_composite(
        self, country: str | None, role: str, f: _Field, start: int, end: int, conf: float, org_code: str | None = None
    ) -> None:
        """An institution of a country (GBRGOV, RUSMIL) or of an organisation (IGOWSTNATMIL)."""
        code = (org_code or country or "---") + role
        acc = self.acc.get(code)
        if acc is None:
            name, rtype = self._composite_label(code, country, role, org_code)
            acc = self.acc[code] = _Acc(code, name, rtype, country, role, None, code, conf)
        _mention(acc, f.idx, start, end, conf)

    def _composite_label(
        self, code: str, country: str | None, role: str, org_code: str | None
    ) -> tuple[str, ActorType]:
        """Name and type of an institution code, memoised on the (immutable) lexicon."""
        memo = self.lex.memo
        key = ("composite", code, country)
        hit = memo.get(key)
        if hit is None:
            rtype = ActorType(self.lex.rules.role_types.get(role, "organisation"))
            if country and not org_code:
                base = self.lex.country_names.get(country, country)
                label = {"GOV": "government", "MIL": "military"}.get(role)
                name = f"{base} {label}" if label else f"{base} ({role})"
            else:
                name = f"{org_code} {role}" if org_code else role
            hit = memo[key] = (name, rtype)
        return hit

    def add_actor_ref(self, ref: str, f: _Field, start: int, end: int, conf: float) -> None:
        """``ref`` is org:<id> or a composite code like GBRGOV."""
        if ref.startswith("org:"):
            self.add_org(ref, f, start, end, conf)
        else:
            self.add_composite(ref[:3], ref[3:], f, start, end, conf)

    def add_org(self, ref: str, f: _Field, start: int, end: int, conf: float = C_NAME) -> None:
        acc = self.acc.get(ref)
        if acc is None:
            o = self.lex.orgs[ref]
            acc = self.acc[ref] = _Acc(ref, o.name, ActorType(o.type), o.country, o.role, None, o.code, conf)
        _mention(acc, f.idx, start, end, conf)

    def add_place(self, ref: str, f: _Field, start: int, end: int) -> None:
        self.last_place = ref
        acc = self.acc.get(ref)
        if acc is None:
            p = self.lex.places[ref]
            acc = self.acc[ref] = _Acc(ref, p.name, _T_PLACE, p.country, None, None, p.country, C_NAME)
        _mention(acc, f.idx, start, end, C_NAME)

    def add_person(
        self,
        pid: str,
        f: _Field,
        start: int,
        end: int,
        conf: float,
        title: Title | None = None,
        former: bool = False,
    ) -> None:
        acc = self.acc.get(pid)
        if acc is None:
            acc = self.acc[pid] = self._person_acc(self.lex.persons[pid], conf, title, former)
        _mention(acc, f.idx, start, end, conf)
        mentioned = self.mentioned
        if not mentioned or mentioned[-1] != pid:
            if pid in mentioned:
                mentioned.remove(pid)
            mentioned.append(pid)

    def _person_acc(self, p: Person, conf: float, title: Title | None = None, former: bool = False) -> _Acc:
        """Country/role/office at the article date. Out of office: ELI if they held one before,
        unless the text itself gives a current title ("Senator X") - the text is newer than us.
        For the same reason a "former" title before the name ("Former Prime Minister X") makes them
        an elite even when the dictionary still has them in office.
        Memoised per (person, date, title) on the lexicon: the same few dates recur in a stream."""
        key = ("person", p.id, self.on, title.id if title is not None else None, former)
        memo = self.lex.memo
        # typed, so the compiled build unpacks it as a tuple rather than through the iterator protocol
        hit: tuple[str | None, str | None, str | None, str | None] | None = memo.get(key)
        if hit is None:
            hit = memo[key] = self._person_attrs(p, title, former)
        country, role, office, code = hit
        return _Acc(f"person:{p.id}", p.name, _T_PERSON, country, role, office, code, conf)

    def _person_attrs(
        self, p: Person, title: Title | None, former: bool = False
    ) -> tuple[str | None, str | None, str | None, str | None]:
        if former:
            return p.country, "ELI", None, p.country + "ELI"
        term = p.term_at(self.on)
        country: str | None
        role: str | None
        code: str | None
        if term is not None:
            if term.where.startswith("org:"):
                org = self.lex.orgs[term.where]
                country, role, code = org.country, "IGO", org.code
            else:
                country = term.where
                role = self.lex.office_roles.get(term.primary, "GOV")
                code = country + role
            office: str | None = term.primary
        else:
            country, office = p.country, None
            role = "ELI" if p.held_before(self.on) else p.role
            if title is not None:
                role, office = title.role, title.offices[0]
            code = (country or "---") + (role or "")
        return country, role, office, code

    # ------------------------------------------------------------------ lookups

    def term(self, pid: str) -> Term | None:
        """``pid``'s term of office on the article date (memoised on the lexicon per date)."""
        key = ("term", pid, self.on)
        memo = self.lex.memo
        known = memo.get(key, _UNSET)  # one lookup (``in`` then ``[]`` hashed the key twice)
        if known is not _UNSET:
            found: Term | None = known
            return found
        found = memo[key] = self.lex.persons[pid].term_at(self.on)
        return found

    def holder(self, title: Title, where: str | None, named_only: bool = False) -> str | None:
        """Who holds ``title`` (at ``where``) on the article date, preferring people already named;
        with ``named_only``, only someone the article named."""
        offices = title.offices
        for pid in reversed(self.mentioned):
            term = self.term(pid)
            if term and not term.offices.isdisjoint(offices) and (where is None or term.where == where):
                return pid
        if named_only:
            return None
        target = where or self.dominant
        if target is None:
            return None
        key = ("holder", title.offices, target, self.on)
        memo = self.lex.memo
        known = memo.get(key, _UNSET)
        if known is not _UNSET:
            holder: str | None = known
            return holder
        found: str | None = None
        for office in title.offices:
            for start, end, pid in self.lex.holders.get((office, target), ()):
                if start <= self.on and (end is None or self.on < end):
                    found = pid
                    break
            if found is not None:
                break
        memo[key] = found
        return found


def _count(item: tuple[str, int]) -> int:
    return item[1]


def _gap(f: _Field, a: Match, b: Match) -> str:
    return f.norm[a.end : b.start]


def _prev(f: _Field, i: int, pattern: re.Pattern[str] = _SPACE_OR_COMMA) -> Match | None:
    if i == 0:
        return None
    p = f.matches[i - 1]
    gap = _gap(f, p, f.matches[i])
    if gap == " " or pattern.fullmatch(gap):
        return p
    return None


def _prev_poss_or_space(f: _Field, i: int) -> tuple[Match | None, bool]:
    if i == 0:
        return None, False
    p = f.matches[i - 1]
    width = f.matches[i].start - p.end
    if width > 4 or width < 1:  # cheap exit: most neighbours are far apart
        return None, False
    gap = f.norm[p.end : f.matches[i].start]
    if gap == " " or (gap.strip() == "" and "\n" not in gap):
        return p, False
    if _POSSESSIVE.fullmatch(gap):
        return p, True
    return None, False


def _next(f: _Field, i: int) -> tuple[Match | None, str]:
    if i + 1 >= len(f.matches):
        return None, ""
    n = f.matches[i + 1]
    return n, _gap(f, f.matches[i], n)


def _word_before(norm: str, pos: int) -> tuple[int, str] | None:
    """The word ending one space before ``pos`` (start, text), found with C-level ``rfind``
    instead of a backwards regex search."""
    if pos < 2 or norm[pos - 1] != " " or not norm[pos - 2].isalnum():
        return None
    k = norm.rfind(" ", 0, pos - 1)
    # a line break only matters between that space and the word (searching for it from the text
    # start walked back over the whole paragraph)
    k = max(k, norm.rfind("\n", k + 1, pos - 1)) + 1
    return k, norm[k : pos - 1]


def _inside_longer_name(doc: _Doc, f: _Field, i: int, check_before: bool = True, surname: bool = False) -> bool:
    """True when a surname/place match is glued to an unknown capitalised word ("Melania Trump",
    "Paris Hilton", "Juan Carlos Jobet"): then it is part of some other name, not our entity.
    Title-case headlines carry no such signal and are exempt.

    For surnames, a neighbouring *surname* match counts as such a word too: in "General Charles
    Brown" neither "Charles" (a king's regnal name) nor "Brown" (a prime minister's surname) is
    that person; and a patronymic connector after it ("Abdullah bin Zayed", "Hamad bin Jassim")
    makes it the first part of a longer Arabic name, not the ruler who shares the given name."""
    if f.titlecase:
        return False
    m = f.matches[i]
    norm = f.norm
    e = m.entries[0]
    if e.kind is _K_DEMONYM and (norm[m.start].islower() or (e.exact is None and _sentence_start(norm, m.start))):
        # a lower-case adjective ("die litauische Hauptstadt": German capitalises every noun) is
        # not the start of a proper name, nor is one the dictionary writes in lower case that is
        # capitalised only because it opens a sentence ("Russische Panzer rückten vor")
        return False
    words = doc.lex.rules.function_words
    # a language that capitalises every noun: capitals there are weaker evidence of a name
    dets = None if surname else doc.lex.rules.noun_determiners.get(f.lang)
    if check_before:
        wb = _word_before(norm, m.start)
        if (
            wb is not None
            and wb[1][:1].isupper()
            and wb[1] not in words
            # "South Lebanon", "Northern Iraq": a part of the country, no other name
            and not (m.kind is _K_COUNTRY and wb[1].lower() in doc.lex.rules.compass_words.get(f.lang, ()))
        ):
            if not (i > 0 and f.matches[i - 1].end == m.start - 1):
                # "am Montag Kiew": after an article or a preposition the word is a common noun
                w2 = _word_before(norm, wb[0]) if dets is not None else None
                if (
                    dets is None
                    or w2 is None
                    or w2[1].lower() not in dets
                    or not (m.kind is _K_COUNTRY or _placeish(m.kind))
                ):
                    return True
            prev = f.matches[i - 1]
            prev_kind = prev.kind
            if (
                m.kind is _K_CITY
                and prev_kind is _K_COUNTRY
                and norm[prev.start : prev.end] in doc.lex.rules.given_name_countries
            ):
                return True  # "Jordan Henderson": the town is the surname after a given name
            if prev_kind is _K_SURNAME and (surname or _placeish(m.kind)):
                # "Ahmed Shan": a place name right after a name part (a known surname, which is
                # also a given name) is that person's family name, not the place
                return True
    end = m.end
    if surname and end + 1 < len(norm) and norm[end] == " ":
        nxt = f.matches[i + 1] if i + 1 < len(f.matches) else None
        if nxt is not None and nxt.start == end + 1 and (nxt.kind is _K_SURNAME or nxt.kind is _K_PERSON):
            return True
        stop = norm.find(" ", end + 1)
        if (
            stop != -1
            and stop + 1 < len(norm)
            and norm[stop + 1].isupper()
            and norm[end + 1 : stop] in doc.lex.rules.patronymic_connectors
        ):
            return True
    if end + 1 >= len(norm) or norm[end] != " " or not norm[end + 1].isupper():
        return False
    if (
        dets is not None
        and m.kind is _K_COUNTRY
        and (f.lang, norm[m.start : end].lower()) in doc.lex.rules.own_country_names
    ):
        # "wirft Russland Kriegsverbrechen vor": after a verb (a lower-case word) the capitalised
        # word is a noun, compounds with a country being written joined; after a noun ("der Sänger
        # Paul Smith"), at a sentence start, or after an English name that is also a given name
        # ("mit Jordan Bardella": German says Jordanien) the name test stands
        wb = _word_before(norm, m.start)
        if wb is not None and wb[1][:1].islower():
            return False
    stop = norm.find(" ", end + 1)
    word = norm[end + 1 : stop if stop != -1 else len(norm)].rstrip(".,;:!?'\")")
    if word in words:
        return False
    if i + 1 < len(f.matches) and f.matches[i + 1].start == end + 1:
        # a known word follows: it is a name only when it is nothing but an imported person's surname
        # ("Paris Hilton": with every cabinet minister imported, many family names are someone's
        # surname, though they name that minister only after a title or their full name)
        nxt = f.matches[i + 1]
        if (
            m.kind is _K_COUNTRY
            and nxt.kind is _K_CITY
            and norm[m.start : end] in doc.lex.rules.given_name_countries
            and norm.find(" ", nxt.start, nxt.end) == -1
        ):
            return True  # "Jordan Henderson", "Chad Mesa": a given name and a surname that is also a town
        if not _placeish(m.kind) or nxt.kind is not _K_SURNAME or len(nxt.entries) != 1:
            return False
        persons = doc.lex.persons
        pids = doc.lex.by_surname.get(nxt.entries[0].ref, ())
        for pid in pids:
            if not persons[pid].imported:
                return False
        return len(pids) > 0
    return True


def _not_the_adjective(doc: _Doc, f: _Field, m: Match) -> bool:
    """Is this lower-case-in-the-dictionary adjective, standing alone, something else: a name
    (capitalised mid-sentence in a language that writes adjectives in lower case: "il fiume
    Giordano") or a form that is a country only as a qualifier ("los pueblos indios")?"""
    rules = doc.lex.rules
    norm = f.norm
    if (
        f.lang in rules.lowercase_adjective_languages
        and norm[m.start].isupper()
        and not f.titlecase
        and not _sentence_start(norm, m.start)
    ):
        return True
    return bool(rules.qualifier_only) and (f.lang, norm[m.start : m.end].lower()) in rules.qualifier_only


#: characters that end a sentence (a line break too: paragraphs, headline lines)
_SENTENCE_ENDS: Final = ".!?\n"
#: what may stand between a sentence's end and its first word (blanks, opening quotes and marks)
_SENTENCE_OPENERS: Final = " \t\"'«“(¿¡"


def _sentence_start(norm: str, pos: int) -> bool:
    """Does ``pos`` open a sentence (text start, or after ". ", "! ", "? ", ": ", a line break,
    possibly with an opening quote or a Spanish opening mark between)? A colon counts here: what
    follows it is capitalised like a sentence's start, so its case is no evidence either."""
    k = pos
    while k > 0 and norm[k - 1] in _SENTENCE_OPENERS:
        k -= 1
    return k == 0 or norm[k - 1] in _SENTENCE_ENDS or norm[k - 1] == ":"


def _sentence_break(norm: str, start: int, end: int) -> bool:
    """Does a sentence end between ``start`` and ``end`` (one of :data:`_SENTENCE_ENDS` followed by
    a blank, or a line break)? The same ends as :func:`_sentence_start`, less the colon: a clause
    after a colon is still the same sentence ("Moscow signed two deals: one with Washington")."""
    for c in _SENTENCE_ENDS:
        k = norm.find(c, start, end)
        while k != -1:
            if c == "\n" or (k + 1 < end and norm[k + 1] in " \t"):
                return True
            k = norm.find(c, k + 1, end)
    return False


def _title_before(doc: _Doc, f: _Field, i: int, name_start: int | None = None) -> Title | None:
    """The title right before a name ("Senator", "Defence Secretary"), unless "former"/"ex-".
    ``name_start``: where the name begins when it starts before match ``i`` (a given name)."""
    p = _prev(f, i)
    if name_start is not None:
        p = f.matches[i - 1] if i > 0 and f.norm[f.matches[i - 1].end : name_start] == " " else None
    if p is None or p.kind is not _K_TITLE:
        return None
    start = p.start
    q, _ = _prev_poss_or_space(f, i - 1)
    if q is not None and _countryish(q.kind):
        start = q.start
    if _blocker_before(doc.lex.rules.title_blockers, f.norm, start):
        return None
    return doc.lex.titles[p.ref]


def _former_title(f: _Field, i: int, name_start: int | None = None) -> bool:
    """Does a title with "former" (or "ex-") before it stand right before the name at match ``i``
    ("Former Prime Minister X", "the former US President X", "ex-President X")? ``name_start``:
    where the name begins when it starts before match ``i`` (a given name)."""
    j = i - 1
    if j < 0:
        return False
    p = f.matches[j]
    pos = name_start if name_start is not None else f.matches[i].start
    if p.kind is not _K_TITLE or p.end + 1 != pos or f.norm[p.end] != " ":
        return False
    start = p.start
    q, _ = _prev_poss_or_space(f, j)
    if q is not None and _countryish(q.kind):
        start = q.start
    return _former_before(f.norm[max(0, start - 30) : start])


def _given_name_person(doc: _Doc, f: _Field, i: int, e: Entry) -> tuple[str, int] | None:
    """(person id, name start) when the unmatched capitalised word before surname match ``i`` is
    that person's first given name ("Mohamed Roble" for Mohamed Hussein Roble), or the words
    before it are all the given names an imported person's full name has ("Eisenhower Nduwa
    Mkaka": their full names are no keys, see ``lexicon._imported_surnames``); None otherwise
    ("Melania Trump" is someone else)."""
    m = f.matches[i]
    norm = f.norm
    wb = _word_before(norm, m.start)
    if wb is None or not wb[1][:1].isupper():
        return None
    lex = doc.lex
    cands = lex.by_surname.get(e.ref, ()) if e.kind is _K_SURNAME else (e.ref,)
    if not (i > 0 and f.matches[i - 1].end > wb[0]):
        word = fold(wb[1]).lower()
        width = norm.count(" ", m.start, m.end) + 1  # words in the match ("Lopez Obrador": 2)
        for pid in cands:
            key = ("given", pid, width)
            given = lex.memo.get(key)
            if given is None:
                # the first given name only: "Ahmad Khan" is not Karim Ahmad Khan
                name = lex.persons[pid].name.split()
                given = lex.memo[key] = frozenset(fold(w).lower() for w in name[: min(1, max(0, len(name) - width))])
            if word in given:
                return pid, wb[0]
    for pid in cands:
        for seq in lex.persons[pid].given:
            start = _names_before(norm, m.start, seq)
            if start >= 0:
                return pid, start
    return None


def _names_before(norm: str, pos: int, seq: tuple[str, ...]) -> int:
    """Start of the words ``seq`` (folded lower case) right before ``pos``, or -1."""
    k = len(seq) - 1
    while k >= 0:
        wb = _word_before(norm, pos)
        if wb is None or fold(wb[1]).lower() != seq[k]:
            return -1
        pos = wb[0]
        k -= 1
    return pos


def _is_known_by_given_name(doc: _Doc, f: _Field, i: int, span: tuple[int, int]) -> bool:
    """Is the two-word name ``span`` after title match ``i`` a known person's given name + surname?"""
    j = i + 1
    if j >= len(f.matches):
        return False
    n = f.matches[j]
    e = n.entries[0]
    if e.kind is not _K_SURNAME or n.end != span[1]:
        return False
    given = _given_name_person(doc, f, j, e)
    return given is not None and given[1] == span[0]


def _plural_title(rules: Rules, f: _Field, m: Match, span_start: int) -> bool:
    """Is the title at ``m`` a declined form that is a plural here ("die Präsidenten der beiden
    Länder", "die französischen Präsidenten")? Then it names no one holder (the rules'
    ``plural_title_endings`` and ``plural_title_words``)."""
    endings = rules.plural_title_endings.get(f.lang)
    if not endings or not f.norm[m.start : m.end].lower().endswith(endings):
        return False
    words = rules.plural_title_words.get(f.lang, frozenset())
    for pos in (m.start, span_start) if span_start < m.start else (m.start,):
        wb = _word_before(f.norm, pos)
        if wb is not None and wb[1].lower() in words:
            return True
    return False


def _blocker_before(blockers: frozenset[str], norm: str, pos: int) -> bool:
    """Does a title blocker ("former", "deputy", "would-be", "ex-") end right before ``pos``, followed
    by spaces or hyphens? One set lookup of the last word (it replaced a regex alternation of every
    blocker, whose cost grew with the blocker list)."""
    end = pos
    while end > 0 and norm[end - 1] in " \t\n\r-":
        end -= 1
    if end == pos or end == 0:
        return False
    k = end
    while k > 0 and (norm[k - 1].isalnum() or norm[k - 1] == "_"):
        k -= 1
    if norm[k:end].lower() in blockers:
        return True
    # hyphenated blockers ("would-be")
    while k > 0 and (norm[k - 1].isalnum() or norm[k - 1] in "_-"):
        k -= 1
    return norm[k:end].lower() in blockers


def _titlecase(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def _has_the(norm: str, pos: int) -> bool:
    """Is ``pos`` preceded by the word "the" (any case) and one space?"""
    return pos >= 4 and norm[pos - 4 : pos].lower() == "the " and (pos == 4 or not norm[pos - 5].isalnum())


def _article_before(lex: Lexicon, f: _Field, pos: int, surface: str) -> bool:
    """Does a definite article come right before the agent noun at ``pos`` ("the government", "il
    governo", "l'opposition", "al Gobierno"; the rules' ``definite_articles``)? "The government" is
    the story's own in every language the tagger reads, not only in English. An Arabic noun
    carries its article as a prefix (الحكومة)."""
    norm = f.norm
    if f.lang == "en":  # (the common case, as before: one slice)
        return _has_the(norm, pos)
    if f.lang == "ar":
        return surface.startswith("ال")
    articles = lex.rules.definite_articles.get(f.lang)
    if not articles or pos < 2:
        return False
    if norm[pos - 1] == "'":  # an elided article: "l'opposition", "dell'esecutivo"
        start = pos - 1
        while start > 0 and norm[start - 1].isalpha():
            start -= 1
        return norm[start:pos].lower() in articles and (start == 0 or not norm[start - 1].isalnum())
    wb = _word_before(norm, pos)
    return wb is not None and wb[1].lower() in articles


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-")


def _surname_person(
    doc: _Doc, e: Entry, title: Title | None, where: str | None, prefixed: bool
) -> tuple[str | None, float]:
    cands = doc.lex.by_surname.get(e.ref, ())
    if not cands:
        return None, 0.0
    for pid in reversed(doc.mentioned):
        if pid in cands:
            return pid, C_COREF
    in_doc = [c for c in cands if c in doc.full_names]
    if len(in_doc) == 1:
        return in_doc[0], C_COREF
    active = [c for c in cands if doc.term(c) is not None]
    if title is not None:
        offices = title.offices
        fitting = [
            c
            for c in active
            if (t := doc.term(c)) is not None
            and not t.offices.isdisjoint(offices)
            and (where is None or t.where == where)
        ]
        if len(fitting) == 1:
            return fitting[0], C_TITLE
    if len(active) == 1 and (prefixed or not doc.lex.persons[active[0]].ambiguous_surname):
        return active[0], C_SURNAME_GUESS
    if len(cands) == 1 and not active:
        # someone out of office: "Mr X" is them only if they are curated (well known); an imported
        # former minister's surname is too often somebody else's
        former = doc.lex.persons[cands[0]]
        if not former.imported and (prefixed or not former.ambiguous_surname):
            return cands[0], C_SURNAME_GUESS
    return None, 0.0


def _new_person_name(doc: _Doc, f: _Field, i: int, after: int) -> tuple[int, int] | None:
    """An unknown capitalised name right after a title ("mayor Vitali Klitschko").

    In a title-case headline every word is capitalised, so capitals are no evidence of a name
    ("President Vows To Fight On", "Mayor Quits Following Corruption Accusations"): a new person is
    introduced there only when a known word (verb, adverb, function word: "Condemns", "Reportedly")
    ends a run of two or three capitalised words. A function word ("To", "Says", "In") ends a name:
    names do not contain them, verbs and prepositions in capitalised runs do."""
    rules = doc.lex.rules
    if f.titlecase:
        return _headline_person_name(rules, f.norm, after)
    # cheap pre-test (most titles are followed by a lower-case word or punctuation): a name starts
    # with a capital letter after blanks
    norm = f.norm
    k, n = after, len(norm)
    if k >= n or norm[k] not in " \t":
        return None
    while k < n and norm[k] in " \t":
        k += 1
    if k >= n or not norm[k].isupper():
        return None
    m = rules.name_after.match(f.norm, after)
    if m is None:
        return None
    start = m.start(1)
    # The name runs up to the next dictionary match, except surname matches: those are words of
    # this (unknown) person's name ("General Charles Brown"), and a town's name right after a word
    # of the name, which is its family name ("Police chief Ahmed Mosul", "Minister Jane Florence":
    # a place needs a preposition before it, never follows a given name).
    j = i + 1
    run_end = m.end(1)
    while j < len(f.matches):
        nxt = f.matches[j]
        if nxt.kind is not _K_SURNAME and not (
            _placeish(nxt.kind) and start < nxt.start - 1 and nxt.end <= run_end and norm[nxt.start - 2].isalpha()
        ):
            break
        j += 1
    limit = f.matches[j].start if j < len(f.matches) else len(f.norm)
    tokens: list[tuple[int, int]] = []
    for tok in _WORD.finditer(f.norm[start : m.end(1)]):
        s, e = start + tok.start(), start + tok.end()
        word = tok.group()
        if s >= limit:
            break
        if tokens and (word in rules.name_connectors or word.lower() in rules.name_connectors):
            tokens.append((s, e))
            continue
        if not word[0].isupper() or word.rstrip(".,;:") in rules.function_words:
            break
        if word.endswith("'s"):
            tokens.append((s, e - 2))
            break
        tokens.append((s, e))
    while tokens and f.norm[tokens[-1][0] : tokens[-1][1]].lower() in rules.name_connectors:
        tokens.pop()
    caps = [t for t in tokens if f.norm[t[0]].isupper()]
    if len(caps) < 2:
        return None
    if len(caps) > 2:
        # A title-case line inside the text (a headline repeated as the first paragraph, a subhead):
        # its capitals are no evidence either, so a headline's known word ends the name there too
        # ("Minister Jane Doe Held Talks With Officials" is Jane Doe). With no such word the run
        # stays the name ("Chief Minister Jane Mary Doe Smith" alone on a line).
        line_start = norm.rfind("\n", 0, after) + 1
        line_end = norm.find("\n", after)
        if line_end == -1:
            line_end = len(norm)
        if _titlecase(norm[line_start:line_end]):
            found = _headline_person_name(rules, norm, after, line_end)
            if found is not None:
                return found
    end = tokens[-1][1]
    while end > start and f.norm[end - 1] in ".,;:":
        end -= 1
    return start, end


def _headline_name_from(doc: _Doc, f: _Field, n: Match, title: Title, where: str | None) -> bool:
    """In a title-case headline, is the surname match ``n`` right after a title the first word of a
    new person's name ("Minister Jonas Petraitis Meets ...": "Jonas" is some minister's surname in
    the dictionary, here a given name)? Capitals say nothing in such a line
    (:func:`_inside_longer_name` exempts it), so the name is read as :func:`_headline_person_name`
    reads one (two or three capitalised words closed by a known headline word), and only when the
    surname resolves to nobody after that title: "President Trump Administration Says" stays Trump."""
    if not f.titlecase:
        return False
    span = _headline_person_name(doc.lex.rules, f.norm, n.start - 1)
    return (
        span is not None
        and span[0] == n.start
        and span[1] > n.end
        and _surname_person(doc, n.entries[0], title, where, True)[0] is None
    )


def _headline_person_name(rules: Rules, norm: str, after: int, end: int | None = None) -> tuple[int, int] | None:
    """A new person's name after a title in a title-case headline (or a title-case line of the text
    ending at ``end``): 2-3 capitalised words ended by a known word ("Minister Jonas Petraitis
    Condemns ..."), never a run that ends with the headline or an unknown word ("Quits Following
    Corruption Accusations" is not a name)."""
    tokens: list[tuple[int, int]] = []
    for tok in _WORD.finditer(norm, after, len(norm) if end is None else end):
        word = tok.group().rstrip(".,;:")
        if word in rules.function_words or word.lower() in rules.headline_stops:
            break
        if len(tokens) == 3 or not word[:1].isupper() or word.endswith("'s"):
            return None
        tokens.append((tok.start(), tok.start() + len(word)))
    else:
        return None  # ran to the end of the headline: no known word closed the name
    if len(tokens) < 2:
        return None
    return tokens[0][0], tokens[-1][1]


def _do_title(doc: _Doc, f: _Field, i: int) -> None:
    m = f.matches[i]
    if _title_modifies_agent(f, i):
        return  # "the chief executive": the agent noun resolves the phrase
    lex = doc.lex
    title = lex.titles[m.ref]
    where: str | None = None
    place: str | None = None
    span_start = m.start
    p, poss = _prev_poss_or_space(f, i)
    modifier: str | None = None
    institution = False  # qualified by a seat or an institution ("State Department spokesman")
    if p is None and i > 0:
        # one modifier between qualifier and title: "Ukraine's deputy foreign minister"
        q = f.matches[i - 1]
        mod = _MODIFIER_GAP.fullmatch(f.norm, q.end, m.start)
        if mod is not None and mod.group(2).lower() in lex.rules.title_modifiers and _title_qualifier(q.kind):
            p, poss, modifier = q, bool(mod.group(1)), mod.group(2).lower()
    if p is not None:
        e = p.entries[0]
        if _countryish(e.kind) or e.kind is _K_ORG:
            where, span_start = e.ref, p.start
        elif _placeish(e.kind) and (poss or title.local):
            place = e.ref
            where, span_start = lex.places[e.ref].country, p.start
        elif e.kind is _K_ANAPHOR:
            span_start = p.start
            if e.ref == "place" and doc.last_place:
                place = doc.last_place
                where = lex.places[place].country
            elif e.ref == "country":
                where = doc.dominant
        elif e.kind is _K_SEAT and not e.ref.startswith("org:"):
            where, span_start, institution = e.ref[:3], p.start, True  # "Kremlin spokesman X"
        elif e.kind is _K_AGENT:
            # "Chinese Foreign Ministry spokesperson X": the institution's country, as resolved
            owner = _actor_ending_at(doc, f, p.end)
            if owner is not None and owner.country in lex.country_names:
                where, span_start, institution = owner.country, _owner_start(owner, f, p.end), True
    if where is None and title.org is not None:
        where = title.org
    span_end = m.end
    last = i  # the last match of the title phrase ("minister of Lithuania" ends at the country)
    n, gap = _next(f, i)
    nk = n.kind if n is not None else None
    if n is not None and (_of_qualifier(nk) or (title.local and _placeish(nk))) and _OF.fullmatch(gap):
        if (
            _of_qualifier(nk)
            # "president of the <Demonym> <Name> League" is that organisation's office, not the state's;
            # "head of the Chinese delegation": the demonym qualifies the agent noun after it
            and not (
                nk is _K_DEMONYM
                and (_inside_longer_name(doc, f, i + 1, check_before=False) or _agent_follows(doc, f, i + 1))
            )
        ):
            where, span_end, last = n.ref, n.end, i + 1
        elif title.local and _placeish(nk):
            # "the mayor of Vilnius", "governor of Kano": a local office names its place after "of"
            place = n.ref
            where, span_end, last = lex.places[place].country, n.end, i + 1
    if where is None and f.postnominal and nk is _K_DEMONYM and n is not None and n.start == m.end + 1:
        # "el presidente francés", "il presidente russo", "الرئيس الفرنسي": the adjective follows
        where, span_end, last = n.ref, n.end, i + 1
        tails = lex.title_tails.get((f.lang, fold(f.norm[m.start : m.end]).lower()))
        if tails:
            # ... even inside a longer title: "le ministre russe des Affaires étrangères" is the
            # foreign minister, "el ministro ruso de Exteriores" too (not some Russian minister)
            norm = f.norm
            for tail, tid in tails:
                stop = n.end + len(tail)
                if fold(norm[n.end : stop]).lower() == tail and (stop == len(norm) or not norm[stop].isalnum()):
                    title, span_end = lex.titles[tid], stop
                    doc.skip_from, doc.skip_to = n.end, stop
                    break
    # Title directly followed by a dictionary person: the person's own match carries the mention
    # (unless the surname is only the first part of someone else's name: "General Charles Brown").
    if n is not None and n.start == m.end + 1:
        kind = n.kind
        if kind is _K_PERSON or (
            kind is _K_SURNAME
            and not _inside_longer_name(doc, f, i + 1, surname=True)
            and not _headline_name_from(doc, f, n, title, where)
        ):
            return
    has_the = _has_the(f.norm, span_start)
    window = f.norm[max(0, span_start - 30) : span_start]
    blocked = (
        (modifier is not None and modifier in lex.rules.title_blockers)
        or _blocker_before(lex.rules.title_blockers, f.norm, span_start)
        or (has_the and _blocker_before(lex.rules.title_blockers, f.norm, span_start - 4))
        or _plural_title(lex.rules, f, m, span_start)
    )
    former = modifier in _FORMER or _former_before(window)
    new = _new_person_name(doc, f, i, m.end)
    if new is not None and _is_known_by_given_name(doc, f, i, new):
        return  # "President Recep Erdogan": the surname match carries the known person
    if new is not None:
        if where is None and place is None:
            where, place = _of_after_name(doc, f, new[1], title)
        _add_new_person(doc, f, new, title, where, place, former)
        if f.titlecase:
            # the name's first word may be some dictionary person's surname ("Jonas"): it is this
            # person's given name, not a second mention to resolve
            doc.skip_from, doc.skip_to = new[0], new[1]
        else:
            # a family name that is also a town is no place ("Brig. Gen. Mohammed Hassan": no
            # Indian city Hassan); a known surname inside keeps its own test ("Juan Carlos Jobet")
            doc.name_spans.append((f.idx, new[0], new[1]))
        return
    app_end, app_last = span_end, last
    if n is not None and last == i and _of_qualifier(n.kind) and _TO.fullmatch(gap):
        app_end, app_last = n.end, i + 1  # "Lithuania's ambassador to Ukraine, Jane Doe,"
    elif (
        n is not None
        and last == i
        and len(gap) < 12
        and _FOR.fullmatch(gap)
        and f.norm.find(", ", m.end, m.end + 80) != -1
    ):
        # "a spokesperson for the Chinese foreign ministry, Jane Doe,": the phrase runs over
        # adjacent matches; its first country names the person's
        k, chain_where = i + 1, None
        while True:
            ek = f.matches[k].entries[0]
            if chain_where is None and (_countryish(ek.kind) or ek.kind is _K_ORG):
                chain_where = ek.ref
            nxt = f.matches[k + 1] if k + 1 < len(f.matches) else None
            if nxt is None or not _prev_poss_or_space(f, k + 1)[0]:
                break
            k += 1
        if f.norm.startswith(", ", f.matches[k].end):
            app_end, app_last = f.matches[k].end, k
            where = where or chain_where
    if f.norm.startswith(", ", app_end):
        # apposition after the title phrase: "Lithuania's defence minister, Jane Doe, said",
        # "The mayor of Vilnius, Jane Doe," (a dictionary person there ends the name search). The
        # name must close the apposition (comma, full stop): "the minister, Bloomberg News
        # reported" is a source, not a name.
        new = _new_person_name(doc, f, app_last, app_end + 1)
        if new is not None and (new[1] == len(f.norm) or f.norm[new[1]] in ",.;:)"):
            _add_new_person(doc, f, new, title, where, place, former)
            return
    start = span_start - 4 if has_the else span_start
    lead = (
        _APPOSITION_LEAD.search(f.norm, max(0, start - 20), start)
        if start >= 2 and f.norm.find(",", max(0, start - 20), start) != -1  # cheap pre-test
        else None
    )
    if lead is not None:
        # apposition after a name: "Keir Starmer, the Prime Minister," / "Olena X, Ukraine's envoy," /
        # "Jane Doe, a Lithuanian minister," / "Jane Doe, a former defence minister,"
        comma = lead.start() + 2
        j = i - 1 if span_start == m.start else i - 2
        prev = f.matches[j] if j >= 0 else None
        if prev is not None and prev.end == comma - 2 and (prev.kind is _K_PERSON or prev.kind is _K_SURNAME):
            return  # the dictionary person carries it; never re-attach the title to someone else
        before = _NAME_BEFORE_COMMA.search(f.norm, max(0, comma - 60), comma)
        if before is not None and (prev is None or prev.end <= before.start(1)):
            _add_new_person(doc, f, (before.start(1), before.end(1)), title, where, place, former)
            return
    if institution and not former and where is not None:
        # "a State Department spokesman said": a member of that institution, whoever holds the title
        doc.add_composite(where, title.role, f, m.start, span_end, C_CONTEXT)  # the seat has its own
        return
    if former and not title.local:
        # "a former minister", "retired vice president" with no name: an elite (of that country);
        # "the former prime minister" is definite: the one of the story's country, as "the prime
        # minister" is its holder
        iso = lex.orgs[where].country if where is not None and where.startswith("org:") else where
        if iso is None and _THE_FORMER.search(window) is not None:
            iso = doc.dominant
        doc.add_composite(iso, "ELI", f, start, span_end, C_BARE)
        return
    if (
        not has_the
        and where is None
        and not blocked
        and not title.local
        and f.norm[m.start].isupper()
        and span_end == m.end
        and not f.norm.startswith(" of ", m.end)
    ):
        # a capitalised title standing alone ("Defense Minister said"): that office in the
        # article's country - its holder if known, else the institution (a generic word, "Chief":
        # only a holder the story named)
        generic = _generic_title(lex, f, m)
        holder_id = doc.holder(title, None, generic)
        if holder_id is not None:
            doc.add_person(holder_id, f, m.start, m.end, C_BARE)
        elif not generic:
            doc.add_composite(doc.dominant, title.role, f, m.start, m.end, C_BARE)
        return
    if (
        blocked
        and modifier in lex.rules.member_modifiers
        and where is not None
        and where in lex.country_names
        and not title.local
        and not _plural_title(lex.rules, f, m, span_start)
        and not _generic_title(lex, f, m)
    ):
        # "South Korea's acting president", "Kenya's health minister": no holder, but a member of
        # that country's government all the same
        doc.add_composite(where, title.role, f, start, span_end, C_BARE)
        return
    if blocked or title.local or (not has_the and where is None):
        return
    if span_end == m.end and f.norm.startswith(" of ", m.end):
        return  # "the president of the club": not a state office
    # "the chief said": a generic title word with no qualifier is only a holder the story named
    holder_id = doc.holder(title, where, where is None and span_end == m.end and _generic_title(lex, f, m))
    if holder_id is None and where is not None and len(m.entries) > 1 and title.id == m.ref:
        # one word for several offices: Spanish "canciller" is Germany's chancellor but the foreign
        # minister elsewhere ("el canciller ruso"); the reading that has a holder there wins
        for alt in m.entries[1:]:
            if alt.kind is _K_TITLE and (holder_id := doc.holder(lex.titles[alt.ref], where)) is not None:
                break
    if holder_id is not None:
        doc.add_person(holder_id, f, start, span_end, C_TITLE)
    elif where is not None and (span_start < m.start or span_end > m.end):
        # "the Armenian prime minister" ("el primer ministro armenio") with nobody on file: still
        # that country's institution
        if where.startswith("org:"):
            org = lex.orgs[where]
            if org.type == "company":
                # "Shell's chief executive": a company's leader speaks for the company (GBRBUS), not for a
                # government role of it (the title's GOV appended to the company code made "GBRBUSGOV")
                doc.add_org(where, f, start, span_end, C_CONTEXT)
            else:
                doc.add_composite(org.country, title.role, f, start, span_end, C_CONTEXT, org_code=org.code)
        else:
            doc.add_composite(where, title.role, f, start, span_end, C_CONTEXT)


def _generic_title(lex: Lexicon, f: _Field, m: Match) -> bool:
    """Is the title at ``m`` a word that names no office of its own ("chief", "head", "leader": the
    rules' ``generic_titles``)? Bare, it may be a police chief or a club's head as well as the
    country's leader, so only a holder the story named resolves it."""
    words = lex.rules.generic_titles.get(f.lang)
    return words is not None and f.norm[m.start : m.end].lower() in words


def _title_around(doc: _Doc, f: _Field, i: int, iso: str) -> None:
    """A title of a postnominal language whose head word is no title on its own, with the
    nationality adjective inside it: "le chef russe de la diplomatie" is Russia's foreign minister
    ("chef de la diplomatie" is a title, "chef" alone is not, so no title match starts there; the
    heads that are titles alone are handled by :func:`_do_title`)."""
    m = f.matches[i]
    norm = f.norm
    wb = _word_before(norm, m.start)
    if wb is None or (i > 0 and f.matches[i - 1].end > wb[0]):
        return
    lex = doc.lex
    tails = lex.title_tails.get((f.lang, fold(wb[1]).lower()))
    if not tails:
        return
    for tail, tid in tails:
        stop = m.end + len(tail)
        if fold(norm[m.end : stop]).lower() == tail and (stop == len(norm) or not norm[stop].isalnum()):
            doc.skip_from, doc.skip_to = m.end, stop
            if _former_before(norm[max(0, wb[0] - 30) : wb[0]]):
                return  # "l'ancien chef russe de la diplomatie": not today's holder
            holder_id = doc.holder(lex.titles[tid], iso)
            if holder_id is not None:
                doc.add_person(holder_id, f, wb[0], stop, C_TITLE)
            return


def _former_before(window: str) -> bool:
    """Does "former"/"ex"/"retired" or its fr/es/pt/de form (and at most one word) end ``window``?
    The regex search runs only when the lower-cased window contains one of :data:`_FORMER_HINTS`:
    every letter of those is one that ``re.IGNORECASE`` matches only in its own two cases (unlike
    "i", which also matches "ı"/"İ"), so the pre-test never skips a match, and most windows have
    none of them."""
    low = window.lower()
    for hint in _FORMER_HINTS:
        if hint in low:
            return _FORMER_BEFORE.search(window) is not None
    return False


def _of_after_name(doc: _Doc, f: _Field, end: int, title: Title) -> tuple[str | None, str | None]:
    """(where, place) from "of <country|organisation|place>" right after a new person's name:
    "President Jane Doe of Lithuania", "Mayor Jane Doe of Vilnius" (a place only for local offices)."""
    for n in f.matches:
        if n.start < end:
            continue
        if n.start - end > 9 or not _OF.fullmatch(f.norm[end : n.start]):
            return None, None
        e = n.entries[0]
        if _of_qualifier(e.kind):
            return e.ref, None
        if title.local and _placeish(e.kind):
            return doc.lex.places[e.ref].country, e.ref
        return None, None
    return None, None


def _office_holder_by_surname(
    doc: _Doc, f: _Field, span: tuple[int, int], title: Title, where: str | None
) -> str | None:
    """The only person holding ``title`` (at ``where``) on the article date whose surname ends the
    name ``span``; None if the last word is no dictionary surname or the office does not fit."""
    s, end = span
    for m in f.matches:
        if m.end > end:
            break
        if m.end == end and m.start > s and any(e.kind is _K_SURNAME for e in m.entries):
            ref = next(e.ref for e in m.entries if e.kind is _K_SURNAME)
            offices = title.offices
            fitting = [
                pid
                for pid in doc.lex.by_surname.get(ref, ())
                if (t := doc.term(pid)) is not None
                and not t.offices.isdisjoint(offices)
                and (where is None or t.where == where)
            ]
            return fitting[0] if len(fitting) == 1 else None
    return None


def _add_new_person(
    doc: _Doc,
    f: _Field,
    span: tuple[int, int],
    title: Title,
    where: str | None,
    place: str | None,
    former: bool = False,
) -> None:
    """A person the dictionary does not know, described by a title phrase next to their name.

    Unless the name ends in the surname of the one dictionary person who holds that office (there)
    on the article date: then it is that person under another spelling of the given name ("le
    ministre russe des Affaires étrangères, Sergueï Lavrov", "Serguéi Lavrov")."""
    lex = doc.lex
    s, end = span
    if not former:
        known = _office_holder_by_surname(doc, f, span, title, where)
        if known is not None:
            doc.add_person(known, f, s, end, C_TITLE)
            return
    name = f.text[s:end]
    pid = f"person:{_slug(name)}"
    office = title.offices[0]
    if title.local and place is not None:
        office = f"{office} of {lex.places[place].name}"
    role = "ELI" if former else title.role
    conf = C_NEW_PERSON
    if where is None and doc.dominant is not None:
        where, conf = doc.dominant, C_SURNAME_GUESS  # "President X" in a story about one country
    if where is not None and where.startswith("org:"):
        org = lex.orgs[where]
        country, code = org.country, org.code
    else:
        country = where
        code = (where or "---") + role
    doc.add(pid, lambda: _Acc(pid, name, ActorType.PERSON, country, role, office, code, conf), f, s, end, conf)
    doc.new_people.setdefault(name.split()[-1], pid)


def _do_agent(doc: _Doc, f: _Field, i: int, role: str) -> None:
    m = f.matches[i]
    p, _poss = _prev_poss_or_space(f, i)
    lex = doc.lex
    via_title = False
    if p is None and i > 0:
        p = _qualifier_across_modifiers(doc, f, i)
    elif p is not None and p.kind is _K_TITLE and _title_modifies_agent(f, i - 1):
        # "Shell's chief executive", "Britain's chief rabbi": the title word is the noun's modifier
        # (:func:`_do_title` left it), so the qualifier before it is the noun's. A place's chief
        # executive is its executive head ("Hong Kong's chief executive"), a company's the company.
        title_role = lex.titles[p.ref].role
        p, _poss = _prev_poss_or_space(f, i - 1)
        via_title = True
        if role == "BUS" and p is not None and (_countryish(p.kind) or _placeish(p.kind)):
            role = title_role
    # (a common-word name before an agent noun is the organisation's people, "Shell executives":
    # its noun compounds, "shell companies", are agents.yaml not_actors)
    pos = p.start if p is not None else m.start
    norm = f.norm
    # one character test (the last letter of a "former" word) rules out most agents
    if pos >= 3 and norm[pos - 2] in _FORMER_LAST and norm[pos - 1] == " ":
        wb = _word_before(norm, pos)
        if wb is not None and wb[1].lower() in _FORMER:
            role = "ELI"  # "a former CIA official", "ex-soldiers": CAMEO codes them as elites
    if role in lex.rules.labour_action_roles and _labour_action_before(lex, f, pos):
        role = "LAB"  # "striking workers": a workforce on strike is labour
    if p is not None:
        e = p.entries[0]
        if _countryish(e.kind):
            doc.add_composite(e.ref, role, f, p.start, m.end, C_CODE)
            return
        if _placeish(e.kind):
            doc.add_place(e.ref, f, p.start, p.end)
            doc.add_composite(lex.places[e.ref].country, role, f, p.start, m.end, C_CONTEXT)
            return
        if e.kind is _K_ORG:
            org = lex.orgs[e.ref]
            if not f.titlecase and f.norm[m.start].isupper() and p.end + 1 == m.start:
                # "Red Crescent Society": a capitalised head right after the name is part of it
                doc.add_org(e.ref, f, p.start, m.end)
                return
            if org.type == "armed_group" and role in _ARMED_ROLES:
                # "Boko Haram gunmen", "Hamas fighters": members of the group are the group
                doc.add_org(e.ref, f, p.start, m.end)
                return
            if role == "GOV":
                if f.norm[m.start : m.end].lower() in lex.rules.contextual_agents and org.country in lex.country_names:
                    # "the Taliban government", "the ANC government": the state it runs
                    doc.add_org(e.ref, f, p.start, p.end)
                    doc.add_composite(org.country, role, f, p.start, m.end, C_CONTEXT)
                    return
                # "a Hamas official", "NATO officials", "the EU delegation": people speaking for the
                # organisation are the organisation (its code, not PSEREB + GOV)
                doc.add_org(e.ref, f, p.start, m.end)
                return
            # (a company's "chief executive" is the company: the whole phrase is its mention)
            doc.add_org(e.ref, f, p.start, m.end if via_title and org.type == "company" else p.end)
            if org.code and not org.code.endswith(role):
                doc.add_composite(org.country, role, f, p.start, m.end, C_CONTEXT, org_code=org.code)
            return
        if e.kind is _K_SEAT and not e.ref.startswith("org:"):
            # "a former White House official": the seat's country, the agent's role
            doc.add_actor_ref(e.ref, f, p.start, p.end, C_CODE)
            doc.add_composite(e.ref[:3], role, f, p.start, m.end, C_CONTEXT)
            return
        if _poss and (e.kind is _K_PERSON or e.kind is _K_SURNAME):
            # "William Ruto's government", "Netanyahu's office": that person's country (if the
            # person was resolved and holds a national office)
            owner = _person_ending_at(doc, f, p.end)
            if owner is not None and owner.country in lex.country_names:
                doc.add_composite(owner.country, role, f, m.start, m.end, C_CONTEXT)
                return
        if e.kind is _K_ANAPHOR:
            iso: str | None = (
                lex.places[doc.last_place].country if e.ref == "place" and doc.last_place else doc.dominant
            )
            doc.add_composite(iso, role, f, p.start, m.end, C_CONTEXT)
            return
    if p is None and _attributive(lex, norm, m.end):
        return  # "military exercises", "Police Station": a modifier of another noun, not an actor
    n = f.matches[i + 1] if i + 1 < len(f.matches) else None
    if role == "BUS" and n is not None and _company_people(doc, f, m, n):
        return  # "investors in Toyota", "executives at Shell": the company (tagged by its own name)
    if (
        f.postnominal
        and n is not None
        and n.start == m.end + 1
        and (n.kind is _K_DEMONYM or (f.lang == "ar" and n.kind is _K_COUNTRY))
    ):
        # "el gobierno ruso"; Arabic also joins a country's name to the noun before it (حكومة
        # السودان, "Sudan's government"), and its feminine nisba is often the country's own name
        # too (وزارة الخارجية السعودية, "the Saudi foreign ministry")
        doc.add_composite(n.ref, role, f, m.start, n.end, C_CODE)
        return
    if (
        n is not None
        and 4 <= n.start - m.end <= 10
        and _in_qualifier(n.kind)
        and (in_country := lex.rules.in_country) is not None
        and in_country.fullmatch(f.norm, m.end, n.start)
    ):
        iso_in = n.ref if _countryish(n.kind) else lex.places[n.ref].country
        doc.add_composite(iso_in, role, f, m.start, n.end, C_CONTEXT)  # "police in Kenya"
        return
    surface = f.norm[m.start : m.end].lower()
    if p is None and role == "LAB" and surface[-1] != "s" and _add_named_union(doc, f, m):
        return
    if surface in lex.rules.contextual_agents and _article_before(lex, f, m.start, surface):
        # (an English mention takes its "the", as it always did; the other languages' keep to the
        # noun, so the event rules see the span they saw before)
        start = m.start - 4 if f.lang == "en" else m.start
        doc.add_composite(doc.dominant, role, f, start, m.end, C_BARE + 0.1)
        if doc.dominant is not None:
            if doc.by_dominant is None:
                doc.by_dominant = []
            doc.by_dominant.append((doc.dominant + role, role, f.idx, start, m.end, C_BARE + 0.1))
        return
    if (
        norm[m.start].isupper()
        and not f.titlecase
        and m.end + 1 < len(norm)
        and norm[m.end] == " "
        and norm[m.end + 1].isupper()
        and m.start >= 2
        and norm[m.start - 2] not in ".!?\n\"'"
    ):
        return  # a capitalised agent word inside an unknown name: "Department of Public Safety"
    doc.add_composite(None, role, f, m.start, m.end, C_BARE)


def _add_named_union(doc: _Doc, f: _Field, m: Match) -> bool:
    """A union the dictionary does not know, named between "the" and its noun ("the IG Metall
    union", "the Unite union", "The UAW union"): an organisation of its own (role LAB, the story's
    country), as a new person is, and later bare mentions of the name are it too. At most four
    capitalised words (the last may start with a digit: "Local 32BJ"); none, or no "the" before
    them, and it is the bare noun (---LAB). A number alone is no name ("the 2024 union deal"): as
    an organisation, every later "2024" in the story would corefer with it."""
    norm = f.norm
    start = m.start
    words = 0
    capitalised = False
    while (wb := _word_before(norm, start)) is not None and words < 4:
        w = wb[1]
        if not (w[0].isupper() or (w[0].isdigit() and words == 0)) or w in doc.lex.rules.function_words:
            break
        capitalised = capitalised or w[0].isupper()
        start, words = wb[0], words + 1
    if not capitalised:
        return False
    the = _word_before(norm, start)
    if the is None or the[1].lower() != "the":
        return False
    name = f.text[start : m.start - 1]
    pid = f"org:{_slug(name)}"
    country = doc.dominant
    code = (country or "---") + "LAB"
    make = lambda: _Acc(pid, name, ActorType.ORGANISATION, country, "LAB", None, code, C_BARE)  # noqa: E731
    doc.add(pid, make, f, start, m.end, C_BARE)
    doc.new_orgs.setdefault(f.norm[start : m.start - 1], pid)
    return True


def _labour_action_before(lex: Lexicon, f: _Field, pos: int) -> bool:
    """Does a word that puts a workforce on strike (the rules' ``labour_action_words``: "striking")
    end right before ``pos``, the start of the agent phrase ("striking workers", "Striking miners")?"""
    norm = f.norm
    if pos < 3 or norm[pos - 2] not in lex.rules.labour_action_last:
        return False  # (most agent nouns follow no such word: one character test first)
    words = lex.rules.labour_action_words.get(f.lang)
    if not words:
        return False
    wb = _word_before(norm, pos)
    return wb is not None and wb[1].lower() in words


#: between a business noun and the company it belongs to ("investors in Toyota", "executives at Shell")
_OF_COMPANY: Final = re.compile(r"[ \t]+(?:in|at|of|from|for)[ \t]+")


def _company_people(doc: _Doc, f: _Field, m: Match, n: Match) -> bool:
    """Is the business agent noun at ``m`` (investors, executives) a named company's own, the company
    named right after it ("investors in Toyota", "the chief executive of Toyota", "executives at
    Shell")? Then it is that company (as "Toyota investors" is), not a business of unknown country."""
    if n.start - m.end > 7 or _OF_COMPANY.fullmatch(f.norm, m.end, n.start) is None:
        return False
    orgs = doc.lex.orgs
    return any(x.kind is _K_ORG and orgs[x.ref].type == "company" for x in n.entries)


def _title_modifies_agent(f: _Field, i: int) -> bool:
    """Is the one-word title at match ``i`` the modifier of an agent noun right after it ("chief
    executive", "chief rabbi", "head teacher")? The noun is then the office: resolving "the chief"
    to the country's leader made "the chief executive" the prime minister."""
    if i + 1 >= len(f.matches):
        return False
    m, n = f.matches[i], f.matches[i + 1]
    return n.kind is _K_AGENT and n.start == m.end + 1 and f.norm.find(" ", m.start, m.end) == -1


def _attributive(lex: Lexicon, norm: str, end: int) -> bool:
    """Is the agent word ending at ``end`` used as a noun modifier ("military exercises", "police
    station", "Army Base" in a title-case headline)? The next word is then the head of the phrase and
    the agent itself does not act."""
    # ``r" ([^\W\d_][\w-]*)"`` (a space, then a letter, then word characters or hyphens) by hand: a regex
    # call per agent noun cost more than the rest of this test. ``[^\W\d_]`` is ``isalnum()`` but
    # not ``isdecimal()`` (the regex module's \w and \d), ``[\w-]`` is ``isalnum()``, "_" or "-".
    n = len(norm)
    k = end + 1
    if k >= n or norm[end] != " ":
        return False
    c = norm[k]
    if not c.isalnum() or c.isdecimal():
        return False
    j = k + 1
    while j < n:
        c = norm[j]
        if not (c.isalnum() or c == "_" or c == "-"):
            break
        j += 1
    return norm[k:j].lower() in lex.rules.attributive_heads


def _agent_follows(doc: _Doc, f: _Field, i: int) -> bool:
    """Is match ``i`` directly followed by an agent noun ("Chinese delegation") other than the
    state's government itself ("leader of the Algerian government" is still Algeria's leader)?"""
    if i + 1 >= len(f.matches):
        return False
    n = f.matches[i + 1]
    e = n.entries[0]
    if e.kind is not _K_AGENT or n.start != f.matches[i].end + 1:
        return False
    return not (e.ref == "GOV" and f.norm[n.start : n.end].lower() in doc.lex.rules.contextual_agents)


def _owner_start(acc: _Acc, f: _Field, end: int) -> int:
    """Start of ``acc``'s mention that ends at ``end`` in field ``f``."""
    return next(s for fi, s, e in acc.spans if fi == f.idx and e == end)


def _actor_ending_at(doc: _Doc, f: _Field, end: int) -> _Acc | None:
    """The actor (institution, organisation...) with a mention ending at ``end`` in field ``f``."""
    for acc in doc.acc.values():
        if any(fi == f.idx and e == end for fi, _s, e in acc.spans):
            return acc
    return None


def _person_ending_at(doc: _Doc, f: _Field, end: int) -> _Acc | None:
    """The person whose mention ends at ``end`` in field ``f`` (most recently mentioned first)."""
    for pid in reversed(doc.mentioned):
        acc = doc.acc[pid]
        if any(fi == f.idx and e == end for fi, _s, e in acc.spans):
            return acc
    return None


def _foreign_qualified(doc: _Doc, f: _Field, i: int, e: Entry) -> bool:
    """An organisation name that is also a generic agent noun, qualified by another country."""
    q, _ = _prev_poss_or_space(f, i)
    if q is None or not _countryish(q.kind):
        return False
    country = doc.lex.orgs[e.ref].country
    return country is not None and country != q.ref and any(x.kind is _K_AGENT for x in f.matches[i].entries)


def _company_place_before(lex: Lexicon, norm: str, pos: int) -> bool:
    """Does a place preposition ("in", "near", "the city of") end right before the name at ``pos``
    that is both a company and a place? Then it is the place; elsewhere the company ("Toyota
    recalls ...", "the head of Toyota"). An "in" after a word of owning or investing is the
    company's ("a stake in Toyota", "investors in Toyota": ``Rules.company_holding_words``)."""
    w1 = _word_before(norm, pos)
    if w1 is not None and w1[1].lower() == "in":
        w0 = _word_before(norm, w1[0])
        if w0 is not None and w0[1].lower() in lex.rules.company_holding_words:
            return False
    return _phrase_before(lex.rules.company_place_words, norm, pos)


def _common_word_noun(lex: Lexicon, f: _Field, m: Match, org: Org) -> bool:
    """Is this bare organisation name that is also an ordinary word of the text's language (English
    "Shell", "Amnesty"; Spanish "Podemos"; Portuguese "Chega": ``Org.common_word``) the word here?

    Mid-sentence its capital says it is the name. Where case says nothing (a sentence start, a
    capitalised or all-caps headline) the words after it decide. The word, when they show it: in
    English the subject of a passive that only a thing given or enacted takes ("Amnesty was granted
    to 300 prisoners": the rules' ``theme_passives``; "Amnesty was granted access" keeps the body, a
    noun follows the participle; a company's name stays the company, which can be offered or sold
    itself), a conjunction (the rules' ``name_conjunctions``) before a lower-case word ("Shell and
    rocket fire"), or
    one of the rules' ``common_word_followers`` ("Amnesty for rebels approved", "Chega de violência");
    in Spanish and Portuguese, where the name is a verb, an infinitive too ("Podemos ganar"). Else the
    name ("Amnesty found that ...", "Podemos anunció", "Chega quer"): a word list cannot cover the
    verbs. Only where the word is the usual reading (``Org.word_first``: "Shell fragments were found")
    does the test turn round: the name only before a verb or the end of the phrase ("Shell said",
    "Shell started drilling", "Shell's profits", "Shell, the oil major"); a verb is one of the rules'
    verbs and auxiliaries, or a past form in -ed.
    (In a capitalised headline the next word is capitalised as well, so the test is on its lower case.)"""
    norm = f.norm
    start, end = m.start, m.end
    if norm.find(" ", start, end) != -1:
        return False  # a longer name of it ("Shell plc to sell ...")
    if not (f.titlecase or norm[start:end].isupper() or _sentence_start(norm, start)):
        return False
    k, n = end, len(norm)
    while k < n and norm[k] in " \t":
        k += 1
    if f.lang != "en" and k == end and norm.startswith("-", end) and end + 1 < n and norm[end + 1].isalpha():
        return True  # a verb's clitic: "Chega-se a Lisboa"
    if k in (n, end) or not norm[k].isalpha():
        return False  # end of text, punctuation or a possessive: the name
    j = k
    while j < n and (norm[j].isalpha() or norm[j] == "-"):
        j += 1
    word = norm[k:j].lower()
    rules = lex.rules
    if word in rules.name_conjunctions.get(f.lang, ()):
        # "Shell and Chevron bid ...", "Podemos y Sumar": another name follows (not "Shell and rocket fire")
        k = j
        while k < n and norm[k] in " \t":
            k += 1
        return not (k < n and k > j and norm[k].isupper())
    if word in rules.common_word_followers.get(f.lang, ()):
        return True  # "Amnesty for rebels approved", "Chega de violência"
    if f.lang != "en":
        stem = word.split("-", 1)[0]  # a hyphenated clitic: "fazê-lo"
        return stem.endswith(rules.infinitive_endings.get(f.lang, ())) and (f.lang, stem) not in rules.not_infinitives
    if rules.theme_passive is not None and org.type != "company" and rules.theme_passive.match(norm, end) is not None:
        # "Amnesty was granted to 300 prisoners", "Amnesty will be extended to ...". Not a company's
        # name: a company is itself a thing offered or sold to someone ("Shell was offered to buyers").
        return True
    return org.word_first and not (word in rules.headline_stops or word.endswith("ed"))


def _common_word(org: Org, f: _Field) -> bool:
    """Is ``org``'s bare name an ordinary word of this field's language?"""
    return f.lang in org.common_word


def _shared_name_elsewhere(doc: _Doc, f: _Field, i: int, e: Entry) -> bool:
    """A body whose name other countries use for their own ("Ministry of Defence", "Foreign Office",
    "House of Representatives": ``Org.shared_name``, and the name is also a generic agent noun),
    unqualified: another country's (tagged here as that country's institution) when the article
    named it with that country before ("Ukraine's Ministry of Defence said ... The Ministry of
    Defence added"), or when the story is about another country (at least two votes) and never
    mentions the body's own ("British", "London", "the Royal Navy"). Otherwise the dictionary's body:
    British and American wire copy qualify other countries' ministries ("Russia's defence ministry").
    A qualified name was settled before (:func:`_foreign_qualified`)."""
    lex = doc.lex
    org = lex.orgs[e.ref]
    home = org.country
    if home is None or home not in lex.country_names:
        return False
    m = f.matches[i]
    agent = next((x for x in m.entries if x.kind is _K_AGENT), None)
    if agent is None:
        return False
    q, _ = _prev_poss_or_space(f, i)
    if q is not None and _countryish(q.kind):
        return False  # "Britain's Ministry of Defence"
    owner = doc.owners.get(e.ref) if doc.owners is not None else None
    if owner is None:
        main = doc.dominant
        if main is None or main == home or doc.dominant_votes < 2 or _country_mentioned(doc, home):
            return False
        owner = main
    doc.add_composite(owner, agent.ref, f, m.start, m.end, C_CONTEXT)
    return True


def _country_mentioned(doc: _Doc, iso: str) -> bool:
    """Does anything in the article stand for country ``iso``: a reading that votes for it (name,
    demonym, place, person, seat) or an organisation of that country (other than the generic-named
    bodies themselves, which would vouch for their own country)?"""
    lex = doc.lex
    for f in doc.fields:
        for m in f.matches:
            x = m.entries[0]
            if x.iso == iso:
                return True
            if x.kind is _K_ORG and lex.orgs[x.ref].country == iso and not any(y.kind is _K_AGENT for y in m.entries):
                return True
    return False


_NAMESAKE_TYPES: Final = frozenset({"party", "government", "military"})
#: Agent roles that describe members of an armed group rather than another institution.
_ARMED_ROLES: Final = frozenset({"REB", "UAF", "INS", "MIL"})


def _namesake_of_other_country(doc: _Doc, f: _Field, i: int, e: Entry) -> bool:
    """A national party/institution name qualified by another country is that country's namesake
    body: tag it as the qualifier country's institution (ISRPTY), not the dictionary's one."""
    lex = doc.lex
    org = lex.orgs[e.ref]
    if not org.role or not (org.national or (org.type in _NAMESAKE_TYPES and org.country in lex.country_names)):
        return False
    q, _ = _prev_poss_or_space(f, i)
    if q is None or not _countryish(q.kind) or q.ref == org.country:
        return False
    doc.add_composite(q.ref, org.role, f, q.start, f.matches[i].end, C_CONTEXT)
    return True


def _qualifier_across_modifiers(doc: _Doc, f: _Field, i: int) -> Match | None:
    """A country qualifier one or two modifier words before an agent noun: "Iraqi federal police",
    "Burkina Faso's ruling junta", "Russia's Baltic Fleet", "Panamanian Immigration inspectors".
    Lower-case words must be known modifiers (so a verb - "Syria accused rebels" - never bridges);
    capitalised words bridge only after a demonym or a possessive."""
    q = f.matches[i - 1]
    m = f.matches[i]
    width = m.start - q.end
    kind = q.kind
    # (the Kind tests written out: this runs for most agent nouns, and a helper call per test
    # costs more than the test when interpreted)
    if (
        width < 3
        or width > 40
        or not (kind is _K_COUNTRY or kind is _K_DEMONYM or kind is _K_CAPITAL or kind is _K_CITY or kind is _K_REGION)
    ):
        return None
    g = _AGENT_GAP.fullmatch(f.norm, q.end, m.start)
    if g is None:
        return None
    # A place qualifies an agent across words only inside a capitalised name ("<City> Self
    # Defense Forces", "<Province> Police Command"); a lower-case gap is ordinary prose.
    # A country name bridges capitalised words only into a capitalised head, outside title-case
    # headlines ("Pakistan Muslim League", not "Russia Warns Ukraine Troops").
    capital_ok = (
        bool(g.group(1))
        or kind is _K_DEMONYM
        or ((_placeish(kind) or (kind is _K_COUNTRY and not f.titlecase)) and f.norm[m.start].isupper())
    )
    # Otherwise only known modifiers bridge ("Kano State government", "Kabul local police").
    mods = doc.lex.rules.agent_modifiers
    for word in g.group(2).split():
        if word.lower() in mods:
            continue
        if not (capital_ok and word[0].isupper() and word not in doc.lex.rules.function_words):
            return None
    return q


def _locative_before(lex: Lexicon, norm: str, pos: int) -> bool:
    """Is the place at ``pos`` the object of a locative word ("in", "to", "the capital", "in the")?"""
    return _phrase_before(lex.rules.locative_words, norm, pos, then_the=True)


def _phrase_before(phrases: frozenset[str], norm: str, pos: int, then_the: bool = False) -> bool:
    """Does one of ``phrases`` (lower-case words, one or two) end right before ``pos``? With
    ``then_the``, also a one-word phrase followed by "the" ("in the")."""
    w1 = _word_before(norm, pos)
    if w1 is None:
        return False
    first = w1[1].lower()
    if first in phrases:
        return True
    w2 = _word_before(norm, w1[0])
    if w2 is None:
        return False
    second = w2[1].lower()
    return f"{second} {first}" in phrases or (then_the and first == "the" and second in phrases)


def _acting_before(lex: Lexicon, norm: str, pos: int) -> bool:
    """Does a verb of a verb-first clause (Arabic) end right before ``pos``?"""
    rx = lex.rules.acting_before
    return rx is not None and rx.search(norm, max(0, pos - 16), pos) is not None


def _acting_late(lex: Lexicon, norm: str, end: int) -> bool:
    """German perfect: an auxiliary right after the capital and an agentive participle closing the
    clause ("Moskau hat die Vorwürfe am Montag zurückgewiesen")."""
    rx = lex.rules.acting_after_late
    return rx is not None and rx.match(norm, end) is not None


def _do_place(doc: _Doc, f: _Field, i: int, e: Entry) -> bool:
    m = f.matches[i]
    if doc.name_spans and any(fi == f.idx and s <= m.start < end for fi, s, end in doc.name_spans):
        return True  # a new person's family name ("Mohammed Hassan"), read with the name
    lex = doc.lex
    if _club_in_match_report(doc, f, m):
        return False  # "Liverpool beat Chelsea 3-1": the club, no city and no government
    place = lex.places[e.ref]
    n, gap = _next(f, i)
    if n is not None and n.kind is _K_AGENT and (gap == " " or _POSSESSIVE.fullmatch(gap)):
        return True  # the agent builds "Shanghai police"
    # only capitals and ambiguous names need to know whether a locative word comes first
    locative = (e.kind is _K_CAPITAL or place.ambiguous) and _locative_before(lex, f.norm, m.start)
    if e.kind is _K_CAPITAL and not locative:
        verb = lex.rules.acting_after.match(f.norm, m.end)
        if (
            verb is not None
            or (f.postnominal and _acting_before(lex, f.norm, m.start))  # verb-first: "نددت موسكو"
            or (f.lang == "de" and _acting_late(lex, f.norm, m.end))  # "Moskau hat ... zurückgewiesen"
            or _object_capital(doc, f, m)  # "Moscow accused Kyiv"
            or _object_of_actor_verb(doc, f, i)  # "the minister accused Washington", "liefert Kiew"
            or _partner_capital(doc, f, m)  # "Moscow signed the treaty with Washington"
        ):
            actor = lex.capital_actors.get(place.name) or f"{place.country}GOV"
            doc.add_actor_ref(actor, f, m.start, m.end, C_CONTEXT)
            doc.last_place = e.ref
            doc.acting_capital = (f.idx, m.end)
            if verb is not None and _verb_takes_object(lex, f.norm, verb.end()):
                doc.acting_verb = (f.idx, verb.end())
            return True
    if place.ambiguous and not locative:
        return False
    if e.ref.startswith("region:"):
        if _inside_longer_name(doc, f, i, check_before=False):
            # "Texas Instruments", "Tigray People's Liberation Front", "Scotland Yard": a body named
            # after the region, not the region; region names are rarely given names, so the
            # body is tagged as an organisation of the region's country
            return _add_named_body(doc, f, i, place.country)
    elif _inside_longer_name(doc, f, i):
        # "Paris Hilton", "London Bridge", "Feliciano <City>", "Delta Air Lines": part of another
        # name (a city name is also a given name too often to guess what the name is)
        return False
    doc.add_place(e.ref, f, m.start, m.end)
    return True


def _club_in_match_report(doc: _Doc, f: _Field, m: Match) -> bool:
    """Is the city at ``m`` a club in a match report? Its sentence has a word only sports copy uses
    ("striker", "Premier League"), or a score with a result verb ("beat Chelsea 3-1", "drew 2-2
    with Sevilla"); and no ``in_words`` puts something in the city ("police in Liverpool arrested
    fans after the 3-1 defeat"). The rules' ``match_report``; a score alone ("10-15 drones") or a
    result verb alone ("protesters beat a policeman") is no match report. A field with no sports
    word and no score anywhere has no such sentence: tested once per field, as most news has
    neither (the sentence test per place cost ~10% of a tag call), and by plain substring tests
    (``match_hints``; a digit, a dash, a digit), cheaper than the patterns' searches."""
    rules = doc.lex.rules
    sport, result = rules.match_sport, rules.match_result
    if sport is None or result is None:
        return False
    norm = f.norm
    maybe = doc.sport_fields.get(f.idx)
    if maybe is None:
        low = norm.lower()
        maybe = any(w in low for w in rules.match_hints) or _SCORE_HINT.search(norm) is not None
        doc.sport_fields[f.idx] = maybe
    if not maybe:
        return False
    start = max(norm.rfind("\n", 0, m.start), *(norm.rfind(c, 0, m.start) for c in (". ", "! ", "? "))) + 1
    ends = [k for k in (norm.find(c, m.end) for c in ("\n", ". ", "! ", "? ")) if k != -1]
    end = min(ends) if ends else len(norm)
    if sport.search(norm, start, end) is None and not (
        _SCORE.search(norm, start, end) is not None and result.search(norm, start, end) is not None
    ):
        return False
    wb = _word_before(norm, m.start)
    return wb is None or wb[1].lower() not in rules.match_in_words


#: What every :data:`_SCORE` contains (a cheap pre-test for a whole field).
_SCORE_HINT: Final = re.compile(r"\d[-–]\d")
#: A match score ("3-1", "2–2"), not a date, a time or part of a longer number.
_SCORE: Final = re.compile(r"(?<![\w.:/-])\d{1,2}[-–]\d{1,2}(?![\w:/-]|\.\d)")


def _object_capital(doc: _Doc, f: _Field, m: Match) -> bool:
    """Is the capital at ``m`` the object of the verb a capital acting for its government governs,
    right after it ("Moscow accused Kyiv of ...", "Washington warned Beijing", "Tokyo urged Seoul")?
    CAMEO codes both sides of such a sentence as governments (RUSGOV accuses UKRGOV): a government's
    verb of blaming, urging or dealing (the rules' ``agentive_verbs``) is aimed at another
    government, not at a city. A verb whose object is a clause (``clause_verbs``: "Moscow said Kyiv
    was struck") is not recorded by the caller: the capital after it acts only by a verb of its own.
    A verb that is no agentive verb leaves no acting capital, so its object stays a place ("Moscow
    struck Kyiv overnight"), as does a capital after a locative word (ruled out by the caller:
    "Beijing sent envoys to Seoul")."""
    fi, end = doc.acting_verb
    return fi == f.idx and m.start == end + 1 and f.norm[end] == " "


def _object_of_actor_verb(doc: _Doc, f: _Field, i: int) -> bool:
    """Is the capital at ``i`` the object of an agentive verb whose subject is an actor right before
    it ("El ministro venezolano acusó a Washington", "Die Bundesregierung liefert Kiew Waffen",
    "Officials accused Moscow of ...")? As with an acting capital's verb (:func:`_object_capital`),
    a government's verb of blaming, urging or supplying is aimed at another government, not at a
    city. The subject must be a dictionary match ending one space before the verb, and no place
    ("Rents in Paris ...": a place is no subject here); a clause verb ("said") never takes it
    (``object_verbs`` leaves them out), nor does a verb with no actor before it ("They called Paris
    home"). Between verb and object only the language's ``object_markers`` may stand (Spanish
    personal "a"); locative words were ruled out by the caller ("viajó a Madrid" is "a" + a place
    only when no agentive verb precedes)."""
    norm = f.norm
    m = f.matches[i]
    rules = doc.lex.rules
    wb = _word_before(norm, m.start)
    if wb is None:
        return False
    if wb[1].lower() in rules.object_markers.get(f.lang, ()):
        wb = _word_before(norm, wb[0])
        if wb is None:
            return False
    if wb[1].lower() not in rules.object_verbs or i == 0:
        return False
    prev = f.matches[i - 1]
    if not (prev.end == wb[0] - 1 and norm[prev.end] == " " and not _placeish(prev.kind)):
        return False
    if m.end < len(norm) and norm[m.end] in "'’":
        return False  # "rejected Moscow's accusations": the possessor of the object, not the object
    followers = rules.object_followers.get(f.lang)
    if followers is None or m.end + 1 >= len(norm) or norm[m.end] != " " or not norm[m.end + 1].islower():
        return True
    stop = m.end + 1
    while stop < len(norm) and (norm[stop].isalpha() or norm[stop] in "-'"):
        stop += 1
    return norm[m.end + 1 : stop] in followers


def _verb_takes_object(lex: Lexicon, norm: str, end: int) -> bool:
    """Is the agentive verb ending at ``end`` one whose object can be a capital's government, not a
    clause (the rules' ``clause_verbs``: "Moscow said Kyiv was struck overnight")?"""
    start = max(norm.rfind(" ", 0, end), norm.rfind("\t", 0, end), norm.rfind("\n", 0, end)) + 1
    return norm[start:end].lower() not in lex.rules.clause_verbs


def _partner_capital(doc: _Doc, f: _Field, m: Match) -> bool:
    """Is the capital at ``m`` the partner of a capital that acts for its government in the same
    sentence ("Moscow signed the treaty with Washington", "Moscow signed deals with Beijing and
    Seoul")? After "with" the acting capital may stand anywhere before it in the sentence; after
    "and" it must be the conjunct right before ("Moscow accused Kyiv and Washington": Kyiv, the
    verb's object, is a government (:func:`_object_capital`), so Washington is too). Where no capital
    acts ("Rents in Paris rose compared with London") the city stays a place.
    (The rules' ``partner_words``; a locative word before the capital was ruled out by the caller.)"""
    fi, end = doc.acting_capital
    if fi != f.idx or end > m.start:
        return False
    norm = f.norm
    wb = _word_before(norm, m.start)
    if wb is None or wb[1].lower() not in doc.lex.rules.partner_words:
        return False
    if wb[1].lower() != "with":
        return wb[0] == end + 1  # "<acting capital> and <capital>"
    return not _sentence_break(norm, end, m.start)  # the same sentence as the acting capital


def _add_named_body(doc: _Doc, f: _Field, i: int, country: str) -> bool:
    """An unknown organisation whose name starts with a place: the place's capitalised run
    ("Texas Instruments", "Tigray People's Liberation Front"), with the place's country, no role."""
    norm = f.norm
    words = doc.lex.rules.function_words
    connectors = doc.lex.rules.name_connectors
    m = f.matches[i]
    end = pos = m.end
    # the run stops at the next dictionary match ("... Liberation Front and Ethiopian troops")
    limit = min(len(norm), m.end + 60, f.matches[i + 1].start if i + 1 < len(f.matches) else len(norm))
    while (tok := _NAME_WORD.match(norm, pos, limit)) is not None:
        pos = tok.end()
        word = tok.group(1)
        if word.rstrip("'") in words:
            break
        if not word[0].isupper():
            if word in connectors or word in ("of", "for"):
                continue
            break
        end = tok.end(1)
        if tok.group(2):
            break  # "Donetsk People's Republic," - punctuation closes the name
    name = f.text[m.start : end]
    pid = f"org:{_slug(name)}"
    doc.add(
        pid,
        lambda: _Acc(pid, name, ActorType.ORGANISATION, country, None, None, country, C_BARE),
        f,
        m.start,
        end,
        C_BARE,
    )
    return True


#: One word of a capitalised name run, and whether punctuation follows it.
_NAME_WORD: Final = re.compile(r"[ \t]([^\W\d_][\w'’\-]*)([,.;:!?)]?)")


def _process(doc: _Doc, f: _Field) -> None:
    """Resolve every match of one field, in text order (branches ordered by how common they are in
    news copy: agent nouns, then countries; kinds are module constants, not enum attribute lookups)."""
    lex = doc.lex
    matches = f.matches
    last = len(matches) - 1
    doc.skip_from = doc.skip_to = -1
    for i, m in enumerate(matches):
        if m.start < doc.skip_to and m.start >= doc.skip_from:
            continue
        for e in m.entries:
            k = e.kind
            if k is _K_AGENT:
                _do_agent(doc, f, i, e.ref)
            elif k is _K_COUNTRY or k is _K_DEMONYM:
                if _inside_longer_name(doc, f, i, check_before=k is _K_COUNTRY):
                    continue  # "Michael Jordan", "Chad Smith", "American Airlines"
                if f.postnominal and k is _K_DEMONYM:
                    _title_around(doc, f, i, e.ref)  # "le chef russe de la diplomatie"
                if f.postnominal and (k is _K_DEMONYM or f.lang == "ar") and i > 0:
                    prev_m = matches[i - 1]
                    if prev_m.end + 1 == m.start and prev_m.kind is _K_AGENT:
                        break  # the agent before it built the composite ("las tropas ucranianas")
                if i < last:
                    n = matches[i + 1]
                    if n.kind is _K_AGENT and n.start - m.end <= 3:
                        gap = f.norm[m.end : n.start]
                        if gap == " " or _POSSESSIVE.fullmatch(gap):
                            break  # the agent builds the composite ("Russian troops")
                if k is _K_DEMONYM and e.exact is None and _not_the_adjective(doc, f, m):
                    break
                doc.add_country(e.ref, f, m.start, m.end)
            elif k is _K_HONORIFIC or k is _K_ANAPHOR:
                pass  # only modify their neighbours
            elif k is _K_TITLE:
                _do_title(doc, f, i)
            elif k is _K_PERSON:
                start = m.start
                p = _prev(f, i)
                if p is not None and p.kind is _K_HONORIFIC:
                    start = p.start
                elif (
                    m.end - m.start < len(lex.persons[e.ref].name)  # a short alias ("Lopez Obrador")
                    and not f.titlecase
                    and (given := _given_name_person(doc, f, i, e)) is not None
                ):
                    start = given[1]  # "Andres Lopez Obrador": a given name before a short alias
                name_start = start if start < m.start else None
                title_of = _title_before(doc, f, i, name_start)
                doc.add_person(e.ref, f, start, m.end, C_NAME, title_of, _former_title(f, i, name_start))
            elif k is _K_SURNAME:
                p = _prev(f, i)
                title: Title | None = None
                where: str | None = None
                prefixed = False
                if p is not None and (p.kind is _K_HONORIFIC or p.kind is _K_TITLE):
                    prefixed = True
                    if p.kind is _K_TITLE:
                        title = lex.titles[p.ref]
                        q, _ = _prev_poss_or_space(f, i - 1)
                        if q is not None and _countryish(q.kind):
                            where = q.ref
                given = _given_name_person(doc, f, i, e)
                if given is not None:
                    # "Mohamed Roble", "Recep Erdogan": a known person's given name and surname
                    # with the middle name left out
                    title_of = _title_before(doc, f, i, given[1])
                    doc.add_person(given[0], f, given[1], m.end, C_NAME, title_of, _former_title(f, i, given[1]))
                    break
                if _inside_longer_name(doc, f, i, surname=True):
                    continue  # "Melania Trump", "Minister Juan Carlos Jobet": someone else
                pid, conf = _surname_person(doc, e, title, where, prefixed)
                if pid is None:
                    continue
                start = p.start if p is not None and p.kind is _K_HONORIFIC else m.start
                doc.add_person(pid, f, start, m.end, conf, _title_before(doc, f, i), _former_title(f, i))
            elif k is _K_ORG:
                if len(m.entries) > 1 and _foreign_qualified(doc, f, i, e):
                    if lex.orgs[e.ref].shared_name:
                        if doc.owners is None:
                            doc.owners = {}
                        doc.owners[e.ref] = matches[i - 1].ref  # later bare mentions are the same body
                    continue  # "Chile's Defense Department": the generic agent reading, not the US one
                if _namesake_of_other_country(doc, f, i, e):
                    break  # "the Israeli Labour Party", "Mongolian People's Party": not the British/Spanish one
                org = lex.orgs[e.ref]
                if org.type == "company" and len(m.entries) > 1 and _company_place_before(lex, f.norm, m.start):
                    continue  # "a plant in Toyota": the city reading
                if _common_word(org, f) and _common_word_noun(lex, f, m, org):
                    break  # "Shell fragments were found", "Amnesty was granted to", "Podemos ganar"
                if org.shared_name and len(m.entries) > 1 and _shared_name_elsewhere(doc, f, i, e):
                    break  # a bare "Ministry of Defence" after "Ukraine's Ministry of Defence"
                n2, gap2 = _next(f, i)
                if not (n2 is not None and n2.kind is _K_AGENT and gap2 == " "):
                    end = m.end
                    if org.type == "ngo" and n2 is not None and gap2 == " " and n2.kind is _K_COUNTRY:
                        # "Oxfam Canada", "Save the Children UK": the organisation's section in that
                        # country, which speaks for the organisation; the country itself does not act
                        end = n2.end
                        doc.skip_from, doc.skip_to = n2.start, n2.end
                    doc.add_org(e.ref, f, m.start, end)
            elif k is _K_SEAT:
                doc.add_actor_ref(e.ref, f, m.start, m.end, C_CODE)
            elif _placeish(k) and not _do_place(doc, f, i, e):
                continue
            break  # first reading that applies wins


def _confirm_dominant(doc: _Doc) -> None:
    """ "The government" is the story's country only if the story names that country as an actor
    somewhere else (the country, a place in it, a person or body of it): the dominant-country vote
    also counts words later read as parts of names ("Die Regierung hat Chad Smith empfangen" has no
    Chad in it). Otherwise the mentions go back to the bare agent (---GOV). A union named before
    its noun took the same guess (:func:`_add_named_union`): it confirms nothing, and goes back to
    no country with them."""
    marks = doc.by_dominant or []
    guessed_orgs = {pid for pid in doc.new_orgs.values() if doc.acc[pid].country is not None}
    if not marks and not guessed_orgs:
        return
    iso = doc.dominant
    own = {(fi, s, e) for _code, _role, fi, s, e, _conf in marks}
    for acc in doc.acc.values():
        if acc.country == iso and acc.actor_id not in guessed_orgs and any(span not in own for span in acc.spans):
            return
    for pid in guessed_orgs:
        org = doc.acc[pid]
        org.country, org.code = None, "---" + (org.role or "")
    fields = {f.idx: f for f in doc.fields}
    for code, role, fi, s, e, conf in marks:
        guessed = doc.acc.get(code)
        if guessed is not None:
            if (fi, s, e) in guessed.spans:
                guessed.spans.remove((fi, s, e))
            if not guessed.spans:
                del doc.acc[code]
        doc.add_composite(None, role, fields[fi], s, e, conf)


def _const(acc: _Acc) -> Callable[[], _Acc]:
    return lambda: acc


def _drop_surname_guesses(doc: _Doc) -> None:
    """A bare surname that is also the surname of a person this article introduces by name ("Governor
    Olayemi Cardoso said ... Cardoso told reporters") is that person, not a dictionary namesake read
    from the surname alone (Fernando Henrique Cardoso): the story names its own person in full, the
    namesake not at all. A dictionary person named in full anywhere in the article keeps the reading."""
    surnames = doc.new_people
    text = {f.idx: f.norm for f in doc.fields}
    full = doc.full_names
    drop = [
        aid
        for aid, acc in doc.acc.items()
        if acc.type is _T_PERSON
        and aid in doc.lex.persons  # (dictionary people are kept under their own id)
        and aid not in full
        and all(_HONORIFIC_LEAD.sub("", text[fi][s:e]) in surnames for fi, s, e in acc.spans)
    ]
    for aid in drop:
        del doc.acc[aid]


def _corefer_new_people(doc: _Doc) -> None:
    """Later surname-only mentions of people introduced by an apposition ("Klitschko said"), and
    later mentions of the name of a body introduced by its noun ("IG Metall said")."""
    _drop_surname_guesses(doc)
    for surname, pid in (*doc.new_people.items(), *doc.new_orgs.items()):
        acc = doc.acc[pid]
        width = len(surname)
        for f in doc.fields:
            norm = f.norm
            start = norm.find(surname)
            while start != -1:
                end = start + width
                if (
                    (start == 0 or not norm[start - 1].isalnum())
                    and (end == len(norm) or not norm[end].isalnum())
                    and not any(f.idx == fi and s <= start < e for fi, s, e in acc.spans)
                ):
                    h = _HONORIFIC_BEFORE.search(norm, max(0, start - 8), start)
                    doc.add(pid, _const(acc), f, h.start() if h else start, end, C_COREF)
                start = norm.find(surname, end)


def _compound_agents(
    heads: Mapping[str, Entry], lengths: tuple[int, ...], norm: str, matches: list[Match]
) -> list[Match]:
    """``matches`` plus an agent match for each capitalised word no match covers that ends in a
    group noun of the language ("Medizinstudenten", "Kleinbauern"): German writes such compounds
    as one word, so the automaton (anchored at word starts) never sees the head. The head must
    follow at least three letters ("Studenten" alone is the automaton's), and the word keeps its own
    reading where the dictionary knows it ("Bundesregierung")."""
    added: list[Match] = []
    k = 0
    n = len(matches)
    for tok in _CAP_WORD.finditer(norm):
        start, end = tok.span()
        while k < n and matches[k].end <= start:
            k += 1
        if k < n and matches[k].start < end:
            continue  # a dictionary match inside or over the word
        low = tok.group().lower()
        for size in lengths:
            if len(low) - size >= 3 and (entry := heads.get(low[-size:])) is not None:
                added.append(Match(start, end, (entry,)))
                break
    if not added:
        return matches
    return sorted([*matches, *added], key=lambda m: m.start)


def tag_article(lex: Lexicon, article: Article) -> list[ActorTag]:
    """Actor tags for one article (pure function of the lexicon and the article)."""
    lang = (article.language or "en").split("-")[0].lower()
    auto = lex.automaton(lang)
    arabic = lang == "ar"
    postnominal = lang in _POSTNOMINAL
    fields: list[_Field] = []
    headline, body = article.headline, article.body
    if headline:
        norm = normalise(headline)
        fields.append(
            _Field(0, _F_HEADLINE, headline, norm, scan(auto, norm, arabic), _titlecase(headline), postnominal, lang)
        )
    if body:
        norm = normalise(body)
        fields.append(_Field(1, _F_BODY, body, norm, scan(auto, norm, arabic), False, postnominal, lang))
    heads = lex.rules.compound_heads.get(lang)
    if heads is not None:
        lengths = lex.rules.compound_head_lengths[lang]
        for f in fields:
            f.matches = _compound_agents(heads, lengths, f.norm, f.matches)
    if len(lex.memo) > _MEMO_LIMIT:
        lex.memo.clear()  # dates move on; old (person, date) entries are never asked for again
    doc = _Doc(lex, article_date(article), fields)
    for f in fields:
        _process(doc, f)
    if doc.by_dominant or doc.new_orgs:
        _confirm_dominant(doc)
    if doc.new_people or doc.new_orgs:
        _corefer_new_people(doc)
    texts: list[str] = ["", ""]
    for f in fields:
        texts[f.idx] = f.text
    out: list[ActorTag] = []
    # Models are built from values valid by construction (what ``model_construct`` does, without
    # its per-field default handling; inlined because ~50 are built per article). The models are
    # frozen, so every instance of a class can share one fields-set. The pydantic slots are set
    # with ``object.__setattr__`` written out: the compiled build (mypyc) turns that into a direct
    # C call, ~3 % of a tag call faster than calling the slot descriptors' ``__set__`` (which was
    # ~2 % faster when interpreted; the image runs the compiled build).
    new = object.__new__
    span_fields, tag_fields = _SPAN_FIELDS, _TAG_FIELDS
    for acc in doc.acc.values():
        spans = acc.spans
        if len(spans) > 1:
            spans.sort()
        mentions = []
        for fi, s, e in spans:
            span = new(Span)
            kind = _F_HEADLINE if fi == 0 else _F_BODY
            object.__setattr__(span, "__dict__", {"text": texts[fi][s:e], "start": s, "end": e, "field": kind})
            object.__setattr__(span, "__pydantic_fields_set__", span_fields)
            object.__setattr__(span, "__pydantic_extra__", None)
            object.__setattr__(span, "__pydantic_private__", None)
            mentions.append(span)
        tag = new(ActorTag)
        object.__setattr__(
            tag,
            "__dict__",
            {
                "actor_id": acc.actor_id,
                "name": acc.name,
                "type": acc.type,
                "country": acc.country,
                "role": acc.role,
                "office": acc.office,
                "code": acc.code,
                "mentions": mentions,
                "confidence": acc.confidence,
            },
        )
        object.__setattr__(tag, "__pydantic_fields_set__", tag_fields)
        object.__setattr__(tag, "__pydantic_extra__", None)
        object.__setattr__(tag, "__pydantic_private__", None)
        out.append(tag)
    return out


_MEMO_LIMIT: Final = 200_000
_SPAN_FIELDS: Final = set(Span.model_fields)
_TAG_FIELDS: Final = set(ActorTag.model_fields)
