"""Records parked on disk while only their keys travel through a shuffle.

A stage that must wait for a corpus-wide decision (dedup's keep set) would
otherwise shuffle every document's text to the place the decision is made;
the local runners hold every shuffled collection in memory, so that memory
grows with the corpus.  :class:`SpillRecords` writes each record, pickled, to
a file of its bundle under a spill directory and passes on a
:class:`SpillRef` (path, offset, length: bytes per record); :class:`Unspill`
reads a record back where it is needed.  Files are written whole before their
bundle completes, so a reference is always readable downstream of a shuffle;
a retried bundle writes a new file (names are random), and
:class:`RemoveSpillWhenDone` deletes the directory once every reader is done.
Works on any Beam filesystem.

:class:`SortedRunSpiller` is the other way a stage keeps a bundle's bulk out of a
shuffle: it writes the bundle's items, sorted, as run files by partition and passes
on only ``(partition, path)``; the reader of a partition merges its runs as sorted
streams (the writers' shards, dedup's band entries).

The same parking serves a step that waits for a side input (the spam
vocabulary, the repeated ids): the local runners materialise such a step's
main input in memory until the side input is ready, so the waiting
collection holds references, and the stage reads each document back
(:func:`resolve`) where it is processed.
"""
from __future__ import annotations

import abc
import collections
import pickle
import uuid
from typing import Any, Dict, Iterator, List, NamedTuple, Tuple

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.transforms.window import GlobalWindow
from apache_beam.utils.windowed_value import WindowedValue

_BUFFER_BYTES = 1 << 20


class SpillRef(NamedTuple):
    path: str
    offset: int
    length: int


class SpillRecords(beam.DoFn):
    """(key, record) -> (key, SpillRef); one file per bundle."""

    def __init__(self, directory: str):
        self.directory = directory.rstrip("/")

    def start_bundle(self):
        self._out = None
        self._path = ""
        self._offset = 0
        self._pending: list = []
        self._pending_bytes = 0

    def process(self, element):
        key, record = element
        if self._out is None:
            self._path = f"{self.directory}/{uuid.uuid4().hex}.spill"
            self._out = FileSystems.create(self._path, compression_type=CompressionTypes.UNCOMPRESSED)
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        ref = SpillRef(self._path, self._offset, len(data))
        self._offset += len(data)
        self._pending.append(data)
        self._pending_bytes += len(data)
        if self._pending_bytes >= _BUFFER_BYTES:
            self._flush()
        yield key, ref

    def _flush(self):
        if self._pending:
            self._out.write(b"".join(self._pending))
            self._pending, self._pending_bytes = [], 0

    def finish_bundle(self):
        if self._out is not None:
            self._flush()
            self._out.close()
            self._out = None


class SpillReader:
    """Reads spilled records, keeping the last ``max_open`` files open (references of a bundle are
    adjacent, so one is enough where records are read in the order they were written; a reader
    that follows references in any order, such as the dedup graph's, keeps a few)."""

    def __init__(self, max_open: int = 1):
        self.max_open = max(1, max_open)
        self._files: "collections.OrderedDict[str, Any]" = collections.OrderedDict()

    def read(self, ref: SpillRef) -> Any:
        stream = self._files.get(ref.path)
        if stream is None:
            while len(self._files) >= self.max_open:
                self._files.popitem(last=False)[1].close()
            stream = self._files[ref.path] = FileSystems.open(ref.path,
                                                              compression_type=CompressionTypes.UNCOMPRESSED)
        else:
            self._files.move_to_end(ref.path)
        stream.seek(ref.offset)
        data = stream.read(ref.length)
        if len(data) != ref.length:
            raise IOError(f"spill file {ref.path} is shorter than its references")
        return pickle.loads(data)

    def close(self) -> None:
        while self._files:
            self._files.popitem(last=False)[1].close()


def remove_spill_dir(directory: str) -> None:
    if FileSystems.exists(directory):
        FileSystems.delete([directory])


def resolve(element: Any, reader: SpillReader) -> Any:
    """``element`` itself, or the record it refers to when it is a :class:`SpillRef`."""
    return reader.read(element) if isinstance(element, SpillRef) else element


class RemoveSpillWhenDone(beam.PTransform):
    """Deletes ``directory`` once every one of the given collections (the outputs of
    the steps that read the spill) is complete.  Only a count of markers made
    where the records are produced travels, so nothing is held for it.  The count
    has no default: with no record at all nothing was spilled (a spill file is made
    with its first record, and every spilled record ends in one of the collections),
    so there is no directory to remove, and the graph needs no step that makes an
    empty count."""

    def __init__(self, directory: str):
        super().__init__()
        self.directory = directory

    def expand(self, outputs):
        directory = self.directory
        done = [pcoll | f"Done{i}" >> beam.Map(lambda _record: 1) for i, pcoll in enumerate(outputs)]
        return (tuple(done)
                | "AllDone" >> beam.Flatten()
                | "Count" >> beam.CombineGlobally(sum).without_defaults()
                | "Remove" >> beam.Map(lambda _count: remove_spill_dir(directory)))


class SortedRunSpiller(beam.DoFn, metaclass=abc.ABCMeta):
    """Holds a bundle's items by partition and writes each partition's items, sorted, as one run
    file once ``run_bytes`` are held (all partitions together) and at the bundle's end; emits
    ``(partition, path)`` per run.  A subclass's ``process`` calls :meth:`hold` and says where a
    run goes (:meth:`run_path`) and how it is written (:meth:`write_run`)."""

    run_bytes = 4 << 20

    def start_bundle(self):
        self._held: Dict[int, List[Any]] = {}
        self._bytes = 0

    def hold(self, partition: int, item: Any, size: int) -> Iterator[Tuple[int, str]]:
        """Holds ``item`` (``size`` bytes) for ``partition``; spills every run once enough is held."""
        self._held.setdefault(partition, []).append(item)
        self._bytes += size
        if self._bytes >= self.run_bytes:
            yield from self._spill()

    def finish_bundle(self):
        for partition, path in self._spill():
            yield WindowedValue((partition, path), GlobalWindow().max_timestamp(), [GlobalWindow()])

    @abc.abstractmethod
    def run_path(self, partition: int) -> str:
        """A new file's path for a run of ``partition``."""

    @abc.abstractmethod
    def write_run(self, path: str, items: List[Any]) -> None:
        """Writes sorted ``items`` to ``path``."""

    def _spill(self) -> Iterator[Tuple[int, str]]:
        held, self._held, self._bytes = self._held, {}, 0
        for partition in sorted(held):
            path = self.run_path(partition)
            self.write_run(path, sorted(held[partition]))
            yield partition, path
