import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.record import Doc
from pagewash.transforms.spill import SpillReader, SpillRecords, SpillRef, remove_spill_dir


class _Unspill(beam.DoFn):
    def setup(self):
        self.reader = SpillReader()

    def process(self, element):
        key, ref = element
        assert isinstance(ref, SpillRef)
        yield key, self.reader.read(ref)

    def teardown(self):
        self.reader.close()


def test_records_come_back_equal_after_a_shuffle_of_their_references(tmp_path):
    docs = [Doc(id=f"d{i}", source="s", text="文本" * i, meta={"k": str(i)}) for i in range(50)]
    spill = str(tmp_path / "spill")
    with beam.Pipeline(options=PipelineOptions([f"--runner={IN_PROCESS_RUNNER}"])) as pipeline:
        back = (pipeline | beam.Create([(d.id, d) for d in docs])
                | beam.ParDo(SpillRecords(spill))
                | beam.GroupByKey()
                | beam.FlatMap(lambda kv: [(kv[0], ref) for ref in kv[1]])
                | beam.ParDo(_Unspill()))
        assert_that(back, equal_to([(d.id, d) for d in docs]))
    assert any((tmp_path / "spill").iterdir())
    remove_spill_dir(spill)
    assert not (tmp_path / "spill").exists()


def test_a_truncated_spill_file_is_an_error_not_a_wrong_record(tmp_path):
    path = tmp_path / "x.spill"
    path.write_bytes(b"abc")
    with pytest.raises(IOError):
        SpillReader().read(SpillRef(str(path), 0, 10))


def test_a_reader_follows_references_in_any_order_across_files(tmp_path):
    import pickle

    refs = {}
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.spill"
        data = b""
        for i in range(3):
            record = pickle.dumps((name, i))
            refs[(name, i)] = SpillRef(str(path), len(data), len(record))
            data += record
        path.write_bytes(data)
    order = [("c", 2), ("a", 0), ("b", 1), ("a", 2), ("c", 0), ("b", 0), ("a", 1), ("c", 1), ("b", 2)]
    reader = SpillReader(max_open=2)
    assert [reader.read(refs[key]) for key in order] == order
    assert len(reader._files) == 2  # at most max_open files stay open
    reader.close()
    assert not reader._files
