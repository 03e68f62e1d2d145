"""The office-holder import's Wikidata Query Service source (scripts/officeholders.sparql results):
dates, offices, merging with the other sources, skipped bindings, and an unchanged output without it.

Fixtures are synthetic (wikidata_fixture/README.md): fictional people and Q-ids."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from datetime import date
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest

from .test_officeholders import _import_script

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = Path(__file__).resolve().parent / "wikidata_fixture"
SNAPSHOT = "2025-11-20"
UN = {"ISL", "LIE"}
#: The sources this machine's session imported from (scripts/import_officeholders.py docstring).
ACTIMPORT_SRC = Path("/tmp/actimport/src")


@pytest.fixture(scope="module")
def imp() -> ModuleType:
    return _import_script()


@pytest.fixture
def src(tmp_path: Path) -> Path:
    """A source folder with only the Wikidata results."""
    shutil.copytree(FIXTURE, tmp_path / "wikidata", ignore=shutil.ignore_patterns("*.ttl", "*.md"))
    return tmp_path


def _people(imp: ModuleType, obs: list) -> dict[str, dict]:
    return {str(p["name"]): p for p in imp.merge_people(imp.build_terms(obs))}


def test_a_current_foreign_minister_holds_until_the_snapshot_date(imp, src):
    obs, snaps, _ = imp.wikidata_obs(src, UN, {})
    assert sorted(snaps) == [f"{SNAPSHOT}-extra.json", f"{SNAPSHOT}.json"]
    digest = hashlib.sha256((FIXTURE / f"{SNAPSHOT}.json").read_bytes()).hexdigest()
    assert snaps[f"{SNAPSHOT}.json"] == f"{SNAPSHOT} sha256:{digest}"  # which results file, and its date
    p = _people(imp, obs)["Ondra Velmarik"]
    assert p["country"] == "ISL" and p["qid"] == "Q990000100" and p["sources"] == ["wikidata"]
    # open in the source: held until the snapshot date, never to "today"
    assert p["terms"] == [["fm", "ISL", "2025-03-10", SNAPSHOT]]
    assert p["aliases"] == ["Όντρα Βέλμαρικ"]  # the label in the official language (not the German one)


def test_an_ended_term_ends_and_partial_dates_follow_the_other_sources(imp, src):
    people = _people(imp, imp.wikidata_obs(src, UN, {})[0])
    assert people["Tesska Brunnhalt"]["terms"] == [["fm", "ISL", "2021-06-01", "2025-03-09"]]
    assert people["Marek Oddvin"]["terms"] == [["dm", "ISL", "2024-05-01", SNAPSHOT]]  # month precision
    assert people["Juna Kestrel"]["terms"] == [["premier", "ISL", "2024-07-05", SNAPSHOT]]
    assert people["Rika Solbenn"]["terms"] == [["fm", "LIE", "2024-09-15", SNAPSHOT]]  # WDQS "...Z" dates


def test_heads_take_the_factbook_kind_of_their_office(imp, src):
    obs, _, _ = imp.wikidata_obs(src, UN, {("ISL", "hos"): "president_full"})
    ilvo = [o for o in obs if o.name == "Ilvo Quarrendt"]
    assert [(o.office, o.kind, o.start) for o in ilvo] == [("hos+hog", "president_full", date(2019, 12, 12))]
    assert _people(imp, obs)["Ilvo Quarrendt"]["terms"] == [["president_full", "ISL", "2019-12-12", SNAPSHOT]]


def test_skipped_bindings_are_counted_by_reason(imp, src):
    obs, _, skipped = imp.wikidata_obs(src, UN - {"LIE"}, {})
    assert skipped == {
        "malformed: binding is not an object": 1,
        "malformed: office is not one of hos/hog/fm/dm": 1,
        "malformed: person is not a Wikidata item": 1,
        "malformed: start is not a date": 1,
        "not a UN member": 5,  # LIE's: Ayla Fennick, Rika Solbenn, Tamsel Verrow (2), the one without a label
        "post below cabinet rank or not the ministry's head": 2,  # deputy FM, minister for defence personnel
    }
    with_lie = imp.wikidata_obs(src, UN, {})[2]
    assert with_lie["end date unknown or coarser than a year"] == 1  # Ayla Fennick's "unknown value" end
    assert with_lie["person has no English label"] == 1
    names = {o.name for o in obs}
    assert names == {"Ondra Velmarik", "Tesska Brunnhalt", "Ilvo Quarrendt", "Marek Oddvin", "Juna Kestrel"}


def test_a_foreign_minister_class_post_named_minister_of_state_is_read(imp):
    """Some foreign ministers are called "Minister of State" (a junior title elsewhere); the class says
    which post it is. A defence-labelled post has only its label, so a junior one is not read."""
    row = json.loads((FIXTURE / f"{SNAPSHOT}-extra.json").read_text(encoding="utf-8"))["results"]["bindings"][0]
    as_fm = {**row, "positionLabel": {"type": "literal", "value": "Minister of State of Testland"}}
    _key, obs = imp._wd_row(as_fm, date(2025, 11, 20), {"LIE"}, {})
    assert (obs.office, obs.name, obs.start) == ("fm", "Rika Solbenn", date(2024, 9, 15))
    deputy = {**row, "positionLabel": {"type": "literal", "value": "Deputy Minister of Foreign Affairs"}}
    assert imp._wd_row(deputy, date(2025, 11, 20), {"LIE"}, {}) == "post below cabinet rank or not the ministry's head"
    as_dm = {**row, "office": {"type": "literal", "value": "dm"}}
    labels = {
        "Minister of Defence": True,
        "Minister of State for Defence": False,
        "Minister for Defence Industry": False,
        "Minister for Defence Personnel": False,
    }
    for label, read in labels.items():
        got = imp._wd_row(
            {**as_dm, "positionLabel": {"type": "literal", "value": label}}, date(2025, 11, 20), {"LIE"}, {}
        )
        assert isinstance(got, tuple) == read, label


def test_the_script_warns_about_skipped_bindings(imp, src, tmp_path, capsys):
    out = tmp_path / "out.json"
    imp.main(["--src", str(_minimal_src(src)), "--out", str(out)])
    err = capsys.readouterr().err
    assert "warning: wikidata: 1 binding(s) skipped: malformed: start is not a date" in err
    assert "warning: wikidata: 2 binding(s) skipped: post below cabinet rank" in err


def test_one_office_of_head_of_state_and_government_is_one_governing_term(imp, src):
    obs, _, _ = imp.wikidata_obs(src, UN, {})
    tamsel = [(o.office, o.kind) for o in obs if o.name == "Tamsel Verrow"]
    assert tamsel == [("hos+hog", "president_full")]  # not also a "premier"
    assert _people(imp, obs)["Tamsel Verrow"]["terms"] == [["president_full", "LIE", "2023-03-03", SNAPSHOT]]


def test_a_person_in_another_source_merges(imp, src):
    """The same term from EveryPolitician (open, seen 2022) and from Wikidata (ended): one person,
    one term with the explicit end; a Factbook head spelled differently, a start two days apart: one
    person, named with Wikidata's spelling, the Factbook's kept as an alias."""
    Obs = imp.Obs
    other = [
        Obs("ep:world", "ISL", "fm", "fm", "Tesska Brunnhalt", None, None, "Q990000101", date(2021, 6, 1), None,
            date(2022, 9, 1)),
        Obs("factbook:2024", "ISL", "hos", "president_cer", "Ilvo Quarrendt Sorvik", "Quarrendt", None, None,
            date(2019, 12, 14), None, date(2024, 6, 1)),
    ]  # fmt: skip
    people = _people(imp, imp.wikidata_obs(src, UN, {})[0] + other)
    tesska = people["Tesska Brunnhalt"]
    assert tesska["sources"] == ["ep", "wikidata"]
    assert tesska["terms"] == [["fm", "ISL", "2021-06-01", "2025-03-09"]]
    ilvo = people["Ilvo Quarrendt"]
    assert ilvo["sources"] == ["factbook", "wikidata"] and ilvo["aliases"] == ["Ilvo Quarrendt Sorvik"]
    assert ilvo["terms"] == [["president_cer", "ISL", "2019-12-12", SNAPSHOT]]
    assert "Ilvo Quarrendt Sorvik" not in people


def _minimal_src(src: Path) -> Path:
    """No Factbook editions or EveryPolitician snapshots: the UN list of the fixture's two countries."""
    fb = src / "factbook"
    fb.mkdir()
    (fb / "master_countries.csv").write_text("MasterCountryID,ISOAlpha2,EntityType\n", encoding="utf-8")
    (fb / "countries.csv").write_text("CountryID,MasterCountryID\n", encoding="utf-8")
    (src / "ep").mkdir()
    (src / "epworld").mkdir()
    (src / "un_members.csv").write_text("ISOAlpha2\nIS\nLI\n", encoding="utf-8")
    return src


def test_the_output_names_the_snapshot_and_fits_the_schema(imp, src, tmp_path):
    out = tmp_path / "out.json"
    imp.main(["--src", str(_minimal_src(src)), "--out", str(out)])
    doc = json.loads(out.read_text(encoding="utf-8"))
    wd = doc["about"]["sources"]["wikidata"]
    assert wd["query"] == "scripts/officeholders.sparql" and wd["endpoint"] == "https://query.wikidata.org/sparql"
    assert list(wd["snapshots"]) == [f"{SNAPSHOT}-extra.json", f"{SNAPSHOT}.json"]
    assert all(v.startswith(f"{SNAPSHOT} sha256:") for v in wd["snapshots"].values())
    assert {p["name"] for p in doc["people"]} >= {"Ondra Velmarik", "Rika Solbenn"}
    schema = json.loads((ROOT / "service/wirestream/tagging/data/actors/schema.json").read_text(encoding="utf-8"))
    sub = copy.deepcopy(schema["$defs"]["officeholders"])
    sub["properties"]["un_members"]["minItems"] = 2  # the fixture's two members, not 193
    jsonschema.validate(doc, {**sub, "$defs": schema["$defs"]})


@pytest.mark.skipif(not ACTIMPORT_SRC.is_dir(), reason="the session's source copies are not on this machine")
def test_without_wikidata_results_the_committed_file_is_reproduced(imp, tmp_path):
    assert not (ACTIMPORT_SRC / "wikidata").exists()
    out = tmp_path / "officeholders.json"
    imp.main(["--src", str(ACTIMPORT_SRC), "--out", str(out)])
    assert out.read_bytes() == (ROOT / "service/wirestream/tagging/data/actors/officeholders.json").read_bytes()


def test_query_returns_the_fixture():
    """scripts/officeholders.sparql over the synthetic graph returns exactly 2025-11-20.json (its
    filters: UN membership, the four offices, no deprecated claims, no terms ended before 1995)."""
    rdflib = pytest.importorskip("rdflib")
    graph = rdflib.Graph().parse(FIXTURE / "graph.ttl", format="turtle")
    result = graph.query((ROOT / "scripts" / "officeholders.sparql").read_text(encoding="utf-8"))
    got = json.loads(result.serialize(format="json"))
    want = json.loads((FIXTURE / f"{SNAPSHOT}.json").read_text(encoding="utf-8"))

    def rows(doc: dict) -> list[str]:
        return sorted(json.dumps(b, sort_keys=True) for b in doc["results"]["bindings"])

    assert got["head"] == want["head"] and rows(got) == rows(want)
