"""The install: what pyproject.toml declares, the constraints run_local.sh installs with, and the
stock-pip path CI takes.

The install itself (a fresh venv with the pip Python ships, constraints.txt, the fixtures run) is a CI
step, not a test: .ci/run runs ./run_local.sh in a fresh clone, which has no .venv yet.
"""
from __future__ import annotations

import pathlib
import re
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, 1)[0].strip().lower().replace("_", "-").replace(".", "-")


def _project():
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]


def _pins():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_name(name)] = version.strip()
    return pins


def test_extraction_stack_is_declared_directly():
    runtime = {_name(r) for r in _project()["dependencies"]}
    # lxml 5.2+ moved lxml.html.clean (which jusText imports) out; pip 23.x does not resolve
    # lxml's "html-clean" extra through trafilatura, so the package is named directly.
    assert {"trafilatura", "lxml", "lxml-html-clean"} <= runtime
    assert "beautifulsoup4" not in runtime and "scipy" not in runtime  # not imported at run time


def test_constraints_pin_every_declared_package():
    pins = _pins()
    project = _project()
    declared = [r for r in project["dependencies"]]
    for extra in ("test", "tools"):
        declared += project["optional-dependencies"][extra]
    missing = sorted({_name(r) for r in declared} - set(pins))
    assert missing == []
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", v) for v in pins.values())
    assert "pagewash" not in pins and "pip" not in pins


def test_run_local_installs_with_the_constraints_and_never_upgrades_pip():
    script = (ROOT / "run_local.sh").read_text()
    assert "--upgrade pip" not in script and "install -U pip" not in script
    assert "--constraint" in script and "constraints.txt" in script
    ci = (ROOT / ".ci" / "run").read_text()
    assert "./run_local.sh --output" in ci and "./run_local.sh test" in ci
