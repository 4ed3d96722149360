"""Project tooling: benchmarks, scorers and evaluation-set builders (run from the checkout)."""
