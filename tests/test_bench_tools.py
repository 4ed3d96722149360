"""The side-by-side benchmark's own parts: corpus generator and measuring harness."""
import hashlib
import json
import os
import sys

from tools.bench import corpus
from tools.bench.measure import measure

ZH = "这是一段用于测试的中文句子，它足够长，可以作为文章的一个段落。第二句话也在这里，同样足够长。"
EN = ("This is an English sentence written for the benchmark test, long enough to be prose. "
      "Here is a second sentence, also long enough to count as part of a paragraph.")


def _pages(folder):
    os.makedirs(folder)
    for lang, text in (("zh", ZH), ("en", EN)):
        for k in range(2):
            paragraphs = "".join(f"<p>{text} {lang}{k}-{i}</p>" for i in range(6))
            html = (f"<html><head><title>Title {k} - Site {lang}</title></head><body><div>menu</div>"
                    f"<article>{paragraphs}</article><div>footer</div></body></html>")
            with open(os.path.join(folder, f"{lang}{k}.html"), "w", encoding="utf-8") as f:
                f.write(html)


def _digest(folder):
    h = hashlib.sha256()
    for root, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            if name != "manifest.json":
                with open(os.path.join(root, name), "rb") as f:
                    h.update(name.encode() + f.read())
    return h.hexdigest()


def test_corpus_is_seeded_and_plants_the_duplicates(tmp_path):
    pages = str(tmp_path / "pages")
    _pages(pages)
    one = corpus.build(pages, 60, str(tmp_path / "one"))
    two = corpus.build(pages, 60, str(tmp_path / "two"))
    assert _digest(tmp_path / "one") == _digest(tmp_path / "two")
    assert one["counts"]["exact"] == 3 and one["counts"]["near"] == 6 and one["counts"]["base"] == 51
    with open(tmp_path / "one" / "truth.jsonl") as f:
        truth = [json.loads(line) for line in f]
    docs = {}
    with open(tmp_path / "one" / "docs.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            docs[row["id"]] = row["html"]
    exact = [t for t in truth if t["kind"] == "exact"]
    assert exact and all(docs[t["id"]] == docs[t["src"]] for t in exact)
    assert len(os.listdir(tmp_path / "one" / "html")) == 60


def test_measure_counts_the_cpu_of_the_whole_process_tree(tmp_path):
    burn = "import time\nt=time.process_time()\nwhile time.process_time()-t<0.3: pass\n"
    child = f"import subprocess,sys; subprocess.run([sys.executable,'-c',{burn!r}]); exec({burn!r})"
    result = measure([sys.executable, "-c", child])
    assert result["rc"] == 0
    assert result["cpu_s"] >= 0.5  # the child's 0.3 s and the parent's 0.3 s
    assert result["max_procs"] >= 1 and result["peak_rss_single_mb"] > 0
    # each process's own peak, with its command line: the largest is the single peak
    procs = result["processes"]
    assert procs[0]["peak_rss_mb"] == result["peak_rss_single_mb"]
    assert [p["peak_rss_mb"] for p in procs] == sorted((p["peak_rss_mb"] for p in procs), reverse=True)
    assert any(p["cmd"].split(" -c ", 1)[-1].startswith("import subprocess") for p in procs)


def test_extraction_benchmark_times_the_prepass_through_the_products_step_timer(tmp_path):
    from pagewash.transforms import extract as ex
    from tools.bench import extract as bench_extract

    folder = str(tmp_path / "pages")
    _pages(folder)
    steps = []
    html = open(os.path.join(folder, "zh0.html"), encoding="utf-8").read()
    timed = ex.extract_article(html, None, ex.ExtractSettings(), on_step=lambda step, s: steps.append((step, s)))
    assert timed == ex.extract_article(html, None, ex.ExtractSettings())  # the timer changes nothing
    assert [step for step, _ in steps] == ["prepass"] and steps[0][1] >= 0
    result = bench_extract.run(bench_extract.list_pages(folder, None))
    assert result["docs"] == 4 and 0 <= result["prepass_s"] <= result["pagewash_s"]
    assert ex.clean_tree.__module__ == "pagewash.transforms.html_prepass"  # not replaced by the benchmark


def test_fixed_cost_counts_the_leaf_steps_under_each_top_level_label():
    import apache_beam as beam

    from pagewash.pipeline.options import IN_PROCESS_RUNNER
    from tools.bench.fixed import leaf_transforms_per_stage

    pipeline = beam.Pipeline(runner=IN_PROCESS_RUNNER)
    numbers = pipeline | "Numbers" >> beam.Create([1, 2, 3])  # Impulse, FlatMap, Map(decode), MaybeReshuffle
    _ = numbers | "Double" >> beam.Map(lambda x: 2 * x)
    _ = numbers | "Count" >> beam.Map(lambda x: (x % 2, 1)) | "Sum" >> beam.CombinePerKey(sum)
    per_stage = leaf_transforms_per_stage(pipeline.to_runner_api())
    assert per_stage["Double"] == 1 and per_stage["Count"] == 1
    assert per_stage["Sum"] >= 2  # its GroupByKey and its combining step
    assert per_stage["Numbers"] >= 3


def test_cores_busy_is_the_cpu_each_kind_used_per_interval():
    from tools.bench.fixed import cores_busy

    samples = [(0.5, {1: 0.5}), (1.0, {1: 1.0, 2: 0.0}), (1.5, {1: 1.0, 2: 0.5}), (2.0, {1: 1.0, 2: 1.0})]
    assert cores_busy(samples, {1: "runner", 2: "beam worker"}, 1.0) == [
        {"until_s": 1.0, "runner": 1.0}, {"until_s": 2.0, "beam worker": 1.0}]


def test_fast_path_calibration_records_both_paths_and_scores_the_tests(tmp_path):
    from tools.bench import fast_path

    _pages(str(tmp_path / "pages"))
    out = tmp_path / "rows.jsonl"
    assert fast_path.main(["--pages", str(tmp_path / "pages"), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 4
    for row in rows:
        assert row["fast_len"] > 250 and row["full_len"] > 250  # one article of six paragraphs
        assert row["p_text"] and row["n_p"] >= 1 and row["visible"] >= row["fast_len"]
    # a page the fast path loses, to see the tests told apart: only the share test sends it on
    lossy = dict(rows[0], same=False, f1=0.3, fast_len=400, visible=10_000, dense=600)
    lines = fast_path.analyse(rows[1:] + [lossy])
    table = {line[:42].strip(): line[42:].split() for line in lines[2:]}
    assert table["length<250"][1:3] == ["1", "1"]  # let through: one changed page, one lossy
    assert table["length or share<0.1"][1:3] == ["0", "0"]
