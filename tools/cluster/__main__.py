"""``python -m tools.cluster test|install [args]`` (see ``tools/cluster/__init__.py``)."""
from __future__ import annotations

import sys


def main() -> int:
    argv = sys.argv[1:]
    command, rest = (argv[0], argv[1:]) if argv else ("--help", [])
    if command == "test":
        from tools.cluster.test import main as test_main

        return test_main(rest)
    if command == "spark":
        from tools.cluster.spark import main as spark_main

        return spark_main(rest)
    if command == "install":
        from tools.cluster.install import main as install_main

        return install_main(rest)
    print("usage: python -m tools.cluster test [--no-fault] [--workdir DIR] | spark [--workdir DIR] | install [flink] [spark]",
          file=sys.stderr)
    return 0 if command in ("-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main())
