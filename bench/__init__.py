"""wirestream's benchmarks: ``python -m bench`` (see bench/README.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

#: Where ``python -m bench`` and the parts that write their own files put their figures. CI points
#: it elsewhere (``WIRESTREAM_BENCH_RESULTS``) so a quick run never overwrites the checkout's figures.
RESULTS_DIR = Path(os.environ.get("WIRESTREAM_BENCH_RESULTS", Path(__file__).resolve().parent / "results"))


def write_result(path: Path, result: dict[str, Any]) -> None:
    """Write one bench part's figures as indented JSON (``bench/results/<part>.json``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
