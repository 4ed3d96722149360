"""pagewash's flags reach only pagewash: no Beam option view reads one of them."""
from __future__ import annotations

import argparse

import apache_beam.runners.portability.flink_runner  # noqa: F401  (registers the runners' option classes)
import apache_beam.runners.portability.spark_runner  # noqa: F401
from apache_beam.options.pipeline_options import PipelineOptions, PortableOptions

from pagewash.pipeline.options import BEAM_DEFAULTS, PagewashOptions, parse_options


def _pagewash_flags():
    parser = argparse.ArgumentParser()
    PagewashOptions._add_argparse_args(parser)
    flags = []
    for number, action in enumerate(parser._actions):
        if not action.option_strings or action.option_strings[0] == "-h":
            continue
        flag = action.option_strings[0]
        if action.nargs == 0:
            flags.append(flag)
        else:
            flags += [flag, str(90000 + number) if action.type in (int, float) else f"/value/of{flag}"]
    return flags


def _option_classes(cls=PipelineOptions):
    for sub in cls.__subclasses__():
        yield sub
        yield from _option_classes(sub)


def test_no_beam_option_view_takes_a_pagewash_flag_for_its_own():
    # Beam's option views parse the flags with only their own options known and accept
    # abbreviations: --output once read as PortableOptions' --output_executable_path.
    # Every pagewash flag given, each with its own value; every Beam view must read what it reads
    # with no flags at all (the runner and BEAM_DEFAULTS aside, which parse_options fills in).
    options = parse_options(_pagewash_flags())
    leaks = []
    for cls in sorted(set(_option_classes()) - {PagewashOptions}, key=lambda c: c.__name__):
        view, default = options.view_as(cls), PipelineOptions([]).view_as(cls)
        leaks += [f"{cls.__name__}.{name} = {getattr(view, name)!r}" for name in view._visible_option_list()
                  if name != "runner" and name not in BEAM_DEFAULTS and getattr(view, name) != getattr(default, name)]
    assert leaks == []


def test_output_executable_path_is_set_only_by_its_own_flag():
    plain = parse_options(["--input", "in", "--output", "/data/out", "--runner=FlinkRunner"])
    assert plain.view_as(PortableOptions).output_executable_path is None
    assert plain.view_as(PagewashOptions).output == "/data/out"
    assert "output_executable_path" not in plain.get_all_options(drop_default=True)
    explicit = parse_options(["--input", "in", "--output", "/data/out", "--output_executable_path=/data/job.jar"])
    assert explicit.view_as(PortableOptions).output_executable_path == "/data/job.jar"


def test_beam_type_inference_is_off_and_not_listed_as_a_flag_given():
    from apache_beam.options.pipeline_options import TypeOptions

    from pagewash.pipeline.options import effective_settings

    for extra in ([], ["--no_pipeline_type_check"]):
        options = parse_options(["--input", "x", "--output", "y", *extra])
        assert options.view_as(TypeOptions).pipeline_type_check is False
        assert "pipeline_type_check" not in effective_settings(options)["beam_flags"]


def test_extraction_processes_follow_the_runner_unless_given():
    from pagewash.pipeline.assemble import extraction_processes

    def processes(*flags, cpus=2):
        return extraction_processes(parse_options(["--input", "in", "--output", "out", *flags]), cpus=cpus)

    assert processes() == 2  # the in-process runner's one worker: both cores extract
    assert processes("--direct_running_mode=multi_processing", "--direct_num_workers=2") == 1
    assert processes("--direct_running_mode=multi_processing", "--direct_num_workers=0") == 1  # one per core
    assert processes(cpus=8) == 2 and processes(cpus=1) == 1
    assert processes("--runner=FlinkRunner", "--flink_master=localhost:8081") == 1
    assert processes("--extract_processes", "3", "--direct_num_workers=2") == 3
