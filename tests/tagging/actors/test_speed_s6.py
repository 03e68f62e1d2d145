"""Session 6 speed and memory changes keep the lexicon's meaning: libyaml reads the same documents,
the compact automaton values (one value for all languages, spelling tuples, the shared
case-sensitivity marker) give the readings the full tables gave, and entries/people survive the
compile's pickle round trip."""

from __future__ import annotations

import pickle
import re
from datetime import date

import pytest
import yaml

from wirestream.tagging.actors.data import DATA_FILES, _parse, default_data_dir
from wirestream.tagging.actors.lexicon import (
    CASE_SENSITIVE,
    LANGUAGES,
    Person,
    Place,
    Term,
    _readings,
    exact_forms,
)
from wirestream.tagging.actors.scan import VALUE_LEN, Entry, Kind, _spelled_at, normalise, scan


class _PurePythonLoader(yaml.SafeLoader):
    """The loader ``data`` used before libyaml: same resolvers, pure-Python parser."""


_PurePythonLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PurePythonLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


@pytest.mark.parametrize("name", [n for n in DATA_FILES if n.endswith(".yaml")])
def test_dictionary_yaml_parses_the_same_as_with_the_pure_python_parser(name):
    text = (default_data_dir() / name).read_text(encoding="utf-8")
    fast, pure = _parse(name, text), yaml.load(text, Loader=_PurePythonLoader)
    assert fast == pure
    assert repr(fast) == repr(pure)  # same types too ("on"/"no" stay strings, dates stay strings)


def test_yaml_words_that_yaml_1_1_reads_as_booleans_or_dates_stay_strings():
    doc = _parse("x.yaml", "a: [on, no, yes, off]\nb: 2024-07-05\nc: true\n")
    assert doc == {"a": ["on", "no", "yes", "off"], "b": "2024-07-05", "c": True}


def test_entries_terms_people_and_places_survive_pickling_equal():
    e = Entry(Kind.COUNTRY, "GBR", frozenset({"Britain", "BRITAIN"}), "GBR", 1)
    term = Term(frozenset({"head_of_government"}), "head_of_government", "GBR", date(2024, 7, 5), None)
    person = Person("keir-starmer", "Keir Starmer", "GBR", None, (term,), False, True, (("keir",),))
    place = Place("geonames:1", "London", "GBR", True, False)
    for obj in (e, term, person, place):
        back = pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == obj and hash(back) == hash(obj) and type(back) is type(obj)
    # shared objects stay shared (the lexicon relies on interned readings)
    a, b = pickle.loads(pickle.dumps([e, e], protocol=pickle.HIGHEST_PROTOCOL))
    assert a is b


def test_readings_are_stored_once_when_every_language_reads_a_key_alike():
    value = (6, (Entry(Kind.CITY, "geonames:1", None),), None)
    other = (6, (Entry(Kind.DEMONYM, "FRA", None),), None)
    assert len(LANGUAGES) != VALUE_LEN
    assert _readings(tuple(value for _ in LANGUAGES)) is value
    mixed = tuple(other if lang == "fr" else value for lang in LANGUAGES)
    assert _readings(mixed) is mixed
    only_fr = tuple(other if lang == "fr" else None for lang in LANGUAGES)
    assert _readings(only_fr) is only_fr


def test_scanner_reading_tells_compact_and_per_language_values_apart(tagger):
    lex = tagger.lexicon
    en, fr = lex.automaton("en"), lex.automaton("fr")
    london = en.reading(" london")
    assert london is not None and fr.reading(" london") is london
    assert len(london) == VALUE_LEN and london[1][0].kind in (Kind.CAPITAL, Kind.CITY)
    # a French-only surface: a value in French, none in English
    fr_only = next(k for k, _ in fr.automaton.items() if fr.reading(k) is not None and en.reading(k) is None)
    assert len(fr.reading(fr_only)) == VALUE_LEN


def test_spelling_tuples_and_tables_choose_the_same_readings():
    cased = Entry(Kind.COUNTRY, "USA", CASE_SENSITIVE)
    loose = Entry(Kind.AGENT, "GOV", None)
    # every reading case-sensitive with the same spellings: a tuple
    assert _spelled_at((cased,), ("US", "U.S."), "US", 0, 2) == (cased,)
    assert _spelled_at((cased,), ("US", "U.S."), "us", 0, 2) == ()
    # mixed readings: the table, "" for any other spelling
    table = {"US": (cased, loose), "": (loose,)}
    assert _spelled_at((cased, loose), table, "US", 0, 2) == (cased, loose)
    assert _spelled_at((cased, loose), table, "us", 0, 2) == (loose,)


def test_compiled_lexicon_keeps_only_whether_a_reading_is_case_sensitive(tagger):
    lex = tagger.lexicon
    seen = 0
    markers = set()
    for key, _ in lex.automaton("en").automaton.items():
        value = lex.automaton("en").reading(key)
        if value is None:
            continue
        _, entries, by_spelling = value
        for e in entries:
            assert e.exact is None or e.exact == CASE_SENSITIVE
            if e.exact is not None:
                markers.add(id(e.exact))
        if isinstance(by_spelling, tuple):
            seen += 1
            assert all(e.exact == CASE_SENSITIVE for e in entries)
    assert seen > 1000
    assert len(markers) == 1  # one shared object (the pickle round trip keeps it shared)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Britain and the US said", ["COUNTRY", "COUNTRY"]),  # case-sensitive readings through spelling tuples
        ("BRITAIN warns us", ["COUNTRY"]),  # "us" is no country: only the listed spellings read as one
        ("Keir Starmer met Macron", ["PERSON", "SURNAME"]),
    ],
)
def test_case_sensitive_readings_still_follow_the_text_spelling(tagger, text, kinds):
    found = scan(tagger.lexicon.automaton("en"), normalise(text))
    assert [m.kind.name for m in found] == kinds


def test_exact_forms_are_what_spelling_tuples_list():
    assert exact_forms("Britain") == frozenset({"Britain", "BRITAIN"})
    assert exact_forms("police") is None
