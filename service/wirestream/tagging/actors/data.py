"""Reading the versioned actor dictionary from disk.

The dictionary is a directory of YAML files plus a ``VERSION`` file (default: the packaged
``wirestream/tagging/data/actors``). Everything the tagger knows about names lives there, so a
dictionary change never needs a code change, and the version string goes into every enriched record.

YAML is read with a loader that keeps dates as strings: the JSON schema (``schema.json``) describes
exactly what the files hold, and the compiler parses dates itself, so both see the same values.
Generated files (``officeholders.json``, written by ``scripts/import_officeholders.py``) are JSON:
thousands of entries parse in milliseconds with ``json``, where the pure-Python YAML loader takes
seconds.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

#: The YAML files that make up one dictionary version, in a fixed order (the digest depends on it).
DATA_FILES: tuple[str, ...] = (
    "countries.yaml",
    "people.yaml",
    "organisations.yaml",
    "titles.yaml",
    "agents.yaml",
    "metonyms.yaml",
    "rules.yaml",
    "officeholders.json",
)
VERSION_FILE = "VERSION"
SCHEMA_FILE = "schema.json"


def default_data_dir() -> Path:
    """The dictionary shipped inside the package."""
    return Path(__file__).resolve().parent.parent / "data" / "actors"


#: libyaml's parser where PyYAML was built with it (the usual wheels are): the dictionary's YAML
#: took ~1 s of the compile through the pure-Python parser, about a tenth of that through libyaml.
#: Both build the same documents (``tests/tagging/actors/test_speed_s6.py`` compares them).
_BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader  # type: ignore[assignment]


class _StringDateLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader that keeps ``2024-07-05`` a string and only ``true``/``false`` booleans.

    YAML 1.1 would read the words "on", "no", "yes" (which occur in our word lists) as booleans.
    """


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StringDateLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


@dataclass(frozen=True, slots=True)
class RawData:
    """The parsed files of one dictionary version, untouched."""

    version: str
    digest: str
    files: dict[str, Any]


def fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap change detector (name, mtime_ns, size) for hot reload: a few ``stat`` calls."""
    out = []
    for name in (*DATA_FILES, VERSION_FILE):
        try:
            st = (data_dir / name).stat()
            out.append((name, st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            out.append((name, -1, -1))
    return tuple(out)


def content_digest(data_dir: Path) -> str:
    """SHA-256 over the dictionary files: identifies a dictionary independent of mtimes."""
    h = hashlib.sha256()
    for name in (VERSION_FILE, *DATA_FILES):
        h.update(name.encode())
        h.update((data_dir / name).read_bytes())
    return h.hexdigest()


def read_raw(data_dir: Path) -> RawData:
    """Read VERSION and every YAML file of the dictionary at ``data_dir``."""
    version = (data_dir / VERSION_FILE).read_text(encoding="utf-8").strip()
    if not version:
        raise ValueError(f"{data_dir / VERSION_FILE} is empty")
    files = {name: _parse(name, (data_dir / name).read_text(encoding="utf-8")) for name in DATA_FILES}
    return RawData(version=version, digest=content_digest(data_dir), files=files)


def _parse(name: str, text: str) -> Any:
    if name.endswith(".json"):
        return json.loads(text)
    return yaml.load(text, Loader=_StringDateLoader)
