"""Read articles from files and directories for ``publish``, ``process`` and ``replay``.

``.jsonl``/``.ndjson``: one article per line. ``.json``: one article, or a JSON array of articles.
Anything else (``.txt``, ``.html``, ``.xml``, …): the whole file is one article. Bytes are passed on
untouched (normalisation decides what they are); only JSON arrays are split and re-serialised.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson


@dataclass(frozen=True)
class InputItem:
    source: str  # file path
    ordinal: int  # line or array index within the file
    value: bytes


def expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith("."))
        else:
            out.append(p)
    return out


def read_items(paths: list[Path]) -> Iterator[InputItem]:
    for path in expand(paths):
        data = path.read_bytes()
        suffix = path.suffix.lower()
        if suffix in {".jsonl", ".ndjson"}:
            for i, line in enumerate(data.splitlines()):
                if line.strip():
                    yield InputItem(str(path), i, line)
        elif suffix == ".json" and data.lstrip().startswith(b"["):
            try:
                items = orjson.loads(data)
            except orjson.JSONDecodeError:
                yield InputItem(str(path), 0, data)  # let normalisation reject it with a reason
                continue
            for i, item in enumerate(items):
                yield InputItem(str(path), i, orjson.dumps(item))
        else:
            yield InputItem(str(path), 0, data)


def count_items(paths: list[Path]) -> int:
    return sum(1 for _ in read_items(paths))
