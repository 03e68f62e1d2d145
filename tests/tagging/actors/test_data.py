"""The packaged dictionary: schema-valid, internally consistent, and compiled once per version."""

from __future__ import annotations

import itertools
import json
from datetime import date

import jsonschema
import pycountry
import pytest

from wirestream.tagging.actors import ActorTagger
from wirestream.tagging.actors.data import DATA_FILES, SCHEMA_FILE, default_data_dir, read_raw

DATA = default_data_dir()
SCHEMA = json.loads((DATA / SCHEMA_FILE).read_text(encoding="utf-8"))
NON_ISO = {"XKX", "IGO", "NGO", "MNC", "IMG"}
# dissolved states keep their ISO 3166-3 alpha-3 code (the Soviet Union is SUN)
ISO3 = {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries} | NON_ISO


@pytest.fixture(scope="module")
def raw():
    return read_raw(DATA)


def test_version_file():
    assert (DATA / "VERSION").read_text().strip()


@pytest.mark.parametrize("name", DATA_FILES)
def test_file_matches_schema(raw, name):
    ref = SCHEMA["properties"]["files"]["const"][name]
    sub = {"$ref": ref, "$defs": SCHEMA["$defs"]}
    jsonschema.validate(raw.files[name], sub)


def test_schema_lists_every_file():
    assert set(SCHEMA["properties"]["files"]["const"]) == set(DATA_FILES)


def test_people_are_consistent(raw):
    people = raw.files["people.yaml"]
    kinds = people["office_kinds"]
    orgs = {f"org:{o['id']}" for o in raw.files["organisations.yaml"]["organisations"]}
    ids = [p["id"] for p in people["people"]]
    assert len(ids) == len(set(ids)), "duplicate person ids"
    for p in people["people"]:
        assert p["country"] in ISO3, p["id"]
        for kind, where, start, end in p.get("terms", []):
            assert kind in kinds, (p["id"], kind)
            assert where in ISO3 or where in orgs, (p["id"], where)
            assert end is None or date.fromisoformat(start) < date.fromisoformat(end), p["id"]


def test_no_overlapping_holders_of_one_office(raw):
    """Two people holding the same exclusive office at once is a data-entry error."""
    people = raw.files["people.yaml"]
    kinds = people["office_kinds"]
    exclusive = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
    spans: dict[tuple[str, str], list[tuple[date, date, str]]] = {}
    for p in people["people"]:
        for kind, where, start, end in p.get("terms", []):
            for office in set(kinds[kind]) & exclusive:
                spans.setdefault((office, where), []).append(
                    (date.fromisoformat(start), date.fromisoformat(end or "2100-01-01"), p["id"])
                )
    clashes = []
    for key, items in spans.items():
        items.sort()
        for (_s1, e1, a), (s2, _e2, b) in itertools.pairwise(items):
            if s2 < e1 and a != b and (e1 - s2).days > 3:  # hand-overs may share a day or two
                clashes.append((key, a, b))
    assert not clashes, clashes


def test_references_resolve(raw):
    orgs = {f"org:{o['id']}" for o in raw.files["organisations.yaml"]["organisations"]}
    for seat in raw.files["metonyms.yaml"]["seats"]:
        actor = seat["actor"]
        assert actor in orgs or actor[:3] in ISO3, actor
    for actor in raw.files["metonyms.yaml"].get("capital_actors", {}).values():
        assert actor in orgs
    for o in raw.files["organisations.yaml"]["organisations"]:
        assert o.get("country") is None or o["country"] in ISO3, o["id"]
    for iso in raw.files["countries.yaml"]["countries"]:
        assert iso in ISO3, iso
    title_offices = {o for t in raw.files["titles.yaml"]["titles"] for o in t["offices"]}
    held = {o for offices in raw.files["people.yaml"]["office_kinds"].values() for o in offices}
    # cabinet_minister (any other cabinet post, imported) is name-only on purpose: a country has many
    # at once, so no title may pick one of them ("the minister" resolves through the generic title)
    assert held <= title_offices | {"head_of_state", "head_of_government", "cabinet_minister"}, held - title_offices
    assert "cabinet_minister" not in title_offices


def test_load_compiles_once_per_version():
    a, b = ActorTagger.load(), ActorTagger.load()
    assert a.lexicon is b.lexicon
    assert a.version == (DATA / "VERSION").read_text().strip()
