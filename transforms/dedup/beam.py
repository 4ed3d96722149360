"""The dedup stage as one Beam composite.

    docs -> Features (exact hash, shingles, signature, band keys)  [+ old index]
         -> exact groups (GroupByKey on the exact hash, keep the best)
         -> LSH buckets (GroupByKey on a partition of the band key, cut into
            (band, band key) buckets there) -> candidate pairs
         -> verify pairs (signatures joined once by node, then each pair's two
            ends grouped; signature-estimated Jaccard >= threshold)
         -> connected components (large-star / small-star rounds)
         -> clusters (GroupByKey on the component label, keep the best; a member
            of no edge is its own cluster, decided without a grouping)
         -> join the decisions back to the documents
         -> kept docs (dedup.cluster, dedup.cluster_size) / rejected (duplicate_of)
         -> extras["index"]: the DocKeys of old + kept documents (the assembly writes them)

Only keys travel through the shuffles: ids, hashes, signatures, band keys and
the small per-page spam vocabularies, each grouped value packed into one
``bytes`` (the local runners hold groupings as decoded objects).  The documents wait for their decisions
on disk (``spill_dir``, transforms/spill.py), each with its own DocKey, and are
read back one at a time where they are decided, so the text moves once and the
final join holds a reference and a decision per document, not its key.

Every step is keyed (exact hash, band key, node, label, id); none collects the
corpus in one place, and ties are broken by id, so the result is the same
whatever the runner, worker count or bundle order.
"""
from __future__ import annotations

import itertools
import struct
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

import apache_beam as beam

from pagewash.transforms.dedup.carry import apply_cluster_vocabulary, merge_vocabularies
from pagewash.transforms.dedup.components import ConnectedComponents
from pagewash.transforms.dedup.index import ReadDedupIndex
from pagewash.transforms.dedup.keys import (Decision, DocKey, Member, cluster_keep_key, consensus, doc_key_of,
                                           is_duplicate_pair, pack, unpack)
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.record import Reason, error_from_exception, reject
from pagewash.transforms.spill import RemoveSpillWhenDone, SpillReader, SpillRecords, SpillRef, resolve
from pagewash.transforms.stage import Extra, StageDoFn, StageOutputs, apply_stage, stage_counter

STAGE = "dedup"

_KEYS = "keys"
INDEX = "index"  # the stage's further output: DocKeys of the old and the kept documents


def _counter(name: str):
    return stage_counter(STAGE, name)


# --- compact values ---------------------------------------------------------------
#
# The local runners keep a grouping's values as decoded Python objects until the
# grouping is read, so what goes into a GroupByKey is one flat ``bytes`` per
# entry: a DocKey (13 fields, a 20-int tuple of band keys) is ~3 kB of objects
# and ~0.9 kB pickled.  The packing is plain data and runs the same on every runner.

class _Unpacked:
    """Re-iterable view of packed values, decoded one at a time (a large group is never
    held decoded)."""

    def __init__(self, packed: Iterable[bytes]):
        self.packed = packed

    def __iter__(self) -> Iterator:
        return map(unpack, self.packed)


# A band entry is one bytes value: band index (2 bytes), band key (8 bytes), node key (UTF-8).
_BUCKET = struct.Struct("<HQ")
# Band entries are grouped by the top BUCKET_PARTITION_BITS bits of their band key (the band
# keys are xxh3 hashes, so uniform); each group is sorted and cut into its buckets.  A group
# holds 20 x N / 2**12 entries on average (~100 at 20,000 documents, ~50,000 at ten million);
# the decoded objects per entry are ~70 bytes instead of ~190 for one grouping key per bucket.
BUCKET_PARTITION_BITS = 12


def band_entries(key: str, bands: Sequence[int]) -> List[Tuple[int, bytes]]:
    """(partition, entry) for each band of a document: the band index and band key folded
    into the entry's first 10 bytes, which identify its LSH bucket."""
    node = key.encode("utf-8")
    shift = 64 - BUCKET_PARTITION_BITS
    return [(value >> shift, _BUCKET.pack(band, value) + node) for band, value in enumerate(bands)]


def partition_candidates(entries: Iterable[bytes], tries: int) -> Iterator[Tuple[str, str]]:
    """Candidate pairs of the LSH buckets of one partition (:func:`bucket_candidates` per bucket)."""
    size = _BUCKET.size
    for _bucket, members in itertools.groupby(sorted(entries), key=lambda e: e[:size]):
        yield from bucket_candidates((m[size:].decode("utf-8") for m in members), tries)


_SHINGLES = struct.Struct("<Q")


def pack_signature(signature: bytes, shingles: int) -> bytes:
    return _SHINGLES.pack(shingles) + signature


def unpack_signature(data: bytes) -> Tuple[bytes, int]:
    return data[_SHINGLES.size:], _SHINGLES.unpack_from(data)[0]


_REF = struct.Struct("<QQ")


def pack_ref(ref: SpillRef) -> bytes:
    """A spill reference as one bytes value: offset, length, then the path (UTF-8)."""
    return _REF.pack(ref.offset, ref.length) + ref.path.encode("utf-8")


def unpack_ref(data: bytes) -> SpillRef:
    offset, length = _REF.unpack_from(data)
    return SpillRef(data[_REF.size:].decode("utf-8"), offset, length)


# --- pure steps ------------------------------------------------------------------


def resolve_exact_group(keys: Iterable[DocKey]):
    """The best document of an exact group and the others: (best, group size, losers).
    The best carries the spam vocabulary of the whole group.  Iterates twice rather
    than holding the group (GroupByKey values are re-iterable)."""
    best: Optional[DocKey] = None
    size = 0
    for key in keys:
        size += 1
        if best is None or key.rank < best.rank:
            best = key
    losers = [(k.key, k.exact) for k in keys if k.key != best.key]
    if losers:
        vocab = merge_vocabularies(k.spam_vocab for k in keys)
        if vocab != best.spam_vocab:
            best = best._replace(spam_vocab=vocab)
    return best, size, losers


def bucket_candidates(members: Iterable[str], tries: int):
    """Candidate pairs of one LSH bucket: each member with the ``tries`` smallest
    keys before it (``tries=1``: every member to the bucket's smallest key)."""
    ordered = sorted(set(members))
    for position in range(1, len(ordered)):
        for target in ordered[:min(position, tries)]:
            yield ordered[position], target


def choose_cluster_keep(members: Iterable[Member]):
    """The kept member of a cluster, the cluster size (documents, exact copies included)
    and the union of the members' spam vocabularies."""
    members = list(members)
    agreement = consensus(members)
    longest = max((-m.rank[3] for m in members), default=0)
    best = min(members, key=lambda m: cluster_keep_key(m, agreement, longest)) if members else None
    size = sum(m.group_size for m in members)
    return best, size, merge_vocabularies(m.spam_vocab for m in members)


def decide_document(doc, decision: Decision, own_key: str, own_exact: str, own_vocab=()):
    """The output for one new document: the doc with its dedup field, or a rejection.

    The kept document is cleaned with the spam units the other members learned
    (``decision.carried`` less its own ``own_vocab``); when that cuts something,
    its quality signals are recomputed for the new text."""
    if decision.kept_key == own_key:
        own = set(own_vocab)
        carried = tuple(u for u in decision.carried if u not in own)
        if carried:
            cleaned = apply_cluster_vocabulary(doc, carried)
            if cleaned is not doc:
                from pagewash.transforms.quality.filters import tag_document

                doc = tag_document(cleaned) if doc.quality is not None else cleaned
        return doc.replace(dedup={"cluster": decision.kept_id, "cluster_size": decision.cluster_size})
    reason = Reason.EXACT_DUPLICATE if own_exact and own_exact == decision.kept_exact else Reason.NEAR_DUPLICATE
    return reject(doc, STAGE, reason, detail=f"cluster of {decision.cluster_size}",
                  duplicate_of=decision.kept_id)


# --- DoFns -----------------------------------------------------------------------


class _Features(StageDoFn):
    """Doc -> ("<key>", (doc, its DocKey)) on the main output, the DocKey on ``keys``."""

    def __init__(self, settings: DedupSettings):
        super().__init__(STAGE)
        self.settings = settings

    def setup(self):
        from pagewash.transforms.dedup.normalize import fold_tables

        fold_tables()  # build the folding table once per worker, not inside a bundle

    def apply(self, doc):
        key = doc_key_of(doc, self.settings)
        return [Extra(_KEYS, key), (key.key, (doc, key))]


def _resolve_exact(element):
    """An exact group of packed DocKeys -> (best DocKey, group size, [(loser key, loser exact)])."""
    _, packed = element
    best, size, losers = resolve_exact_group(_Unpacked(packed))
    if losers:
        _counter("exact_duplicates").inc(len(losers))
    return best, size, losers


def _signature_to_pairs(element):
    """A node, its packed signature and the candidate pairs it is in ->
    ((source, target), (node, packed signature)) for each pair."""
    node, grouped = element
    signatures = list(grouped["signature"])
    if not signatures:
        return
    for pair in grouped["pair"]:
        yield pair, (node, signatures[0])


class _VerifyPairs(beam.DoFn):
    """A candidate pair with both ends' signatures: a duplicate pair (keys.is_duplicate_pair)
    makes an edge (source, target)."""

    def __init__(self, settings: DedupSettings):
        self.settings = settings

    def process(self, element):
        (source, target), ends = element
        signatures = dict(ends)
        if source not in signatures or target not in signatures:
            return
        source_sig, source_shingles = unpack_signature(signatures[source])
        target_sig, target_shingles = unpack_signature(signatures[target])
        duplicate, _ = is_duplicate_pair(source_sig, source_shingles, target_sig, target_shingles,
                                         self.settings)
        if duplicate:
            _counter("verified_pairs").inc()
            yield source, target
        else:
            _counter("rejected_pairs").inc()


def _member_with_label(element):
    """(node, {member, label}) -> (label, packed member) for a member of the duplicate graph."""
    _, grouped = element
    members = list(grouped["member"])
    labels = list(grouped["label"])
    if members and labels:
        yield labels[0], members[0]


def _resolve_alone(element):
    """A member with no label (in no verified edge) is its own cluster: resolved where it is joined,
    without a grouping by label."""
    key, grouped = element
    members = list(grouped["member"])
    if members and not list(grouped["label"]):
        yield from _resolve_cluster((key, members[:1]))


def _resolve_cluster(element):
    """A cluster's packed members -> (member key, packed Decision, whether the member has exact copies)."""
    _, members = element
    members = _Unpacked(members)  # packed Members, decoded one at a time (iterated twice)
    best, size, vocab = choose_cluster_keep(members)
    decision = Decision(kept_key=best.key, kept_id=best.id, kept_exact=best.exact, cluster_size=size)
    if size > 1:
        _counter("clusters").inc()
    # only the kept member needs the cluster's vocabulary
    kept_decision = decision._replace(carried=vocab) if size > 1 else decision
    packed, kept_packed = pack(decision), pack(kept_decision)
    for member in members:
        yield member.key, kept_packed if member.key == best.key else packed, member.group_size > 1


def _loser_decisions(element):
    _, grouped = element
    decisions = list(grouped["decision"])
    for loser_key, _exact in grouped["loser"]:
        yield loser_key, decisions[0]


def decide_group(key: str, documents, decisions, settings: DedupSettings) -> list:
    """The outputs for one join group ``key``: the kept doc and its index key
    (an :class:`Extra` on ``index``) or a rejection, and an error record for
    each further document under the same key.  ``documents``: ``(doc, its
    DocKey)`` pairs (one, unless ids repeat).

    Whatever order the join delivers its values in, the result is the same:
    documents are sorted by their whole content (then their keys), decisions
    too, and a decision that keeps the document wins over one that does not.
    A document without a decision (a key lost upstream) is an error record."""
    from pagewash.transforms.unique import content_key

    documents = sorted(documents, key=lambda pair: (content_key(pair[0]), pair[1].rank, pair[1].exact,
                                                    pair[1].signature or b""))
    docs = [doc for doc, _ in documents]
    decisions = sorted(set(decisions), key=lambda d: (d.kept_key != key, d))
    if not docs:
        return []
    if not decisions:  # cannot happen unless a step above lost a key: say so per document
        return [error_from_exception(doc, STAGE, RuntimeError, f"dedup: no decision for document {doc.id!r}")
                for doc in docs]
    decision, own = decisions[0], documents[0][1]
    result = decide_document(docs[0], decision, key, own.exact, own.spam_vocab)
    out: list = [result]
    if decision.kept_key == key:
        _counter("kept").inc()
        if result.text != docs[0].text:
            # the cluster's vocabulary cut spans: index what is kept
            own = doc_key_of(result, settings)
        out.append(Extra(INDEX, own))
    for extra in docs[1:]:
        out.append(error_from_exception(extra, STAGE, ValueError,
                                        f"duplicate document id {extra.id!r} in the dedup input"))
    return out


class _DecideDocuments(StageDoFn):
    """Joins a new document and its key (or their spill reference) with its decision (:func:`decide_group`)."""

    def __init__(self, settings: DedupSettings):
        super().__init__(STAGE)
        self.settings = settings

    def setup(self):
        self._spilled = SpillReader()

    def teardown(self):
        self._spilled.close()

    def apply(self, element):
        key, grouped = element
        documents = [resolve(unpack_ref(d) if isinstance(d, bytes) else d, self._spilled) for d in grouped["doc"]]
        return decide_group(key, documents, [unpack(d) for d in grouped["decision"]], self.settings)


# --- the composite ----------------------------------------------------------------


class Deduplicate(beam.PTransform):
    """Exact then near-duplicate dedup of clean documents.

    ``against``: paths of earlier runs' dedup indexes (their documents win);
    ``spill_dir``: where the documents wait for their decisions (None: they
    travel through the final join themselves).  Returns
    ``StageOutputs(docs, rejected, errors, extras={"index": DocKeys})``: the
    index of old + kept documents, which the assembly writes
    (:class:`~pagewash.transforms.dedup.index.WriteDedupIndex`).
    """

    def __init__(self, settings: DedupSettings = DedupSettings(), against: Sequence[str] = (),
                 spill_dir: Optional[str] = None):
        super().__init__()
        self.settings = settings
        self.against = list(against or ())
        self.spill_dir = spill_dir

    def expand(self, docs):
        settings = self.settings
        pipeline = docs.pipeline

        features = apply_stage(docs, "Features", _Features(settings), extras=(_KEYS,))
        docs_by_key = features.docs
        if self.spill_dir is not None:
            # the documents wait on disk for their decisions; only their keys and references are shuffled
            docs_by_key = (docs_by_key
                           | "SpillDocuments" >> beam.ParDo(SpillRecords(self.spill_dir))
                           | "PackRefs" >> beam.Map(lambda kv: (kv[0], pack_ref(kv[1]))))
        new_keys = features.extras[_KEYS]

        if self.against:
            old_keys = pipeline | "ReadDedupIndex" >> ReadDedupIndex(self.against, settings)
            all_keys = (new_keys, old_keys) | "OldAndNew" >> beam.Flatten()
        else:
            old_keys = None
            all_keys = new_keys

        # 1. Exact duplicates: one representative per exact hash (the keys grouped packed).
        exact = (
            all_keys
            | "ByExactHash" >> beam.Map(lambda k: (k.exact_group, pack(k)))
            | "GroupExact" >> beam.GroupByKey()
            | "ResolveExact" >> beam.Map(_resolve_exact)
        )
        losers = exact | "Losers" >> beam.FlatMap(lambda r: [(r[0].key, loser) for loser in r[2]])

        # 2. Near-duplicate candidates: LSH buckets (band index and band key), their entries
        #    grouped by partition of the band key and cut into buckets there.
        with_signature = exact | "WithSignature" >> beam.Filter(lambda r: r[0].signature is not None)
        signatures = with_signature | "SignatureByKey" >> beam.Map(
            lambda r: (r[0].key, pack_signature(r[0].signature, r[0].shingles)))
        tries = settings.max_bucket_tries
        candidates = (
            with_signature
            | "BandEntries" >> beam.FlatMap(lambda r: band_entries(r[0].key, r[0].bands))
            | "GroupBuckets" >> beam.GroupByKey()
            | "BucketPairs" >> beam.FlatMap(lambda kv: partition_candidates(kv[1], tries))
            | "DistinctPairs" >> beam.Distinct()
        )

        # 3. Verify candidates on their signatures: the signatures are joined once, by node, and
        #    each pair then meets its two ends' signatures.
        edges = (
            {"signature": signatures,
             "pair": candidates | "PairEnds" >> beam.FlatMap(lambda p: [(p[0], p), (p[1], p)])}
            | "JoinSignatures" >> beam.CoGroupByKey()
            | "SignatureToPairs" >> beam.FlatMap(_signature_to_pairs)
            | "GroupPairEnds" >> beam.GroupByKey()
            | "VerifyPairs" >> beam.ParDo(_VerifyPairs(settings))
        )

        # 4. Clusters: connected components of the verified edges; a member of no edge is its
        #    own cluster and is decided where it is joined with its (missing) label.
        labels = edges | "Components" >> ConnectedComponents(settings.max_rounds)
        members = exact | "Members" >> beam.Map(
            lambda r: (r[0].key, pack(Member(r[0].key, r[0].id, r[0].origin, r[0].rank, r[0].exact, r[1],
                                             r[0].spam_vocab, r[0].signature))))
        labelled = {"member": members, "label": labels} | "JoinLabels" >> beam.CoGroupByKey()
        clustered = (
            labelled
            | "ByLabel" >> beam.FlatMap(_member_with_label)
            | "GroupClusters" >> beam.GroupByKey()
            | "ResolveClusters" >> beam.FlatMap(_resolve_cluster)
        )
        alone = labelled | "ResolveAlone" >> beam.FlatMap(_resolve_alone)
        resolved = (clustered, alone) | "AllResolved" >> beam.Flatten()
        rep_decisions = resolved | "RepDecisions" >> beam.Map(lambda r: (r[0], r[1]))
        # only the representatives of exact groups have losers to pass their decision to
        with_copies = (resolved
                       | "WithCopies" >> beam.Filter(lambda r: r[2])
                       | "CopiesDecisions" >> beam.Map(lambda r: (r[0], r[1])))
        loser_decisions = (
            {"decision": with_copies, "loser": losers}
            | "JoinLosers" >> beam.CoGroupByKey()
            | "LoserDecisions" >> beam.FlatMap(_loser_decisions)
        )
        decisions = (rep_decisions, loser_decisions) | "AllDecisions" >> beam.Flatten()

        # 5. Back to the documents (each waited with its own key: the keys are not joined again).
        joined = ({"doc": docs_by_key, "decision": decisions}
                  | "JoinDocuments" >> beam.CoGroupByKey())
        decided = apply_stage(joined, "Decide", _DecideDocuments(settings), extras=(INDEX,))

        index = decided.extras[INDEX]
        if old_keys is not None:
            index = (index, old_keys) | "IndexKeys" >> beam.Flatten()
        errors = (features.errors, decided.errors) | "DedupErrors" >> beam.Flatten()
        if self.spill_dir is not None:
            _ = ((decided.docs, decided.rejected, decided.errors)
                 | "RemoveSpill" >> RemoveSpillWhenDone(self.spill_dir))
        return StageOutputs(decided.docs, decided.rejected, errors, {INDEX: index})
