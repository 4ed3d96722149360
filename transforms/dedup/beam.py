"""The dedup stage as one Beam composite.

    docs -> Features (exact hash, shingles, signature, band keys)  [+ old index]
         -> the documents and their DocKeys wait on disk (spill_dir)
         -> exact groups (GroupByKey on the exact hash of each key's ranking fields
            and handle; keep the best, whose whole key alone is read back)
         -> LSH buckets: band entries written as sorted runs per partition of the
            band key; GroupByKey of the runs' paths; each partition's runs merged
            and cut into (band, band key) buckets -> candidate pairs with the
            handles of their ends
         -> verify pairs (GroupByKey on the pair; both keys read back by handle;
            signature-estimated Jaccard >= threshold)
         -> connected components (large-star / small-star rounds)
         -> clusters (GroupByKey on the component label, keep the best, the members'
            signatures read back for the consensus; a member of no edge is its own
            cluster, decided without a grouping)
         -> join the decisions back to the documents
         -> kept docs (dedup.cluster, dedup.cluster_size) / rejected (duplicate_of)
         -> extras["index"]: the DocKeys of old + kept documents (the assembly writes them)

Only small values travel through the shuffles: ids, ranks, hashes, handles of
what waits on disk, the small per-page spam vocabularies, each grouped value
packed into one ``bytes`` (the local runners hold groupings as decoded objects).
Signatures and band keys never enter a grouping: the DocKeys wait on disk
(``spill_dir/keys``) and are read back by handle where a step needs one (an
exact group's best, a candidate pair's two ends, a cluster's members), and the
band entries (20 per document) go to sorted run files (``spill_dir/bands``) of
which only the paths are grouped.  The documents wait for their decisions on
disk too (``spill_dir``, transforms/spill.py), each with its own DocKey, and are
read back one at a time where they are decided, so the text moves once and the
final join holds a reference and a decision per document.

Every step is keyed (exact hash, band-key partition, pair, node, label, id);
none collects the corpus in one place, and ties are broken by id, so the result
is the same whatever the runner, worker count or bundle order.  The spill
directory must be readable by every worker (a local disk for the local runners,
a shared filesystem or bucket on a cluster, as for the writers' sorted runs).
"""
from __future__ import annotations

import heapq
import itertools
import struct
import uuid
from typing import Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from pagewash.transforms.dedup.carry import apply_cluster_vocabulary, merge_vocabularies
from pagewash.transforms.dedup.components import ConnectedComponents
from pagewash.transforms.dedup.index import ReadDedupIndex
from pagewash.transforms.dedup.keys import (NEW, OLD, Decision, DocKey, Member, Rank, cluster_keep_key, consensus,
                                           doc_key_of, is_cut_short, pack, separate_members, unpack,
                                           verify_pair)
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms.record import Reason, error_from_exception, reject
from pagewash.transforms.spill import RemoveSpillWhenDone, SortedRunSpiller, SpillReader, SpillRecords, SpillRef
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


# A bucket is the band index (2 bytes) and the band key (8 bytes).
_BUCKET = struct.Struct("<HQ")


_REF = struct.Struct("<QQ")


def pack_ref(ref: SpillRef, directory: str = "") -> bytes:
    """A spill reference as one bytes value: offset, length, then the path (UTF-8), relative to
    ``directory`` when one is given (the spill directory is the same for every reference)."""
    path = ref.path
    if directory:
        prefix = directory.rstrip("/") + "/"
        if not path.startswith(prefix):
            raise ValueError(f"spill file {path} is not under {directory}")
        path = path[len(prefix):]
    return _REF.pack(ref.offset, ref.length) + path.encode("utf-8")


def unpack_ref(data: bytes, directory: str = "") -> SpillRef:
    offset, length = _REF.unpack_from(data)
    path = data[_REF.size:].decode("utf-8")
    return SpillRef(f"{directory.rstrip('/')}/{path}" if directory else path, offset, length)


class KeyHandle(NamedTuple):
    """What an exact group needs of a DocKey (the ranking fields), and where the whole key waits
    on disk (``ref``: :func:`pack_ref`); the signature and band keys are read back only for the
    group's best document."""

    key: str
    rank: Rank
    exact: str
    spam_vocab: Tuple[str, ...]
    ref: bytes


def key_handle(key: DocKey, ref: bytes) -> KeyHandle:
    return KeyHandle(key.key, key.rank, key.exact, key.spam_vocab, ref)


# --- band entries on disk ----------------------------------------------------------
#
# With a spill directory the band entries never enter a grouping: each bundle writes them, sorted,
# into run files, one per partition of the band key (the top BAND_FILE_PARTITION_BITS bits), and
# only (partition, run path) is grouped; the partition's reader merges its runs (a streaming
# k-way merge) and cuts the buckets.  An entry on disk is the 10 bytes of its bucket, the node
# key's length (2 bytes) and UTF-8 bytes, then the handle of the node's DocKey on disk.
BAND_FILE_PARTITION_BITS = 6
BAND_RUN_BYTES = 4 << 20  # a bundle writes its held entries as sorted runs once they reach this size
_NODE_LENGTH = struct.Struct("<H")
_RECORD = struct.Struct("<I")


def band_file_entries(key: str, bands: Sequence[int], handle: bytes,
                      lead_band: Optional[int] = None) -> List[Tuple[int, bytes]]:
    """(file partition, entry) for each band of a document (see above).  With ``lead_band`` (the
    number of signature bands), every key from that position on is a lead key and all of them share
    the band index ``lead_band``: a document's lead key and another's lead key without its headline
    (keys.lead_keys_of) meet in one bucket."""
    node = key.encode("utf-8")
    tail = _NODE_LENGTH.pack(len(node)) + node + handle
    shift = 64 - BAND_FILE_PARTITION_BITS
    last = len(bands) if lead_band is None else lead_band
    return [(value >> shift, _BUCKET.pack(min(band, last), value) + tail) for band, value in enumerate(bands)]


def write_band_run(path: str, entries: Iterable[bytes]) -> None:
    """Writes sorted entries, each after its length (4 bytes, little-endian)."""
    with FileSystems.create(path, compression_type=CompressionTypes.UNCOMPRESSED) as out:
        chunk: List[bytes] = []
        size = 0
        for entry in entries:
            chunk += (_RECORD.pack(len(entry)), entry)
            size += len(entry)
            if size >= 1 << 20:
                out.write(b"".join(chunk))
                chunk, size = [], 0
        out.write(b"".join(chunk))


def read_band_run(path: str) -> Iterator[bytes]:
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as stream:
        while True:
            head = stream.read(_RECORD.size)
            if not head:
                return
            (length,) = _RECORD.unpack(head)
            entry = stream.read(length)
            if len(entry) != length:
                raise IOError(f"band run {path} is truncated")
            yield entry


def run_candidates(entries: Iterable[bytes], tries: int) -> Iterator[Tuple[Tuple[str, str], Tuple[bytes, bytes]]]:
    """Candidate pairs of the buckets of sorted entries on disk (:func:`bucket_candidates` per
    bucket), each with the handles of its two ends: ((source, target), (source handle, target handle))."""
    size = _BUCKET.size
    for _bucket, members in itertools.groupby(entries, key=lambda e: e[:size]):
        handles = {}
        for entry in members:
            (length,) = _NODE_LENGTH.unpack_from(entry, size)
            start = size + _NODE_LENGTH.size
            handles[entry[start:start + length].decode("utf-8")] = entry[start + length:]
        if len(handles) > 1:
            for source, target in bucket_candidates(handles, tries):
                yield (source, target), (handles[source], handles[target])


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
    best, size, vocab, _apart = choose_cluster_keeps(members)
    return best, size, vocab


def choose_cluster_keeps(members: Iterable[Member]):
    """(kept member, cluster size, spam vocabulary, members kept apart): the members kept apart
    are distinct articles the cluster joined only through a short copy of each
    (:func:`~pagewash.transforms.dedup.keys.separate_members`); the size and the vocabulary are of
    the cluster less them (each is a cluster of its own exact group)."""
    members = list(members)
    if not members:
        return None, 0, (), []
    agreement = consensus(members)
    longest = max((-m.rank[3] for m in members), default=0)
    ordered = sorted(members, key=lambda m: cluster_keep_key(m, agreement, longest))
    if ordered[0].origin == OLD and is_cut_short(ordered[0], longest):
        # an earlier run kept a copy cut short (all it had seen): a new full copy is kept besides it, or
        # the refresh would lose the article's other paragraphs; the old document stays in the index
        full = next((m for m in ordered if m.origin == NEW and not is_cut_short(m, longest)), None)
        if full is not None:
            ordered = [full] + [m for m in ordered if m.key != full.key]
    kept = separate_members(ordered)
    best, apart = kept[0], kept[1:]
    apart_keys = {m.key for m in apart}
    rest = [m for m in members if m.key not in apart_keys]
    size = sum(m.group_size for m in rest)
    return best, size, merge_vocabularies(m.spam_vocab for m in rest), apart


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
        # the document's own copy of its key (on disk with it) keeps its shingle sample: a kept
        # document's index row stores it (index.py), for refreshes to verify pairs as this run does
        return [Extra(_KEYS, key), (key.key, (doc, key))]


class _SpillKeys(SpillRecords):
    """DocKey -> (exact group, packed :class:`KeyHandle`): the whole key waits on disk."""

    def process(self, element):
        for _node, ref in super().process((element.key, element)):
            yield element.exact_group, pack(key_handle(element, pack_ref(ref, self.directory)))


class _KeyReader:
    """Reads DocKeys back from the keys' spill by handle (in any order: a few files stay open)."""

    def __init__(self, directory: str):
        self.directory = directory
        self._reader: Optional[SpillReader] = None

    def read(self, handle: bytes) -> DocKey:
        if self._reader is None:
            self._reader = SpillReader(max_open=8)
        return self._reader.read(unpack_ref(handle, self.directory))

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None


class _ReadsKeys(beam.DoFn):
    """A step that reads DocKeys back by handle (one reader per worker, from ``setup``)."""

    def __init__(self, keys_dir: str):
        self.keys_dir = keys_dir
        self._keys: Optional[_KeyReader] = None

    def setup(self):
        self._keys = _KeyReader(self.keys_dir)

    def teardown(self):
        if self._keys is not None:
            self._keys.close()


class _ResolveExact(_ReadsKeys):
    """An exact group of packed handles -> (best DocKey, group size, [(loser key, loser exact)],
    the best's handle): only the best's whole key (signature, band keys) is read back."""

    def process(self, element):
        _, packed = element
        best, size, losers = resolve_exact_group(_Unpacked(packed))
        if losers:
            _counter("exact_duplicates").inc(len(losers))
        key = self._keys.read(best.ref)
        if key.spam_vocab != best.spam_vocab:
            key = key._replace(spam_vocab=best.spam_vocab)
        yield key, size, losers, best.ref


class _BandRuns(SortedRunSpiller):
    """(best DocKey, size, losers, handle) -> (file partition, path of a sorted run of band entries),
    a run per partition every ``BAND_RUN_BYTES`` held (all partitions together)."""

    run_bytes = BAND_RUN_BYTES

    def __init__(self, directory: str, lead_band: Optional[int] = None):
        self.directory = directory.rstrip("/")
        self.lead_band = lead_band

    def process(self, element):
        key, _size, _losers, handle = element
        for partition, entry in band_file_entries(key.key, key.bands, handle, self.lead_band):
            yield from self.hold(partition, entry, len(entry))

    def run_path(self, partition: int) -> str:
        return f"{self.directory}/{partition:04d}-{uuid.uuid4().hex}.run"

    def write_run(self, path: str, items: List[bytes]) -> None:
        write_band_run(path, items)


def _partition_pairs(element, tries: int):
    """A partition's run paths -> its candidate pairs with their ends' handles (:func:`run_candidates`)."""
    _, paths = element
    runs = [read_band_run(path) for path in sorted(paths)]
    yield from run_candidates(heapq.merge(*runs), tries)


class _VerifyPairs(_ReadsKeys):
    """A candidate pair with its ends' handles: both keys read back, and a duplicate pair
    (keys.verify_pair: on the signatures, or on the shingle samples when the estimate lies within
    its noise of a bar) makes an edge (source, target)."""

    def __init__(self, keys_dir: str, settings: DedupSettings):
        super().__init__(keys_dir)
        self.settings = settings

    def process(self, element):
        (source, target), ends = element
        source_handle, target_handle = next(iter(ends))
        source_key, target_key = self._keys.read(source_handle), self._keys.read(target_handle)
        verdict = verify_pair(source_key.signature, source_key.shingles, target_key.signature,
                              target_key.shingles, self.settings, source_key.shingle_sample,
                              target_key.shingle_sample)
        if verdict.on_samples:
            _counter("borderline_pairs").inc()
        if verdict.duplicate:
            _counter("verified_pairs").inc()
            yield source, target
        else:
            _counter("rejected_pairs").inc()


def member_of(element) -> Tuple[str, bytes]:
    """(best DocKey, size, losers, handle) -> (node key, packed (Member without its signature, handle)):
    the signature, needed only for the consensus of a cluster, stays on disk."""
    key, size, _losers, handle = element
    return key.key, pack((Member(key.key, key.id, key.origin, key.rank, key.exact, size, key.spam_vocab), handle))


def _member_with_label(element):
    """(node, {member, label}) -> (label, packed member) for a member of the duplicate graph."""
    _, grouped = element
    members = list(grouped["member"])
    labels = list(grouped["label"])
    if members and labels:
        yield labels[0], members[0]


def _resolve_alone(element):
    """A member with no label (in no verified edge) is its own cluster: resolved where it is joined,
    without a grouping by label (a cluster of one needs no signature: consensus() compares two or more)."""
    key, grouped = element
    members = list(grouped["member"])
    if members and not list(grouped["label"]):
        yield from resolve_cluster([unpack(members[0])[0]])


class _ResolveClusters(_ReadsKeys):
    """A cluster's packed (member, handle) values -> its decisions (:func:`resolve_cluster`), each
    member with its signature read back for the cluster's consensus."""

    def process(self, element):
        _, packed = element
        members = []
        for member, handle in map(unpack, packed):
            members.append(member._replace(signature=self._keys.read(handle).signature))
        yield from resolve_cluster(members)


def resolve_cluster(members: Sequence[Member]):
    """A cluster's members -> (member key, packed Decision, whether the member has exact copies)."""
    best, size, vocab, apart = choose_cluster_keeps(members)
    decision = Decision(kept_key=best.key, kept_id=best.id, kept_exact=best.exact, cluster_size=size)
    if size > 1:
        _counter("clusters").inc()
    if apart:
        _counter("clusters_kept_apart").inc(len(apart))
    # only the kept member needs the cluster's vocabulary
    kept_decision = decision._replace(carried=vocab) if size > 1 else decision
    packed, kept_packed = pack(decision), pack(kept_decision)
    own = {m.key: pack(Decision(kept_key=m.key, kept_id=m.id, kept_exact=m.exact, cluster_size=m.group_size,
                                carried=m.spam_vocab if m.group_size > 1 else ()))
           for m in apart}
    for member in members:
        if member.key in own:
            yield member.key, own[member.key], member.group_size > 1
        else:
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

    documents = list(documents)
    if len(documents) > 1:  # the usual group holds one document: no content key to compute
        documents.sort(key=lambda pair: (content_key(pair[0]), pair[1].rank, pair[1].exact,
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
    """Joins a new document and its key (their spill reference) with its decision (:func:`decide_group`)."""

    def __init__(self, settings: DedupSettings, spill_dir: str):
        super().__init__(STAGE)
        self.settings = settings
        self.spill_dir = spill_dir

    def setup(self):
        self._spilled = SpillReader(max_open=8)  # the join delivers its keys in any order

    def teardown(self):
        self._spilled.close()

    def apply(self, element):
        key, grouped = element
        documents = [self._spilled.read(unpack_ref(d, self.spill_dir)) for d in grouped["doc"]]
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

    def __init__(self, settings: DedupSettings, spill_dir: str, against: Sequence[str] = ()):
        super().__init__()
        if not spill_dir:
            raise ValueError("Deduplicate needs a spill directory: the documents, their keys and the band "
                             "entries wait there")
        self.settings = settings
        self.against = list(against or ())
        self.spill_dir = spill_dir.rstrip("/")

    def expand(self, docs):
        settings = self.settings
        pipeline = docs.pipeline
        spill_dir = self.spill_dir
        keys_dir, bands_dir = f"{spill_dir}/keys", f"{spill_dir}/bands"

        features = apply_stage(docs, "Features", _Features(settings), extras=(_KEYS,))
        # the documents wait on disk for their decisions; only their keys and references are shuffled
        docs_by_key = (features.docs
                       | "SpillDocuments" >> beam.ParDo(SpillRecords(spill_dir))
                       | "PackRefs" >> beam.Map(lambda kv: (kv[0], pack_ref(kv[1], spill_dir))))
        new_keys = features.extras[_KEYS]

        if self.against:
            old_keys = pipeline | "ReadDedupIndex" >> ReadDedupIndex(self.against, settings)
            all_keys = (new_keys, old_keys) | "OldAndNew" >> beam.Flatten()
        else:
            old_keys = None
            all_keys = new_keys

        # 1. Exact duplicates: one representative per exact hash.  The keys wait on disk; the groups
        #    hold their ranking fields and handles, and only each group's best key is read back.
        exact = (
            all_keys
            | "SpillKeys" >> beam.ParDo(_SpillKeys(keys_dir))
            | "GroupExact" >> beam.GroupByKey()
            | "ResolveExact" >> beam.ParDo(_ResolveExact(keys_dir))
        )
        losers = exact | "Losers" >> beam.FlatMap(lambda r: [(r[0].key, loser) for loser in r[2]])

        # 2. Near-duplicate candidates: LSH buckets (band index and band key).  The band entries are
        #    written to sorted runs by partition of the band key; only the runs' paths are grouped,
        #    and each partition's runs are merged and cut into buckets where they are read.
        tries = settings.max_bucket_tries
        candidates = (
            exact
            | "WithSignature" >> beam.Filter(lambda r: r[0].signature is not None)
            | "BandRuns" >> beam.ParDo(_BandRuns(bands_dir, settings.bands))
            | "GroupBandRuns" >> beam.GroupByKey()
            | "BucketPairs" >> beam.FlatMap(_partition_pairs, tries)
        )

        # 3. Verify each distinct candidate pair once, on its two ends' signatures read back by handle.
        edges = (
            candidates
            | "GroupPairs" >> beam.GroupByKey()
            | "VerifyPairs" >> beam.ParDo(_VerifyPairs(keys_dir, settings))
        )

        # 4. Clusters: connected components of the verified edges; a member of no edge is its
        #    own cluster and is decided where it is joined with its (missing) label.
        labels = edges | "Components" >> ConnectedComponents(settings.max_rounds)
        members = exact | "Members" >> beam.Map(member_of)
        labelled = {"member": members, "label": labels} | "JoinLabels" >> beam.CoGroupByKey()
        clustered = (
            labelled
            | "ByLabel" >> beam.FlatMap(_member_with_label)
            | "GroupClusters" >> beam.GroupByKey()
            | "ResolveClusters" >> beam.ParDo(_ResolveClusters(keys_dir))
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
        decided = apply_stage(joined, "Decide", _DecideDocuments(settings, spill_dir), extras=(INDEX,))

        index = decided.extras[INDEX]
        if old_keys is not None:
            index = (index, old_keys) | "IndexKeys" >> beam.Flatten()
        errors = (features.errors, decided.errors) | "DedupErrors" >> beam.Flatten()
        _ = ((decided.docs, decided.rejected, decided.errors)
             | "RemoveSpill" >> RemoveSpillWhenDone(spill_dir))
        return StageOutputs(decided.docs, decided.rejected, errors, {INDEX: index})
