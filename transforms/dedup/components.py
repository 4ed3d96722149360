"""Connected components of the duplicate graph, in Beam, by alternating
large-star / small-star rounds (Kiveris, Lattanzi, Mirrokni, Rastogi,
Vassilvitskii, "Connected Components in MapReduce and Beyond", SoCC 2014).

The graph is a set of undirected edges between node keys (strings, compared
as strings).  An edge is kept oriented ``(larger, smaller)``.

- **large-star** at node ``u`` with neighbours ``N(u)``: ``m = min(N(u) ∪ {u})``;
  every neighbour ``v > u`` is re-attached to ``m``.
- **small-star** at ``u`` with smaller neighbours ``S(u) = {v ∈ N(u), v < u}``:
  ``m = min(S(u) ∪ {u})``; ``u`` and every ``v`` in ``S(u)`` are attached to ``m``.

Both steps keep every component connected and never join two components;
alternating them converges to a forest of stars, each centred on its
component's smallest key, in O(log² n) rounds (in practice a handful: see
docs/DEDUP.md).  A round is one large-star and one small-star step, each a
``GroupByKey``; ``max_rounds`` rounds are unrolled in the pipeline graph.
The counter ``dedup:cc_changed_round_<k>`` counts the edges that round k
re-attached (edges whose smaller end changed, i.e. node labels still moving);
0 means the components had converged before round k ended.

**Fallback when a component needs more rounds.**  After the last round every
node's label is the smallest key among itself and its neighbours.  Every node
of a label class is the label node or adjacent to it in the current edge set,
whose components are the true ones: a label class always lies inside one true
component, so labels never merge documents that are not linked by a path of
verified duplicate edges.  If the rounds ran out before convergence a large component
comes out as several clusters (some duplicates survive, none is wrongly
dropped); ``dedup:cc_unconverged_edges`` counts the edges still joining two
different labels, and raising ``--dedup_max_rounds`` finishes the job.

Everything here is keyed by node, so no step holds more than one node's
neighbourhood in memory.
"""
from __future__ import annotations

from typing import Dict, Iterable, Iterator, List, Set, Tuple

import apache_beam as beam

from pagewash.transforms.stage import stage_counter

Edge = Tuple[str, str]  # (larger key, smaller key)


def oriented(a: str, b: str) -> Edge:
    return (a, b) if a > b else (b, a)


# --- pure steps -----------------------------------------------------------------


def large_star(node: str, neighbours: Iterable[str]) -> Tuple[List[Edge], int]:
    """Large-star at ``node``: (edges out, edges re-attached)."""
    unique = set(neighbours)
    unique.discard(node)
    if not unique:
        return [], 0
    smallest = min(min(unique), node)
    larger = sorted(v for v in unique if v > node)
    changed = len(larger) if smallest != node else 0
    return [(v, smallest) for v in larger], changed


def small_star(node: str, smaller_neighbours: Iterable[str]) -> Tuple[List[Edge], int]:
    """Small-star at ``node`` (given only its neighbours smaller than it)."""
    unique = set(smaller_neighbours)
    unique.discard(node)
    if not unique:
        return [], 0
    smallest = min(unique)
    edges = [(v, smallest) for v in sorted(unique) if v != smallest]
    edges.append((node, smallest))
    return edges, len(unique) - 1


def _neighbourhoods(edges: Iterable[Edge], both_ways: bool) -> Dict[str, Set[str]]:
    table: Dict[str, Set[str]] = {}
    for larger, smaller in edges:
        table.setdefault(larger, set()).add(smaller)
        if both_ways:
            table.setdefault(smaller, set()).add(larger)
    return table


def star_round(edges: Iterable[Edge]) -> Tuple[Set[Edge], int]:
    """One large-star then one small-star step on an in-memory edge set (for tests
    and measurements; the pipeline runs the same step functions keyed by node)."""
    changed = 0
    after_large: Set[Edge] = set()
    for node, neighbours in _neighbourhoods(edges, both_ways=True).items():
        out, moved = large_star(node, neighbours)
        after_large.update(out)
        changed += moved
    after_small: Set[Edge] = set()
    for node, smaller in _neighbourhoods(after_large, both_ways=False).items():
        out, moved = small_star(node, smaller)
        after_small.update(out)
        changed += moved
    return after_small, changed


def labels_from_edges(edges: Iterable[Edge]) -> Dict[str, str]:
    """Each node's label: the smallest key among itself and its neighbours."""
    labels: Dict[str, str] = {}
    for larger, smaller in edges:
        labels[larger] = min(labels.get(larger, larger), smaller)
        labels.setdefault(smaller, smaller)
    return labels


# --- Beam -------------------------------------------------------------------------


def _cc_counter(name: str):
    return stage_counter("dedup", name)


class _StarStep(beam.DoFn):
    """One large-star or small-star step of round ``round_index``, counting label changes."""

    def __init__(self, step, round_index: int):
        self.step = step  # large_star or small_star
        self.round_index = round_index
        self._changed = None

    def setup(self):
        self._changed = _cc_counter(f"cc_changed_round_{self.round_index}")

    def process(self, element):
        node, neighbours = element
        out, changed = self.step(node, neighbours)
        if changed:
            self._changed.inc(changed)
        yield from out


def _both_ways(edge: Edge) -> Iterator[Tuple[str, str]]:
    larger, smaller = edge
    yield larger, smaller
    yield smaller, larger


class _CountUnconverged(beam.DoFn):
    """Counts edges whose ends ended with different labels (the fallback in use)."""

    def setup(self):
        self._counter = _cc_counter("cc_unconverged_edges")

    def process(self, element):
        _, grouped = element
        labels = list(grouped["label"])
        for other_label in grouped["neighbour_label"]:
            if labels and other_label != labels[0]:
                self._counter.inc()
        return []


class ConnectedComponents(beam.PTransform):
    """Edges ``(key, key)`` in; ``(node, label)`` out for every node of an edge,
    the label being the smallest key of its component (see the module notes
    for what happens when ``max_rounds`` is not enough)."""

    def __init__(self, max_rounds: int):
        super().__init__()
        if max_rounds < 1:
            raise ValueError("max_rounds must be at least 1")
        self.max_rounds = max_rounds

    def expand(self, edges):
        current = (
            edges
            | "Orient" >> beam.Map(lambda e: oriented(e[0], e[1]))
            | "NoSelfLoops" >> beam.Filter(lambda e: e[0] != e[1])
        )
        for k in range(1, self.max_rounds + 1):
            current = (
                current
                | f"Round{k}/BothWays" >> beam.FlatMap(_both_ways)
                | f"Round{k}/ByNode" >> beam.GroupByKey()
                | f"Round{k}/LargeStar" >> beam.ParDo(_StarStep(large_star, k))
                | f"Round{k}/ByLarger" >> beam.GroupByKey()
                | f"Round{k}/SmallStar" >> beam.ParDo(_StarStep(small_star, k))
            )
        labels = (
            current
            | "LabelCandidates" >> beam.FlatMap(lambda e: [(e[0], e[1]), (e[1], e[1])])
            | "SmallestLabel" >> beam.CombinePerKey(min)
        )
        # Convergence check: an edge whose two ends carry different labels.
        larger_with_neighbour_label = (
            ({"label": labels, "edge": current | "BySmaller" >> beam.Map(lambda e: (e[1], e[0]))})
            | "JoinSmallerLabel" >> beam.CoGroupByKey()
            | "ToLarger" >> beam.FlatMap(
                lambda kv: [(larger, label) for label in kv[1]["label"] for larger in kv[1]["edge"]])
        )
        _ = (
            {"label": labels, "neighbour_label": larger_with_neighbour_label}
            | "JoinLargerLabel" >> beam.CoGroupByKey()
            | "CountUnconverged" >> beam.ParDo(_CountUnconverged())
        )
        return labels
