"""The generated office-holder import (officeholders.json): consistent data, merged under the
curated people.yaml, date-correct title resolution, and no long-tail surname false positives."""

from __future__ import annotations

import re
import sys
from datetime import date

import pycountry
import pytest

from wirestream.tagging.actors.data import default_data_dir, read_raw
from wirestream.tagging.actors.lexicon import Kind, Person, _imported_surnames, _Keys, _people, scan_key

from .conftest import make_article

HEADS_OF_STATE = "head_of_state"


@pytest.fixture(scope="module")
def raw():
    return read_raw(default_data_dir())


def test_officeholders_are_consistent(raw):
    gen = raw.files["officeholders.json"]
    kinds = raw.files["people.yaml"]["office_kinds"]
    un = set(gen["un_members"])
    assert len(un) == 193 and un <= {c.alpha_3 for c in pycountry.countries}
    ids = [p["id"] for p in gen["people"]]
    assert len(ids) == len(set(ids))
    for p in gen["people"]:
        for kind, where, start, end in p["terms"]:
            assert kind in kinds, (p["id"], kind)
            assert where in un, (p["id"], where)
            # every imported term is closed: the import never extends a term to "today"
            assert date.fromisoformat(start) < date.fromisoformat(end), p["id"]


def test_officeholders_name_their_sources(raw):
    about = raw.files["officeholders.json"]["about"]
    assert "scripts/import_officeholders.py" in about["generated_by"]
    assert re.fullmatch(r"[0-9a-f]{40}", about["sources"]["factbook"]["commit"])
    assert about["sources"]["ep_cabinets"]["repos"], "per-country snapshots listed with their commits"


def test_coverage_of_un_members(raw, tagger):
    """Most UN members have a known head of state, head of government and foreign minister on a
    date inside the sources' snapshots (2022); the floor is the measured count minus a margin."""
    un = raw.files["officeholders.json"]["un_members"]
    on = date(2022, 6, 1)

    def covered(office: str) -> int:
        return sum(
            any(s <= on and (e is None or on < e) for s, e, _ in tagger.lexicon.holders.get((office, c), ()))
            for c in un
        )

    assert covered(HEADS_OF_STATE) >= 185
    assert covered("head_of_government") >= 185
    assert covered("foreign_minister") >= 170
    assert covered("defence_minister") >= 120


# ------------------------------------------------------------------ merging under people.yaml

KINDS = {"pm": ["head_of_government", "prime_minister", "leader"], "fm": ["foreign_minister"]}


def _merge(curated, imported):
    return _people({"office_kinds": KINDS, "people": curated}, _Keys(), {"people": imported})


def test_curated_term_wins_over_an_overlapping_imported_one():
    curated = [
        {"id": "ann-curated", "name": "Ann Curated", "country": "AAA", "terms": [["pm", "AAA", "2020-01-01", None]]}
    ]
    imported = [
        {
            "id": "bob-imported",
            "name": "Bob Imported",
            "country": "AAA",
            "terms": [["pm", "AAA", "2019-01-01", "2021-01-01"], ["fm", "AAA", "2015-01-01", "2018-01-01"]],
        },
        {
            "id": "cy-overlap",
            "name": "Cy Overlap",
            "country": "AAA",
            "terms": [["pm", "AAA", "2021-01-01", "2022-01-01"]],
        },
    ]
    persons, _, holders, _ = _merge(curated, imported)
    assert [t.primary for t in persons["bob-imported"].terms] == ["foreign_minister"]
    assert "cy-overlap" not in persons  # nothing left once its only term is the curated holder's
    assert [pid for _, _, pid in holders[("head_of_government", "AAA")]] == ["ann-curated"]


def test_imported_record_of_a_curated_person_adds_terms_to_them():
    curated = [
        {
            "id": "ann-curated",
            "name": "Ann Curated",
            "aliases": ["Ann B. Curated"],
            "country": "AAA",
            "terms": [["pm", "AAA", "2020-01-01", None]],
        }
    ]
    imported = [
        {
            "id": "ann-b-curated",
            "name": "Ann B Curated",
            "country": "AAA",
            "terms": [["pm", "AAA", "2020-01-02", "2023-01-01"], ["fm", "AAA", "2016-01-01", "2019-01-01"]],
        }
    ]
    persons, _, _, _ = _merge(curated, imported)
    assert set(persons) == {"ann-curated"}
    assert [(t.primary, t.start) for t in persons["ann-curated"].terms] == [
        ("head_of_government", date(2020, 1, 1)),
        ("foreign_minister", date(2016, 1, 1)),
    ]
    assert not persons["ann-curated"].imported


def test_imported_people_are_keyed_by_surname_unless_it_collides():
    """Imported full names are no keys (memory); the surname is, unless it is another reading, a
    curated surname, short or an English word - then the full names are keys instead."""
    keys = _Keys()
    keys.add("Jordan", Kind.COUNTRY, "JOR")
    names = {"x": "Ann Jordan", "y": "Bo Li", "z": "Cy Brown", "w": "Di Friday", "v": "Lazarus Chakwera"}
    persons = {
        pid: Person(pid, name, "AAA", None, (), True, imported=True, given=((name.split()[0].lower(),),))
        for pid, name in names.items()
    }
    people = [(pid, [name.split()[-1]], [name]) for pid, name in names.items()]
    by_surname = _imported_surnames(people, keys, {"brown": ("gb",)}, persons)
    assert by_surname == {"brown": ("gb",), "chakwera": ("v",)}
    slots = keys.by_lang[None]
    for pid in "xyzw":
        assert (Kind.PERSON, pid) in slots[scan_key(names[pid])], pid
    assert scan_key("Lazarus Chakwera") not in slots and (Kind.SURNAME, "chakwera") in slots[scan_key("Chakwera")]


# ------------------------------------------------------------------ tagging with imported people
# Malawi's foreign ministers are not in people.yaml: they come from the import (Wikidata).


def _people_tags(tagger, text, day):
    return [t for t in tagger.tag(make_article(text, date=day)) if t.actor_id.startswith("person:")]


def test_title_only_resolution_is_date_correct(tagger):
    text = "Malawi's foreign minister said on Tuesday that talks would resume."
    (a,) = _people_tags(tagger, text, "2022-06-01")
    (b,) = _people_tags(tagger, text, "2021-06-01")
    assert a.actor_id != b.actor_id
    assert (a.country, a.office, b.country, b.office) == ("MWI", "foreign_minister", "MWI", "foreign_minister")
    assert not _people_tags(tagger, text, "2030-01-01"), "no holder is invented past the sources' snapshots"


def test_full_name_resolves_whatever_the_date(tagger):
    text = "Nancy Tembo arrived in Lusaka on Monday. Tembo said the talks went well."
    for day in ("2010-01-01", "2022-06-01", "2025-07-04"):
        (p,) = _people_tags(tagger, text, day)
        assert p.actor_id == "person:nancy-tembo" and p.country == "MWI" and len(p.mentions) == 2


def test_bare_imported_surname_needs_a_title_or_the_full_name(tagger):
    assert not _people_tags(tagger, "Tembo arrived in Lusaka on Monday.", "2022-06-01")
    (p,) = _people_tags(tagger, "Foreign Minister Tembo arrived in Lusaka on Monday.", "2022-06-01")
    assert p.actor_id == "person:nancy-tembo"
    (p,) = _people_tags(tagger, "Ms Tembo arrived in Lusaka on Monday.", "2022-06-01")  # in office then
    assert p.actor_id == "person:nancy-tembo"
    # out of office: an honorific and a long-tail surname is too often someone else
    assert not _people_tags(tagger, "Ms Tembo arrived in Lusaka on Monday.", "2024-06-01")


@pytest.mark.parametrize(
    "text",
    [
        "Eisenhower Nduwa Mkaka arrived in Lusaka on Monday.",
        "Eisenhower Mkaka arrived in Lusaka on Monday.",
        "Malawian Foreign Minister Eisenhower Nduwa Mkaka arrived in Lusaka on Monday.",
    ],
)
def test_imported_full_name_is_found_through_the_surname(tagger, text):
    (p,) = _people_tags(tagger, text, "2015-01-01")
    assert p.actor_id == "person:eisenhower-nduwa-mkaka"
    assert p.mentions[0].text.startswith("Eisenhower") and p.mentions[0].text.endswith("Mkaka")


def test_someone_else_with_an_imported_surname_is_not_them(tagger):
    assert not _people_tags(tagger, "Joseph Mkaka arrived in Lusaka on Monday.", "2021-06-01")


def _import_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "scripts" / "import_officeholders.py"
    spec = importlib.util.spec_from_file_location("import_officeholders", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("import_officeholders", mod)  # its dataclasses look their module up
    spec.loader.exec_module(sys.modules["import_officeholders"])
    return sys.modules["import_officeholders"]


@pytest.mark.parametrize(
    ("label", "iso3", "office"),
    [
        ("Minister of Health", "UGA", "minister"),
        ("Minister for Women", "AUS", "minister"),
        ("Minister of Defence Industry", "TUR", "minister"),  # a cabinet post, though not the defence minister
        ("Minister of Finance", "KEN", "finance"),
        ("Secretary of the Treasury", "USA", "finance"),
        ("Secretary of Health and Human Services", "USA", "minister"),
        ("Minister for Foreign Affairs", "IRL", "fm"),
        ("Minister of State for Investment", "UGA", None),  # below cabinet rank
        ("Deputy Minister of Health", "UGA", None),
        ("Minister-President of Bavaria", "DEU", None),  # a Land's head of government
        ("Chief Minister", "IND", None),
        ("State Secretary", "CZE", None),
        ("Attorney General", "USA", None),
    ],
)
def test_import_takes_every_cabinet_post_and_nothing_below_it(label, iso3, office):
    assert _import_script().ep_office(label, iso3) == office


def test_import_does_not_merge_people_who_share_a_second_given_name():
    same = _import_script().same_person
    assert not same("Juan Carlos Muñoz", "Juan Carlos Jobet")
    assert not same("Ali Akbar Salehi", "Ali Akbar Hashemi-Rafsanjani")
    assert same("Nicolas Maduro Moros", "Nicolás Maduro")
    assert same("Vladimir Vladimirovich Putin", "Vladimir Putin")


def test_imported_cabinet_ministers_resolve_by_full_name(raw, tagger):
    """Every cabinet post is imported: a minister named in full gets their country and GOV while in office.
    The people are the first 60 ministry-only records of the generated file (by id), not chosen by hand."""
    ministers = [
        p
        for p in raw.files["officeholders.json"]["people"]
        if all(t[0] == "minister" for t in p["terms"]) and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]{3,}", p["name"])
    ][:60]
    assert len(ministers) == 60
    found = 0
    for p in ministers:
        _kind, _where, start, end = p["terms"][0]
        on = date.fromordinal((date.fromisoformat(start).toordinal() + date.fromisoformat(end).toordinal()) // 2)
        tags = tagger.tag(make_article(f"{p['name']} said on Monday that talks would continue.", date=on.isoformat()))
        found += any(t.name == p["name"] and t.country == p["country"] and t.role == "GOV" for t in tags)
    assert found >= 54, found
