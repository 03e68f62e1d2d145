"""Session 7 speed changes keep the tagger's meaning: the insertion sort of the overlap pass orders
hits exactly as ``list.sort`` by start did, the first-letter shortcut of case-sensitive keys allows
exactly the spellings the membership test allowed, the Kind helpers are the tuple membership tests
they replace, and the lexicon record types (now compiled with the scanner) still pickle and
compare as before."""

from __future__ import annotations

import pickle
import random
from datetime import date
from operator import attrgetter

import pytest

from wirestream.tagging.actors import resolve
from wirestream.tagging.actors.lexicon import Org, Person, Place, Term, Title
from wirestream.tagging.actors.scan import Entry, Kind, Match, _sort_by_start, _spelled_at


@pytest.mark.parametrize("seed", range(200))
def test_insertion_sort_by_start_is_the_stable_list_sort(seed):
    rnd = random.Random(seed)
    n = rnd.randint(0, 60)
    # hits as the automaton gives them: ordered by end, several per end and start (ties keep order)
    spans = sorted(((s, s + rnd.randint(1, 12)) for s in (rnd.randrange(50) for _ in range(n))), key=lambda se: se[1])
    found = [Match(s, e, ()) for s, e in spans]
    expected = sorted(found, key=attrgetter("start"))
    _sort_by_start(found)
    assert [id(m) for m in found] == [id(m) for m in expected]


@pytest.mark.parametrize("seed", range(50))
def test_insertion_sort_handles_any_order(seed):
    rnd = random.Random(seed)
    found = [Match(rnd.randrange(30), 40, ()) for _ in range(rnd.randint(0, 40))]
    expected = sorted(found, key=attrgetter("start"))
    _sort_by_start(found)
    assert [id(m) for m in found] == [id(m) for m in expected]


def test_first_letter_shortcut_allows_exactly_the_listed_spellings():
    cased = (Entry(Kind.ORG, "org:who", frozenset()),)
    spellings = ("WHO", "W.H.O.", "Who")
    text = "the who said WHO and Who, not wHO or W.H.O or W.H.O."
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 7) + 1):
            want = cased if text[start:end] in spellings else ()
            assert _spelled_at(cased, spellings, text, start, end) == want, text[start:end]
    table = {"US": cased, "": ()}
    assert _spelled_at(cased, table, "the US and us", 4, 6) == cased
    assert _spelled_at(cased, table, "the US and us", 11, 13) == ()


def test_kind_helpers_are_the_tuple_membership_tests_they_replace():
    countryish = (Kind.COUNTRY, Kind.DEMONYM)
    placeish = (Kind.CAPITAL, Kind.CITY, Kind.REGION)
    for k in [*Kind, None]:
        assert resolve._countryish(k) is (k in countryish)
        assert resolve._placeish(k) is (k in placeish)
        assert resolve._of_qualifier(k) is (k in (*countryish, Kind.ORG))
        assert resolve._in_qualifier(k) is (k in (*countryish, *placeish))
        assert resolve._title_qualifier(k) is (k in (*countryish, Kind.ORG, *placeish))


def test_lexicon_records_pickle_and_compare_as_before():
    term = Term(frozenset({"head_of_state"}), "head_of_state", "FRA", date(2017, 5, 14), None)
    objects = [
        term,
        Person("emmanuel-macron", "Emmanuel Macron", "FRA", None, (term,), False),
        Place("geonames:2988507", "Paris", "FRA", True, False),
        Org("who", "World Health Organization", "igo", "IGO", "IGO", "IGOWHO"),
        Org("kenya-red-cross", "Kenya Red Cross", "ngo", "KEN", "NGO", "KENNGO", national=True),
        Title("president", ("head_of_state",), "GOV", False),
        Title("commission_president", ("commission_president",), "IGO", False, org="org:eu"),
    ]
    for obj in objects:
        back = pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == obj and hash(back) == hash(obj) and type(back) is type(obj)
    assert objects[1].term_at(date(2025, 7, 4)) is term and objects[1].term_at(date(2016, 1, 1)) is None
    assert not objects[1].held_before(date(2025, 7, 4))


def test_lexicon_fields_and_automaton_lookup(tagger):
    lex = tagger.lexicon
    assert lex.automaton("en-GB") is lex.automaton("en") and lex.automaton("xx") is lex.automaton("en")
    assert lex.automaton(None) is lex.automaton("en")
    assert lex.rules.function_words and lex.places and lex.persons
