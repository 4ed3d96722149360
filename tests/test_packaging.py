"""The installed layout: pagewash.pipeline / pagewash.transforms, every package folder listed, tools apart."""
from __future__ import annotations

import pathlib
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def declared_packages() -> set:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return set(tomllib.load(handle)["tool"]["setuptools"]["packages"])


def test_every_package_folder_is_declared():
    found = set()
    for top in ("pipeline", "transforms"):
        for init in (ROOT / top).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT).parts
            found.add(".".join(("pagewash",) + rel))
    assert found == declared_packages()


def test_product_never_imports_tools():
    offenders = []
    for top in ("pipeline", "transforms"):
        for path in (ROOT / top).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                stripped = line.strip()
                if stripped.startswith(("from tools", "import tools")):
                    offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert offenders == []


def test_version_and_product_commands():
    version = subprocess.run([sys.executable, "-m", "pagewash.pipeline.cli", "--version"],
                             capture_output=True, text=True, check=True)
    assert version.stdout.startswith("pagewash ") and version.stdout.split()[1][0].isdigit()
    usage = subprocess.run([sys.executable, "-m", "pagewash.pipeline.cli", "--help"],
                           capture_output=True, text=True, check=True).stdout
    assert "run " in usage and "refilter" in usage
    assert "bench" not in usage.split("commands:")[1].split("tools/")[0]
