"""Every third-party module the service imports is declared in pyproject.toml.

The dev environment has more installed than a production one (the test and bench tools bring their
own dependencies: datasketch brings numpy), so an undeclared import works in every test run and
fails only in the image (this is how dedupe's numpy import went unnoticed). Modules imported for an
optional feature must be in the extra that names it.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SERVICE = REPO / "service" / "wirestream"
# imported lazily, only when the feature is used (with a clear error otherwise)
OPTIONAL = {"pyinstrument": "profile"}


def _dist(requirement: str) -> str:
    return re.split(r"[\s<>=!\[;~]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imports() -> dict[str, set[str]]:
    """Top-level third-party module names imported anywhere in the service → the files importing them."""
    out: dict[str, set[str]] = {}
    for f in SERVICE.rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "wirestream":
                    out.setdefault(top, set()).add(str(f.relative_to(REPO)))
    return out


def test_every_imported_package_is_a_declared_dependency() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    runtime = {_dist(r) for r in project["dependencies"]}
    extras = {k: {_dist(r) for r in v} for k, v in project["optional-dependencies"].items()}
    providers = metadata.packages_distributions()
    imports = _imports()
    assert {"faust", "pydantic", "numpy"} <= set(imports)  # the scan sees the service's imports
    problems = []
    for top, files in sorted(imports.items()):
        dists = {_dist(d) for d in providers.get(top, [])}
        declared = runtime | extras.get(OPTIONAL.get(top, ""), set())
        if not dists & declared:
            problems.append(f"{top} (from {sorted(dists) or '?'}) imported by {sorted(files)}")
    assert not problems, "undeclared imports:\n" + "\n".join(problems)
