"""Optional compiled build of the tagging hot paths (everything else is in pyproject.toml).

``WIRESTREAM_MYPYC=1 pip install --no-build-isolation .`` compiles the modules in
``wirestream.compiled.MODULES`` with mypyc (C extensions built from the same type-annotated
source; the ``.py`` files are installed too, and Python imports the extension first). Tagging is
most of the pipeline's CPU, and these modules are plain Python loops over tokens and mentions, which
mypyc runs 1.4–1.7× faster with identical output (``bench/README.md``; ``tests/tagging/test_compiled.py``
checks the output is identical). Without the variable, or for editable installs used to develop,
nothing is compiled: edits to the ``.py`` files then take effect at once.

``--no-build-isolation``: mypyc type-checks the modules against their real dependencies (pydantic,
with the mypy plugin configured in pyproject.toml), so the build needs the installed environment,
with ``mypy`` in it.
"""

from __future__ import annotations

import os
import runpy

from setuptools import setup

ext_modules = []
if os.environ.get("WIRESTREAM_MYPYC") == "1":
    from mypyc.build import mypycify

    modules = runpy.run_path("service/wirestream/compiled.py")["MODULES"]  # the list the worker reports
    ext_modules = mypycify([f"service/{m.replace('.', '/')}.py" for m in modules], opt_level="3")

setup(ext_modules=ext_modules)
