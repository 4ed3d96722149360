"""Connected components (large-star / small-star) against a union-find oracle."""
from __future__ import annotations

import random
from typing import Dict, List, Tuple

import apache_beam as beam
import pytest
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from dedup_support import components_in_memory
from pagewash.transforms.dedup.components import ConnectedComponents, large_star, small_star


def union_find_labels(edges: List[Tuple[str, str]]) -> Dict[str, str]:
    parent: Dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {node: find(node) for node in parent}


def random_ids(rnd: random.Random, count: int) -> List[str]:
    return [f"{rnd.getrandbits(32):08x}-{i}" for i in range(count)]


def graphs():
    rnd = random.Random(42)
    ids = random_ids(rnd, 400)
    random_graph = [(rnd.choice(ids), rnd.choice(ids)) for _ in range(300)]
    chain_ids = random_ids(rnd, 300)
    chain = [(chain_ids[i], chain_ids[i + 1]) for i in range(len(chain_ids) - 1)]
    ordered = sorted(random_ids(rnd, 300))
    sorted_chain = [(ordered[i], ordered[i + 1]) for i in range(len(ordered) - 1)]
    reverse_chain = [(ordered[i + 1], ordered[i]) for i in range(len(ordered) - 1)]
    star_ids = random_ids(rnd, 200)
    stars = [(star_ids[0], x) for x in star_ids[1:100]] + [(x, star_ids[199]) for x in star_ids[100:199]]
    pieces = []
    for size in (2, 3, 5, 8, 13):
        piece = random_ids(rnd, size)
        pieces += [(piece[i], piece[rnd.randrange(i)]) for i in range(1, size)]
    pieces += [("same", "same")]
    return {"random": random_graph, "chain": chain, "sorted_chain": sorted_chain,
            "reverse_chain": reverse_chain, "stars": stars, "disconnected": pieces}


@pytest.mark.parametrize("name", sorted(graphs()))
def test_in_memory_rounds_match_union_find(name):
    edges = graphs()[name]
    labels, history = components_in_memory(edges, max_rounds=40)
    oracle = union_find_labels([e for e in edges if e[0] != e[1]])
    assert labels == oracle
    assert history[-1] == 0 and len(history) < 20


def test_star_steps():
    assert large_star("c", ["a", "d", "e"]) == ([("d", "a"), ("e", "a")], 2)
    assert large_star("a", ["d", "e"]) == ([("d", "a"), ("e", "a")], 0)
    assert small_star("e", ["c", "b", "d"]) == ([("c", "b"), ("d", "b"), ("e", "b")], 2)
    assert small_star("e", ["b"]) == ([("e", "b")], 0)


def test_too_few_rounds_never_merge_different_components():
    """The fallback: with rounds cut short, every label class lies inside one true component."""
    rnd = random.Random(3)
    ordered = sorted(random_ids(rnd, 500))
    edges = [(ordered[i], ordered[i + 1]) for i in range(0, 249)]
    edges += [(ordered[i], ordered[i + 1]) for i in range(250, 499)]
    oracle = union_find_labels(edges)
    labels, history = components_in_memory(edges, max_rounds=2)
    assert history[-1] > 0  # not converged
    assert set(labels) == set(oracle)
    assert len(set(labels.values())) > 2  # components split into several clusters ...
    for node, label in labels.items():
        assert oracle[node] == oracle[label]  # ... but never joined


def run_components(edges, max_rounds, options=()):
    result = {}
    opts = PipelineOptions([f"--runner={IN_PROCESS_RUNNER}", *options])
    pipeline = beam.Pipeline(options=opts)
    labels = pipeline | beam.Create(edges) | ConnectedComponents(max_rounds)
    result["labels"] = labels
    return pipeline, labels


def test_beam_components_match_union_find():
    """Every test graph at once (disjoint by key prefix), one pipeline run."""
    edges = [(f"{name}/{a}", f"{name}/{b}") for name, graph in sorted(graphs().items()) for a, b in graph]
    expected = sorted(union_find_labels([e for e in edges if e[0] != e[1]]).items())
    pipeline, labels = run_components(edges, max_rounds=12)
    assert_that(labels, equal_to(expected))
    result = pipeline.run()
    result.wait_until_finish()
    counters = {r.key.metric.name: r.committed for r in result.metrics().query(MetricsFilter())["counters"]
                if r.key.metric.name.startswith("dedup:cc_")}
    assert counters.get("dedup:cc_unconverged_edges", 0) == 0
    assert counters["dedup:cc_changed_round_1"] > 0  # labels were moving in round 1 ...
    assert counters.get("dedup:cc_changed_round_12", 0) == 0  # ... and had settled before round 12


def test_beam_components_fall_back_when_rounds_run_out():
    rnd = random.Random(8)
    ordered = sorted(random_ids(rnd, 200))
    edges = [(ordered[i], ordered[i + 1]) for i in range(199)]
    in_memory, _ = components_in_memory(edges, max_rounds=1)
    pipeline, labels = run_components(edges, max_rounds=1)
    assert_that(labels, equal_to(sorted(in_memory.items())))
    result = pipeline.run()
    result.wait_until_finish()
    unconverged = [r.committed for r in result.metrics().query(MetricsFilter())["counters"]
                   if r.key.metric.name == "dedup:cc_unconverged_edges"]
    assert unconverged and unconverged[0] > 0
