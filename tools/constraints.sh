#!/usr/bin/env bash
# Regenerates constraints.txt: the exact versions of every package the project installs
# (runtime, test and tools extras), from a fresh venv made with Python's own pip.
#   tools/constraints.sh            (run from the repository root; takes a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$PYTHON" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check ".[test,tools]"
{
  echo "# Versions pagewash is tested with: ./run_local.sh installs with --constraint constraints.txt."
  echo "# Regenerate with tools/constraints.sh after changing pyproject.toml; install without it:"
  echo "#   PAGEWASH_CONSTRAINTS=none ./run_local.sh    or    pip install -e '.[test]'"
  "$tmp/venv/bin/python" -m pip freeze --disable-pip-version-check --exclude pagewash
} > constraints.txt
echo "wrote constraints.txt ($(grep -vc '^#' constraints.txt) packages)" >&2
