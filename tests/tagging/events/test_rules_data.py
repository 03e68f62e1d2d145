"""The event rule set is data: validate it against its JSON Schemas and against the facts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from wirestream.models import PloverType
from wirestream.tagging.events import EventTagger
from wirestream.tagging.events.rules import DATA_DIR, load_rules

SCHEMA_DIR = DATA_DIR / "schema"


@pytest.mark.parametrize("name", ["rules", "cues", "readings"])
def test_data_file_matches_schema(name: str) -> None:
    data = yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)


def test_no_yaml_booleans_sneak_into_word_lists() -> None:
    """YAML 1.1 reads bare on/no/yes as booleans; every cue and trigger must stay a string."""

    def walk(x: object) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                assert isinstance(k, str), k
                if k not in {"direct_object", "reciprocal", "negated"}:
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                assert not isinstance(v, bool), x
                walk(v)

    for name in ("rules", "cues"):
        walk(yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8")))


def test_version_file() -> None:
    version = (DATA_DIR / "VERSION").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", version)
    assert EventTagger.load().version == version


def test_cameo_codes_agree_with_crosswalk() -> None:
    """Every rule's CAMEO code maps to the rule's PLOVER type (or says why it does not)."""
    codes = json.loads((DATA_DIR / "cameo_plover.json").read_text(encoding="utf-8"))["codes"]
    rules = yaml.safe_load((DATA_DIR / "rules.yaml").read_text(encoding="utf-8"))["rules"]
    for r in rules:
        mapped = codes.get(r["cameo"])
        assert mapped is not None, r["id"]
        assert mapped == r["plover"] or r.get("cameo_plover_override"), r["id"]


def test_every_plover_type_has_english_rules_and_languages_are_covered() -> None:
    rs = load_rules()
    assert {r.plover for r in rs.rules} == set(PloverType)
    assert set(rs.languages) >= {"en", "es", "de", "fr", "it", "pt", "ar"}
    for lang, lr in rs.languages.items():
        assert len(lr.index) > 50, lang


def test_rule_ids_unique_and_loader_rejects_bad_rules(tmp_path: Path) -> None:
    rs = load_rules()
    ids = [r.id for r in rs.rules]
    assert len(ids) == len(set(ids))
    for f in ("VERSION", "cues.yaml", "readings.yaml", "cameo_plover.json"):
        (tmp_path / f).write_bytes((DATA_DIR / f).read_bytes())
    bad = {"rules": [{"id": "x.y", "plover": "ASSAULT", "cameo": "036", "triggers": {"en": ["hit"]}}]}
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="CAMEO 036"):
        load_rules(tmp_path)


def test_rules_hold_no_peer_gold_sentences() -> None:
    """Licence hygiene: no trigger is a whole sentence copied from somewhere."""
    rules = yaml.safe_load((DATA_DIR / "rules.yaml").read_text(encoding="utf-8"))["rules"]
    for r in rules:
        for trigs in r["triggers"].values():
            for t in trigs:
                assert len(t.replace("...", "").split()) <= 5, (r["id"], t)
