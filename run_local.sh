#!/usr/bin/env bash
# Sets up .venv (first run, or when pyproject.toml changes) and runs pagewash.
#   ./run_local.sh                      run the pipeline on fixtures/pages -> out/
#   ./run_local.sh --input DIR --output DIR [beam flags]
#   ./run_local.sh test [pytest args]   run the test suite
#   ./run_local.sh tools <command> ...  benchmarks and scorers (tools/): ./run_local.sh tools --help
#   ./run_local.sh test-cluster [args]  the pipeline on a local Flink cluster vs in-process (tools/cluster/)
#   ./run_local.sh <command> [args]     any other pagewash command (refilter, ...)
set -euo pipefail
cd "$(dirname "$0")"

PYTHON="${PYTHON:-python3}"
VENV=.venv
if [ ! -x "$VENV/bin/python" ]; then
  echo "creating $VENV" >&2
  "$PYTHON" -m venv "$VENV"
fi

# Reinstall only when the declared dependencies or the constraints change (the
# install is editable, so code changes need no reinstall).  constraints.txt pins
# every package to the versions the project is tested with; PAGEWASH_CONSTRAINTS=none
# installs the newest versions pyproject.toml allows instead.  The venv's own pip is
# used as it comes (no upgrade): the install must work with the pip Python ships.
CONSTRAINTS="${PAGEWASH_CONSTRAINTS:-constraints.txt}"
constraint_args=()
if [ "$CONSTRAINTS" != none ] && [ -f "$CONSTRAINTS" ]; then
  constraint_args=(--constraint "$CONSTRAINTS")
fi
stamp="$VENV/.pagewash-install-stamp"
want="$( (cat pyproject.toml; echo "$CONSTRAINTS"; [ ${#constraint_args[@]} -eq 0 ] || cat "$CONSTRAINTS") \
  | "$VENV/bin/python" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "installing pagewash and its dependencies into $VENV" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    ${constraint_args[@]+"${constraint_args[@]}"} -e ".[test,tools]"
  "$VENV/bin/python" -m pip check --disable-pip-version-check >&2
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "tools" ]; then
  shift
  exec "$VENV/bin/python" -m tools "$@"
fi

if [ "${1:-}" = "test-cluster" ]; then
  shift
  exec "$VENV/bin/python" -m tools.cluster test "$@"
fi

if [ "${1:-}" = "test" ]; then
  shift
  exec "$VENV/bin/python" -m pytest "$@"
fi

if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  exec "$VENV/bin/pagewash" "$@"  # a named command: run, refilter, ...
fi

args=("$@")
case " $* " in *" --input"*) ;; *) args=(--input fixtures/pages "${args[@]}") ;; esac
case " $* " in *" --output"*) ;; *) args=("${args[@]}" --output out) ;; esac
exec "$VENV/bin/pagewash" run "${args[@]}"
