"""Which files an ``--input`` names, and opening them safely.

A spec is a file, a directory (read recursively) or a glob, on any Beam
filesystem.  Remote filesystems are listed with Beam's ``FileSystems.match``.
Local paths are walked here instead, because Beam's local listing (``os.walk``)
skips what it cannot read without a word: an unreadable directory, a dangling
symlink, a symlinked directory.  Here every path that is not read becomes a
:class:`SkippedPath` (an error record downstream), never silence:

- unreadable directories and files, dangling symlinks, symlink loops;
- anything that is not a regular file (FIFOs, sockets, devices: opening a FIFO
  blocks forever, ``/dev/zero`` never ends);
- a spec that matches nothing.

Symlinked directories are followed once; a directory reached a second time
(a loop, or two links to the same place) is skipped with a record.  The
output directory of the run is excluded when it lies under an input, so a
rerun never reads the previous run's shards or report.

File names that are not valid UTF-8 (``os.fsdecode`` gives lone surrogates)
keep their raw bytes for opening and a printable form for ids and messages.
"""
from __future__ import annotations

import os
import posixpath
import re
import stat
from typing import Iterator, List, NamedTuple, Optional, Tuple, Union

from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

# The characters that make a path a glob pattern (Beam's FileSystems.match).
GLOB_CHARS = re.compile(r"[*?\[]")


class InputFile(NamedTuple):
    root: str  # the directory ids are relative to (printable)
    path: str  # the file's full path (printable: undecodable name bytes replaced)
    size: int
    raw_path: Optional[bytes] = None  # the local path's bytes, when ``path`` is not its exact name


class SkippedPath(NamedTuple):
    """A path that was found (or named) but is not read, and why."""

    root: str
    path: str
    error_type: str  # NotRegularFile | UnreadablePath | DanglingSymlink | SymlinkLoop | DuplicateDirectory | NoMatch
    message: str
    is_dir: bool = False


Listed = Union[InputFile, SkippedPath]


def printable(path: str) -> str:
    """``path`` with undecodable name bytes (lone surrogates from ``os.fsdecode``) replaced."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "replace").decode("utf-8").replace("?", "\ufffd")


def is_local(path: str) -> bool:
    """True for paths of Beam's local filesystem (no scheme, or ``file://``)."""
    return "://" not in path or path.startswith("file://")


def _local(path: str) -> str:
    return path[len("file://"):] if path.startswith("file://") else path


def glob_root(pattern: str) -> str:
    """The directory part of a glob before its first wildcard."""
    match = GLOB_CHARS.search(pattern)
    head = pattern[: match.start()] if match else pattern
    return head.rsplit("/", 1)[0] if "/" in head else ""


def _under(path: str, output: Optional[str]) -> bool:
    """True for paths in the run's output directory or in its staging directories
    (``<parent>/.<name>.staging-*``, ``.<name>.replaced-*`` and ``<output>.staging-*``, see
    pipeline/staging.py): never input."""
    if not output:
        return False
    output = output.rstrip("/")
    if path == output or path.startswith(output + "/"):
        return True
    parent, _, name = output.rpartition("/")
    prefix = (parent + "/" if parent else "")
    return path.startswith((f"{output}.staging-", f"{prefix}.{name}.staging-", f"{prefix}.{name}.replaced-"))


def _input_file(root: str, path: str, size: int) -> InputFile:
    shown = printable(path)
    raw = os.fsencode(path) if shown != path else None
    return InputFile(printable(root), shown, size, raw)


def _skipped(root: str, path: str, error_type: str, message: str, is_dir: bool = False) -> SkippedPath:
    return SkippedPath(printable(root), printable(path), error_type, printable(message), is_dir)


def _classify(root: str, path: str) -> Listed:
    """A found local path -> an InputFile (a regular file) or why it is skipped."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return _skipped(root, path, "DanglingSymlink", f"symlink to {os.readlink(path)!r}, which does not exist")
        return _skipped(root, path, "UnreadablePath", "disappeared while listing")
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return _skipped(root, path, "SymlinkLoop", str(exc))
        return _skipped(root, path, "UnreadablePath", str(exc))
    if not stat.S_ISREG(info.st_mode):
        return _skipped(root, path, "NotRegularFile", f"not a regular file ({_kind(info.st_mode)})")
    return _input_file(root, path, info.st_size)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "directory")):
        if test(mode):
            return name
    return "special file"


def walk_local(root: str, exclude: Optional[str] = None) -> Iterator[Listed]:
    """Every file under local directory ``root``, sorted, with a record for each path not read.

    Symlinked directories are followed after every real directory (so a file
    is read under its real path when it has one); a directory already visited
    (by device and inode) is a ``SymlinkLoop`` record when it contains the
    link, else a ``DuplicateDirectory`` record.  ``exclude`` (the run's
    output directory) is not entered.
    """
    seen = set()
    stack: List[str] = [root]
    links: List[str] = []
    while stack or links:
        directory = stack.pop() if stack else links.pop(0)
        try:
            info = os.stat(directory)
        except OSError as exc:
            yield _skipped(root, directory, "UnreadablePath", str(exc), True)
            continue
        if (info.st_dev, info.st_ino) in seen:
            target, parent = os.path.realpath(directory), os.path.realpath(os.path.dirname(directory))
            if parent == target or parent.startswith(target.rstrip("/") + "/"):
                yield _skipped(root, directory, "SymlinkLoop", f"symlink to {target}, which contains it", True)
            else:
                yield _skipped(root, directory, "DuplicateDirectory",
                               f"symlink to {target}, already read under another path", True)
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            with os.scandir(directory) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as exc:
            yield _skipped(root, directory, "UnreadablePath", f"cannot list directory: {exc}", True)
            continue
        subdirs = []
        for name in names:
            path = directory.rstrip("/") + "/" + name
            if exclude and _under(os.path.abspath(path), exclude):
                continue
            try:
                is_dir = os.path.isdir(path)  # follows symlinks; False for dangling ones
            except OSError:
                is_dir = False
            if is_dir:
                (links if os.path.islink(path) else subdirs).append(path)
            else:
                yield _classify(root, path)
        stack.extend(reversed(subdirs))  # depth first, in name order


def _match_remote(pattern: str) -> List[Tuple[str, int]]:
    result = FileSystems.match([pattern])[0]
    return sorted((m.path, m.size_in_bytes) for m in result.metadata_list if not m.path.endswith("/"))


def expand_input(spec: str, exclude: Optional[str] = None) -> List[Listed]:
    """The files an ``--input`` value names: a file, a directory (recursively) or a glob.

    ``exclude`` is the run's output directory: nothing under it is listed.
    A spec matching nothing gives one ``NoMatch`` record.
    """
    found = _expand(spec, exclude)
    if not found:
        return [_skipped(spec, spec, "NoMatch", "the input matches no file")]
    return found


def _expand(spec: str, exclude: Optional[str]) -> List[Listed]:
    if is_local(spec):
        path = _local(spec)
        local_exclude = os.path.abspath(_local(exclude)) if exclude and is_local(exclude) else None
        if GLOB_CHARS.search(path):
            return _glob_local(path, local_exclude)
        if os.path.isdir(path):
            return list(walk_local(path.rstrip("/") or "/", local_exclude))
        if os.path.lexists(path):
            return [_classify(path.rsplit("/", 1)[0] if "/" in path else "", path)]
        return []
    if GLOB_CHARS.search(spec):
        root = glob_root(spec)
        return [InputFile(root, p, size) for p, size in _match_remote(spec) if not _under(p, exclude)]
    exact = [(p, size) for p, size in _match_remote(spec) if p.rstrip("/") == spec.rstrip("/")]
    if exact:
        root = spec.rsplit("/", 1)[0] if "/" in spec else ""
        return [InputFile(root, p, size) for p, size in exact]
    root = spec.rstrip("/")
    return [InputFile(root, p, size) for p, size in _match_remote(root + "/**") if not _under(p, exclude)]


def _glob_local(pattern: str, exclude: Optional[str]) -> List[Listed]:
    """A local glob with Beam's rules (``*`` within a path segment, ``**`` across segments).

    The directory before the first wildcard is walked; files are kept when they
    match, skipped directories are reported whatever their name (they may hold
    matches).
    """
    from apache_beam.io.filesystem import FileSystem

    root = glob_root(pattern)
    base = root or "."
    if not os.path.isdir(base):
        return []
    regex = re.compile(FileSystem.translate_pattern(pattern))
    out: List[Listed] = []
    for item in walk_local(base, exclude):
        path = item.path[2:] if not root and item.path.startswith("./") else item.path
        if isinstance(item, SkippedPath) and item.is_dir:
            out.append(item._replace(root=root, path=path))
        elif regex.match(path):
            out.append(item._replace(root=root, path=path))
    return out


def relative_id(root: str, path: str) -> str:
    """The id of a file: its path relative to the input root it was found under."""
    root = root.rstrip("/")
    if root and path.startswith(root + "/"):
        return path[len(root) + 1:]
    return posixpath.basename(path)


def open_input(file: InputFile):
    """A binary stream of ``file``; local files are opened only if they are regular files.

    Local files are opened non-blocking (a FIFO put in place of the listed
    file must not block) and checked with ``fstat`` on the open descriptor.
    """
    if not is_local(file.path):
        return FileSystems.open(file.path, compression_type=CompressionTypes.UNCOMPRESSED)
    target = file.raw_path if file.raw_path is not None else _local(file.path)
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"not a regular file ({_kind(mode)})")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb", buffering=1 << 16)
    except BaseException:
        os.close(fd)
        raise


class NotRegularFile(OSError):
    """A path that is a FIFO, socket or device, not a file."""
