"""The cluster test's own parts, without a cluster: generated corpus, output comparison,
Flink configuration, job-server launcher jar, process handling."""
from __future__ import annotations

import gzip
import json
import pathlib
import sys
import time
import zipfile

import pytest
import yaml

from tools.cluster.compare import COMPARED, differences
from tools.cluster.corpus import write_corpus
from tools.cluster.flink import cluster_config, flatten
from tools.cluster.install import classpath_pom, manifest, write_launcher_jar
from tools.cluster.processes import LOOPBACK, ProcessSet, free_port, free_ports


def _files(root: pathlib.Path):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_corpus_is_deterministic_and_counts_every_record(tmp_path):
    first = write_corpus(tmp_path / "a", articles=24, text_records=12)
    second = write_corpus(tmp_path / "b", articles=24, text_records=12)
    assert first == second
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    files = _files(tmp_path / "a")
    html = [name for name in files if name.endswith(".html")]
    lines = files["jsonl/pages.jsonl"].decode("utf-8").splitlines()
    assert len(html) == first["html"] + first["exact_copies"] + first["near_copies"]
    assert len(lines) == first["text_records"]
    assert all(json.loads(line)["text"] for line in lines)
    assert gzip.decompress(files["warc/crawl.warc.gz"]).count(b"WARC-Type: response") == first["warc_records"]
    assert first["records"] == len(html) + len(lines) + first["warc_records"]


def test_generated_corpus_plants_exact_and_near_copies(tmp_path):
    counts = write_corpus(tmp_path, articles=24, text_records=0)
    assert counts["exact_copies"] > 0 and counts["near_copies"] > 0
    originals = {p.name: p.read_bytes() for p in (tmp_path / "html").rglob("*.html")}
    for copy in (tmp_path / "mirror").iterdir():
        assert copy.read_bytes() == originals[copy.name]
    for edited in (tmp_path / "edited").iterdir():
        assert edited.read_bytes() != originals[edited.name]


def test_generated_corpus_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(ValueError):
        write_corpus(tmp_path, articles=2, text_records=0)


def _output(root: pathlib.Path, content: bytes = b"x") -> pathlib.Path:
    for folder in COMPARED:
        (root / folder).mkdir(parents=True)
        (root / folder / "part-00000-of-00001").write_bytes(content)
    (root / "report.json").write_text("{}")
    return root


def test_differences_compare_the_five_folders_byte_for_byte(tmp_path):
    expected = _output(tmp_path / "expected")
    same = _output(tmp_path / "same")
    (same / "report.json").write_text('{"wall_seconds": 3}')  # not compared: differs by design
    assert differences(expected, same) == []
    changed = _output(tmp_path / "changed")
    (changed / "parquet" / "part-00000-of-00001").write_bytes(b"y")
    assert differences(expected, changed) == ["parquet/part-00000-of-00001: bytes differ"]
    (changed / "clean" / "part-00001-of-00001").write_bytes(b"x")
    assert "clean/part-00001-of-00001: unexpected" in differences(expected, changed)
    assert "errors/part-00000-of-00001: missing" in differences(expected, tmp_path / "nothing")


def test_differences_never_pass_when_the_reference_is_empty(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert len(differences(tmp_path / "a", tmp_path / "b")) == len(COMPARED)


def test_cluster_config_puts_every_address_on_loopback_and_every_folder_in_the_run(tmp_path):
    base = {"env": {"java": {"opts": {"all": "--add-opens=java.base/java.lang=ALL-UNNAMED"}}},
            "jobmanager": {"bind-host": "localhost", "rpc": {"address": "localhost", "port": 6123}},
            "taskmanager": {"bind-host": "localhost", "host": "localhost", "numberOfTaskSlots": 1},
            "rest": {"address": "localhost", "bind-address": "localhost"}}
    assert flatten(base)["jobmanager.rpc.port"] == 6123
    config = cluster_config(base, tmp_path, {"rest": 18081, "rpc": 16123, "blob": 16124}, 2, "1024m", "2048m")
    for key in ("jobmanager.bind-host", "jobmanager.rpc.address", "rest.address", "rest.bind-address",
                "taskmanager.bind-host", "taskmanager.host"):
        assert config[key] == LOOPBACK
    assert (config["rest.port"], config["jobmanager.rpc.port"], config["blob.server.port"]) == (18081, 16123, "16124")
    assert config["taskmanager.numberOfTaskSlots"] == 2
    assert config["env.java.opts.all"].startswith("--add-opens")  # the distribution's Java 17 flags stay
    for key in ("env.pid.dir", "env.log.dir", "io.tmp.dirs", "web.tmpdir"):
        assert config[key].startswith(str(tmp_path))
    assert yaml.safe_load(yaml.safe_dump(config)) == config


def test_launcher_jar_manifest_names_the_main_class_and_every_jar(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    names = [f"beam-runners-some-module-with-a-long-name-{i}-2.62.0.jar" for i in range(30)]
    for name in names:
        (lib / name).write_bytes(b"PK")
    jar = tmp_path / "launcher.jar"
    write_launcher_jar(jar, "org.apache.beam.runners.flink.FlinkJobServerDriver", lib)
    raw = zipfile.ZipFile(jar).read("META-INF/MANIFEST.MF")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 72 for line in lines)
    unfolded = b"".join(line[1:] if line.startswith(b" ") else b"\n" + line for line in lines).decode()
    headers = dict(line.split(": ", 1) for line in unfolded.strip().splitlines())
    assert headers["Main-Class"] == "org.apache.beam.runners.flink.FlinkJobServerDriver"
    assert headers["Class-Path"].split(" ") == [f"lib/{name}" for name in sorted(names)]
    assert manifest("M", ["a.jar"]).endswith(b"\r\n\r\n")


def test_classpath_pom_lists_the_artifacts():
    pom = classpath_pom(["org.apache.beam:beam-runners-flink-1.19:2.62.0", "org.slf4j:slf4j-jdk14:1.7.30"])
    assert "<artifactId>beam-runners-flink-1.19</artifactId><version>2.62.0</version>" in pom
    assert "<groupId>org.slf4j</groupId>" in pom


def test_free_ports_are_distinct_and_bindable_on_loopback():
    ports = free_ports(3)
    assert len(set(ports)) == 3
    assert free_port(ports[0]) == ports[0]


def test_process_set_stops_a_process_and_the_children_it_started(tmp_path):
    processes = ProcessSet()
    script = "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)']); " \
             "print('up', flush=True); time.sleep(120)"
    log = open(tmp_path / "log", "wb")
    started = processes.start("sleeper", [sys.executable, "-c", script], {}, log)
    for _ in range(100):
        if (tmp_path / "log").read_bytes().startswith(b"up"):
            break
        time.sleep(0.1)
    assert started.group_alive()
    assert processes.stop_all() == []
    assert not started.group_alive()
