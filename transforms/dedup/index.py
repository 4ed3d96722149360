"""The dedup index: what a run kept, so a later run can dedup against it.

Written under ``<output>/dedup_index/`` as ``part-NNNNN-of-MMMMM.parquet``
(transforms/write.py: shard = xxh64(id) mod the fixed shard count, rows
sorted by id, every shard written), so the same run writes the same bytes.
One row per document:

========== ================ ====================================================
column     type             meaning
========== ================ ====================================================
id         string           document id
exact_hash string           dedup exact hash (normalize.exact_hash; "" if no content)
shingles   string           "char" or "word"
signature  list<uint32>     MinHash signature (settings.num_perm values)
band_keys  list<uint64>     LSH band keys (settings.bands values)
score      double           quality score used by the keep order
length     int64            characters of clean text
published  string           publication date, if known
params     string           DedupSettings.signature_params the signature was made with
shingle_count int64         distinct shingles of the article core (null: unknown)
sample_gaps list<uint32>    the shingle sample (keys.shingle_sample_of) as gaps:
                            its first value, then each value less the one before
                            (null: unknown)
lead_keys  list<uint64>     the lead keys (keys.lead_keys_of; null: none)
lead_chars int32            the lead_chars the lead keys were made with
========== ================ ====================================================

The last three columns (index version 2) let a refresh decide a pair with an
old document the way a run decides its own pairs: containment from the shingle
counts, a pair near a bar on the two shingle samples, a copy cut short found
through the lead key.  An index of version 1 has none of them: it is still
read, its documents are compared on the signature estimate alone (no
containment, no samples, no lead key), and the run says so in its log and
counts its rows (``dedup:index_rows_without_sample``).

A run given ``--dedup_against`` indexes reads them, lets their documents win
every cluster they are in, and writes an index of old + newly kept documents,
so a refresh only ever needs the previous run's index.

Ids are meant to be unique across runs (``--id_prefix``, transforms/ids.py).  When
they are not, an id of this run that an old index holds with *other* content
never replaces the old entry: both are kept (one row per id and content) and the
collision is counted (``dedup:index_id_collisions``, a warning in the report).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Iterable, List, Optional, Sequence

import apache_beam as beam
import numpy as np
import pyarrow as pa
import xxhash
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from pagewash.transforms.dedup.keys import NEW, OLD, DocKey, keep_rank, node_key, pack, unpack
from pagewash.transforms.dedup.minhash import band_keys
from pagewash.transforms.dedup.settings import DedupSettings
from pagewash.transforms import counters
from pagewash.transforms.inputs import GLOB_CHARS
from pagewash.transforms.stage import counter
from pagewash.transforms.write import WriteShards

_log = logging.getLogger(__name__)

INDEX_DIR = "dedup_index"
INDEX_VERSION = 2  # 1: no shingle count, sample or lead key (still read: decided on the estimate)

INDEX_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("exact_hash", pa.string(), nullable=False),
        pa.field("shingles", pa.string(), nullable=False),
        pa.field("signature", pa.list_(pa.uint32())),
        pa.field("band_keys", pa.list_(pa.uint64())),
        pa.field("score", pa.float64(), nullable=False),
        pa.field("length", pa.int64(), nullable=False),
        pa.field("published", pa.string()),
        pa.field("params", pa.string(), nullable=False),
        pa.field("shingle_count", pa.int64()),
        pa.field("sample_gaps", pa.list_(pa.uint32())),
        pa.field("lead_keys", pa.list_(pa.uint64())),
        pa.field("lead_chars", pa.int32()),
    ],
    metadata={"pagewash.record": "dedup_index", "pagewash.dedup_index_version": str(INDEX_VERSION),
              # hashes never repeat: a dictionary would only cost (write.write_parquet)
              "pagewash.parquet_plain_columns": "signature,band_keys,sample_gaps,lead_keys"},
)


def sample_gaps(sample: Optional[bytes]) -> Optional[List[int]]:
    """A shingle sample (sorted little-endian uint32 values) as its first value and the gaps between
    the next ones: small numbers, which the index's compressed pages hold in ~3 bytes each
    instead of 4 (the values themselves are uniform 32-bit hashes)."""
    if sample is None:
        return None
    values = np.frombuffer(sample, dtype="<u4").astype(np.int64)
    return np.diff(values, prepend=0).tolist()


def sample_from_gaps(gaps: Optional[Sequence[int]]) -> Optional[bytes]:
    """The shingle sample a :func:`sample_gaps` list stands for (None when there is none)."""
    if gaps is None:
        return None
    return np.cumsum(np.asarray(gaps, dtype=np.int64)).astype("<u4").tobytes()



def index_row(key: DocKey, settings: DedupSettings) -> Dict[str, Any]:
    signature = None if key.signature is None else [int(v) for v in key.signature_array()]
    return {
        "id": key.id,
        "exact_hash": key.exact,
        "shingles": key.mode,
        "signature": signature,
        # the signature's bands only: a document's lead key (keys.lead_key) is of this run
        "band_keys": list(key.bands[:settings.bands]) if signature is not None else None,
        "score": float(key.score),
        "length": int(key.length),
        "published": key.published,
        "params": settings.signature_params,
        "shingle_count": int(key.shingles) if signature is not None and key.shingles else None,
        "sample_gaps": sample_gaps(key.shingle_sample) if signature is not None else None,
        # a new document's band keys end with its lead keys when it has any (keys.doc_key_of)
        "lead_keys": list(key.bands[settings.bands:]) if signature is not None and len(key.bands) > settings.bands else None,
        "lead_chars": settings.lead_chars,
    }


class IndexMismatch(ValueError):
    """An index made with other MinHash parameters: its signatures cannot be compared."""


def doc_key_from_row(row: Dict[str, Any], settings: DedupSettings) -> DocKey:
    """An old document from an index row (band keys recomputed for this run's bands x rows)."""
    if row.get("params") != settings.signature_params:
        raise IndexMismatch(
            f"dedup index row {row.get('id')!r} was made with {row.get('params')!r}, this run uses "
            f"{settings.signature_params!r}; rebuild the index or run with the same dedup settings")
    values = row.get("signature")
    shingles, sample = 0, None
    if values is not None and len(values):
        sig = np.asarray(values, dtype="<u4")
        signature = sig.tobytes()
        bands = tuple(band_keys(sig, settings.bands, settings.rows))
        # version 2 rows: what containment, the samples and the lead key need (None in version 1)
        shingles = int(row.get("shingle_count") or 0)
        sample = sample_from_gaps(row.get("sample_gaps"))
        leads = row.get("lead_keys")
        if leads and settings.lead_chars > 0 and row.get("lead_chars") == settings.lead_chars:
            bands = bands + tuple(int(v) for v in leads)
    else:
        signature, bands = None, ()
    doc_id = row["id"]
    score = float(row.get("score") or 0.0)
    length = int(row.get("length") or 0)
    # An index may hold one id with two contents (a collision it kept): the node key and the
    # keep order's tie-break carry the content, so the two stay two documents.
    scoped = f"{doc_id}\x00{content_key(row.get('exact_hash') or '', signature)}"
    return DocKey(key=node_key(OLD, scoped), id=doc_id, origin=OLD,
                  rank=keep_rank(OLD, score, length, row.get("published"), scoped),
                  exact=row.get("exact_hash") or "", mode=row.get("shingles") or "",
                  signature=signature, bands=bands, score=score, length=length,
                  published=row.get("published"), shingles=shingles, shingle_sample=sample)


def index_patterns(paths: Sequence[str]) -> List[str]:
    """File patterns for ``--dedup_against`` paths: a Parquet file or glob as given;
    a directory means its ``*.parquet`` files, or those of its ``dedup_index/``
    when it is a run's output directory."""
    patterns: List[str] = []
    for path in paths:
        if path.endswith(".parquet") or GLOB_CHARS.search(path):
            patterns.append(path)
            continue
        root = path.rstrip("/")
        direct = f"{root}/*.parquet"
        if FileSystems.match([direct])[0].metadata_list:
            patterns.append(direct)
            continue
        nested = f"{root}/{INDEX_DIR}/*.parquet"
        if FileSystems.match([nested])[0].metadata_list:
            patterns.append(nested)
            continue
        raise FileNotFoundError(f"no dedup index (*.parquet) under {path!r}")
    return patterns


def content_key(exact: str, signature: Optional[bytes]) -> str:
    """What tells two index entries of one id apart: the exact hash, else the signature's hash."""
    if exact:
        return exact
    return xxhash.xxh64_hexdigest(signature) if signature else ""


def _pick_one_row(element):
    """Rows of one id and one content from several indexes: the same document; keep one."""
    _, rows = element
    return min(rows, key=lambda r: (r.length, -r.score, r.published or "", r.signature or b""))


def index_version(path: str) -> int:
    """The format version of one index file (its schema's ``pagewash.dedup_index_version``; a file
    without one, or without the version-2 columns, is read as version 1)."""
    import pyarrow.parquet as pq

    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as stream:
        schema = pq.read_schema(stream)
    names = set(schema.names)
    if not {"shingle_count", "sample_gaps"} <= names:
        return 1
    raw = (schema.metadata or {}).get(b"pagewash.dedup_index_version", b"1")
    try:
        return int(raw)
    except ValueError:
        return 1


def warn_old_versions(patterns: Sequence[str]) -> List[str]:
    """Logs (and returns) the index files of ``patterns`` written before version 2: their documents
    are compared on the signature estimate alone."""
    old = []
    for pattern in patterns:
        for match in FileSystems.match([pattern])[0].metadata_list:
            if index_version(match.path) < 2:
                old.append(match.path)
    if old:
        _log.warning("dedup index: %d file(s) were written by an earlier version without shingle counts, "
                     "samples or lead keys (e.g. %s): pairs with their documents are decided on the "
                     "signature estimate alone (no containment, no sample check near a bar); the index "
                     "this run writes has them for the documents it keeps", len(old), old[0])
    return old


class _RowsToDocKeys(beam.DoFn):
    """Index rows -> old :class:`DocKey` s, counting the rows that carry no shingle sample."""

    def __init__(self, settings: DedupSettings):
        self.settings = settings
        self._warned = False

    def process(self, row):
        key = doc_key_from_row(row, self.settings)
        if key.signature is not None and key.shingle_sample is None:
            counter(counters.DEDUP_INDEX_ROWS_WITHOUT_SAMPLE).inc()
            if not self._warned:  # once per worker: also rows an index of version 2 carried over from version 1
                self._warned = True
                _log.warning("dedup index: row %r has no shingle sample (written before index version 2): "
                             "pairs with such rows are decided on the signature estimate alone", row.get("id"))
        yield key


class ReadDedupIndex(beam.PTransform):
    """Old documents (:class:`DocKey`, origin OLD) from earlier runs' indexes (any version; see the
    module docstring)."""

    def __init__(self, paths: Sequence[str], settings: DedupSettings):
        super().__init__()
        self.patterns = index_patterns(paths)
        self.settings = settings
        self.old_files = warn_old_versions(self.patterns)

    def expand(self, pipeline):
        settings = self.settings
        reads = [
            pipeline | f"Read{i}" >> beam.io.ReadFromParquet(pattern)
            for i, pattern in enumerate(self.patterns)
        ]
        rows = reads[0] if len(reads) == 1 else tuple(reads) | "AllIndexes" >> beam.Flatten()
        return (
            rows
            | "ToDocKeys" >> beam.ParDo(_RowsToDocKeys(settings))
            | "ByIdAndContent" >> beam.Map(lambda k: (k.key, k))
            | "GroupByIdAndContent" >> beam.GroupByKey()
            | "OnePerIdAndContent" >> beam.Map(_pick_one_row)
        )


def rows_per_id(keys: Iterable[DocKey]) -> List[DocKey]:
    """The index entries of one id: one per distinct content (exact hash, else signature).

    The same content in an old index and in this run is one entry, this run's (its score and
    date are the newer ones).  Different contents under one id (two crawls whose ids collide)
    are all kept: replacing the old entry would let its content back in as new on the next
    refresh.  Entries are ordered so the output does not depend on arrival order.
    """
    by_content: Dict[str, DocKey] = {}
    for key in sorted(keys, key=lambda k: (k.origin, k.rank, k.exact, k.signature or b"")):
        by_content[content_key(key.exact, key.signature)] = key  # later (newer origin) wins
    return [by_content[c] for c in sorted(by_content)]


class _IndexRowsPerId(beam.DoFn):
    def process(self, element):
        doc_id, packed = element
        rows = rows_per_id(unpack(k) for k in packed)
        # Counted by the run whose document collides; an old index's kept collision is carried quietly.
        if len(rows) > 1 and any(key.origin == NEW for key in rows):
            counter(counters.DEDUP_INDEX_ID_COLLISIONS).inc()
            _log.warning("dedup index: id %r has %d different contents (ids of two crawls collide; give each "
                         "crawl its own --id_prefix); all are kept", doc_id, len(rows))
        yield from rows


class WriteDedupIndex(beam.PTransform):
    """Writes old + newly kept :class:`DocKey` s as the next run's index.

    ``with_old``: whether the keys include an earlier index's (``--dedup_against``); only then can
    two keys share an id (:func:`rows_per_id`), so only then are they grouped by id.  This run's
    kept keys have one id each (the dedup input has unique ids), so without an old index they go
    straight to the writer, which holds none of them."""

    def __init__(self, directory: str, settings: DedupSettings, with_old: bool = True):
        super().__init__()
        self.directory = directory
        self.settings = settings
        self.with_old = with_old

    def expand(self, keys):
        settings = self.settings
        if self.with_old:
            keys = (
                keys
                | "ById" >> beam.Map(lambda k: (k.id, pack(k)))  # grouped packed (keys.pack)
                | "GroupById" >> beam.GroupByKey()
                | "RowsPerId" >> beam.ParDo(_IndexRowsPerId())
            )
        return keys | "Write" >> WriteShards("dedup_index", lambda k: index_row(k, settings), settings.index_shards,
                                             parquet_dir=self.directory, schema=INDEX_SCHEMA, key=lambda k: k.id)
