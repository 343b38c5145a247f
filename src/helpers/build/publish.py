"""Publish a report's outputs all or nothing, under a lock per year and scope.

A build's files (HTML, PDF, CSVs and any later format) are first gathered in a new version folder
``<out_dir>/.versions/<name>-<UTC time>-<random>/``; then the stable entry ``<out_dir>/<name>``, a relative
symlink, is switched to it by one atomic rename. A reader thus sees the previous set or the new one, never a
mix, and a build that fails before the switch leaves the published set untouched. Where symlinks are not
available (Windows, some network drives), the entry is a real folder swapped by two renames (``_swap_folders``).

``build_lock`` keeps two builds of the same report from running at once (``<out_dir>/.verrous/<name>.lock``):
the second one stops at once with a French message. ``publish`` relies on it: call it while holding the lock.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import socket
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)

VERSIONS = ".versions"  # the version folders, one per publication of a report
LOCKS = ".verrous"  # the lock files, one per report name, and who holds them
_STAMP = r"\d{8}T\d{6}\.\d{6}Z"  # UTC time, to the microsecond
_TOKEN = r"[0-9a-f]{8}"


class BuildBusy(Exception):
    """Another build holds the lock of a year and scope; str(err) is one French line."""

    def __init__(self, message: str, name: str = "", lock: Path | None = None, pid: int | None = None) -> None:
        super().__init__(message, name, lock, pid)  # all in args, so that it pickles (multiprocessing)
        self.name = name
        self.lock = lock
        self.pid = pid

    def __str__(self) -> str:
        return str(self.args[0])


def _check_name(name: str) -> None:
    """Refuse a report name that is not a plain file name (it would escape ``out_dir``)."""
    if not name or name in {".", ".."} or name.startswith(".") or "/" in name or "\\" in name:
        raise ValueError(f"not a report name: {name!r}")


def _shown(path: Path) -> str:
    """A path as the analyst reads it: relative to the current folder when under it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(absolute)


# --- lock -------------------------------------------------------------------------------------------------------


def _info_path(lock: Path) -> Path:
    """The text file beside a lock that says who holds it (pid, start time, machine)."""
    return lock.with_suffix(".info")


def _write_info(lock: Path) -> None:
    """Record the holder of a lock; written whole then renamed, so a reader never sees half of it."""
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    text = f"pid={os.getpid()}\ndébut={started}\nmachine={socket.gethostname()}\n"
    partial = lock.with_name(f"{lock.name}.{secrets.token_hex(4)}.tmp")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, _info_path(lock))
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _remove_info(lock: Path) -> None:
    """Forget the holder of a lock (while still holding it, so that no newer holder's record is removed)."""
    try:
        _info_path(lock).unlink()
    except FileNotFoundError:
        pass


def _read_info(lock: Path) -> dict[str, str]:
    """Who holds a lock, as recorded beside it (empty when unknown or unreadable)."""
    try:
        text = _info_path(lock).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def _busy(name: str, lock: Path) -> BuildBusy:
    """The error for a lock held elsewhere, naming the holder when it is recorded."""
    info = _read_info(lock)
    pid = int(info["pid"]) if info.get("pid", "").isdigit() else None
    holder = []
    if pid is not None:
        machine = info.get("machine", "")
        where = f" sur la machine {machine}" if machine and machine != socket.gethostname() else ""
        holder.append(f"processus {pid}{where}")
    if info.get("début"):
        try:
            started = datetime.fromisoformat(info["début"])
            holder.append(f"lancé le {started:%d/%m/%Y à %H:%M:%S}")
        except ValueError:
            pass
    details = ", ".join([*holder, f"verrou {_shown(lock)}"])
    message = (f"Un autre rendu de {name} est en cours ({details}) : "
               "attendre qu'il se termine, puis relancer.")
    return BuildBusy(message, name, lock, pid)


@contextmanager
def build_lock(out_dir: Path, names: list[str]) -> Iterator[None]:
    """Hold the lock of every report name (e.g. "rapport-2022-ate") for the time of a build.

    Raises BuildBusy at once if another process (or another ``build_lock`` in this one) holds one of them.
    The locks are taken in sorted order (two builds sharing names cannot deadlock) and released on exit, also on
    an exception. They are operating-system locks (``flock``/``LockFileEx``): the system frees those of a killed build.
    The holder's pid and start time are written beside the lock (``<name>.info``) rather than into it: on
    Windows the locked file cannot be read by others, and filelock's hook for writing into it turns off its
    fallback for file systems without ``flock``.
    """
    for name in names:
        _check_name(name)
    folder = Path(out_dir) / LOCKS
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        for name in sorted(set(names)):
            path = folder / f"{name}.lock"
            lock = FileLock(path, timeout=0)
            try:
                lock.acquire(blocking=False)
            except Timeout:
                raise _busy(name, path) from None
            stack.callback(lock.release)
            stack.callback(_remove_info, path)  # runs before the release (last in, first out)
            _write_info(path)
        yield


# --- publication ------------------------------------------------------------------------------------------------


def _is_version_of(entry: str, name: str) -> bool:
    """Whether a name under ``.versions`` (a version or a folder moved aside) belongs to report ``name``.

    Matched in full, so that ``rapport-2022-ate`` never claims the versions of ``rapport-2022-ate-nord``.
    """
    quoted = re.escape(name)
    return bool(re.fullmatch(rf"{quoted}-{_STAMP}-{_TOKEN}|\.{quoted}-ancien-{_TOKEN}", entry))


def _is_temporary_link_of(entry: str, name: str) -> bool:
    """Whether a name in ``out_dir`` is a temporary link of report ``name`` (left by a killed build)."""
    return bool(re.fullmatch(rf"\.{re.escape(name)}\.lien-{_TOKEN}", entry))


def _remove(path: Path) -> None:
    """Remove a file, a symlink (not what it points to) or a folder; nothing when absent."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path)


def _fsync(path: Path, directory: bool = False) -> None:
    """Flush a file, or a folder's entries, to disk (best effort: not every system can open a folder)."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _same_device(source: Path, folder: Path) -> bool:
    """Whether a file is on the file system of a folder (then a rename can move it there)."""
    return os.stat(source).st_dev == os.stat(folder).st_dev


def _gather(files: dict[str, Path], version: Path) -> None:
    """Move every file into the version folder (os.replace on the same file system, else a copy)."""
    for source in files.values():
        target = version / source.name
        if _same_device(source, version):
            os.replace(source, target)
        else:  # another file system: the source stays for its owner to clean up
            shutil.copy2(source, target)
        _fsync(target)
    _fsync(version, directory=True)


def _new_link(entry: Path, version: Path, name: str) -> Path | None:
    """A temporary relative symlink beside ``entry`` to ``version``, or None where symlinks are not available.

    None on Windows (creating one needs a privilege) and where the file system refuses them (some mounted or
    network drives): the folders are then swapped instead (``_swap_folders``).
    """
    if os.name == "nt":
        return None
    link = entry.with_name(f".{name}.lien-{secrets.token_hex(4)}")
    try:
        os.symlink(Path(VERSIONS) / version.name, link, target_is_directory=True)
    except OSError:
        return None
    return link


def _move_aside(entry: Path, versions: Path, name: str) -> Path:
    """Rename the stable entry out of the way (into ``.versions``, under a name that ``_clean`` recognises)."""
    aside = versions / f".{name}-ancien-{secrets.token_hex(4)}"
    os.replace(entry, aside)
    return aside


def _switch_link(entry: Path, link: Path, versions: Path, name: str) -> Path | None:
    """Rename the new ``link`` over the symlink ``entry`` (one atomic rename); return what was moved aside, if any."""
    aside = None
    try:
        if os.path.lexists(entry) and not entry.is_symlink():
            # A real folder or file (older layout, or a build without symlinks): a rename cannot put a link over
            # a folder, so it is moved aside first, which leaves a short window without the entry, once.
            aside = _move_aside(entry, versions, name)
        os.replace(link, entry)  # the switch: one atomic rename, readers see the old set or the new one
    except BaseException:
        link.unlink(missing_ok=True)
        if aside is not None and not os.path.lexists(entry):
            os.replace(aside, entry)
        raise
    return aside


def _swap_folders(entry: Path, version: Path, name: str) -> Path | None:
    """Without symlinks: rename the old entry aside, then the version folder to ``entry``; return the old one.

    Between the two renames (a few microseconds) ``entry`` does not exist: a reader opening a file then gets
    "not found", never a file of the other set. If the second rename fails, the old entry is put back.
    """
    aside = _move_aside(entry, version.parent, name) if os.path.lexists(entry) else None
    try:
        os.replace(version, entry)
    except BaseException:
        if aside is not None and not os.path.lexists(entry):
            os.replace(aside, entry)
        raise
    return aside


def _clean(out_dir: Path, name: str, keep: Path | None, aside: Path | None, file_names: list[str]) -> None:
    """After a switch, remove what ``name`` no longer needs (best effort: a failure is logged, not raised).

    That is: the previous set moved aside, the versions of ``name`` other than ``keep`` (also those left by a
    killed build), its temporary links, and its outputs written directly in ``out_dir`` by the layout before
    this module (same file names). Nothing of another report name is touched.
    """
    doomed = [aside] if aside is not None else []
    versions = out_dir / VERSIONS
    doomed += [path for path in versions.iterdir() if path != keep and _is_version_of(path.name, name)]
    doomed += [path for path in out_dir.iterdir() if _is_temporary_link_of(path.name, name)]
    doomed += [out_dir / file_name for file_name in file_names
               if (out_dir / file_name).is_file() and not (out_dir / file_name).is_symlink()]
    for path in doomed:
        try:
            _remove(path)
        except OSError as err:
            log.warning("%s : ancienne version non supprimée (%s)", path, err)


def publish(files: dict[str, Path], out_dir: Path, name: str) -> dict[str, Path]:
    """Publish one report's files together: returns {kind: final path} under out_dir/name/.

    ``files`` maps a kind ("html", "pdf", "csv"...) to a file already written, best on the file system of
    ``out_dir`` (it is then moved; else copied and left in place). The previous set of ``name`` is replaced as a
    whole: a kind absent from ``files`` is no longer published. If gathering the files or the switch fails,
    the new version folder is removed, the published set is unchanged and the error is raised again. Older
    outputs of the same file names lying directly in ``out_dir`` (the previous layout) are removed once the new
    set is published. Call it while holding ``build_lock`` for ``name``: two publications of one name at once
    could remove each other's version folder.
    """
    _check_name(name)
    out_dir = Path(out_dir)
    sources = {kind: Path(path) for kind, path in files.items()}
    file_names = [path.name for path in sources.values()]
    if not sources:
        raise ValueError(f"no files to publish for {name}")
    if len(set(file_names)) != len(file_names):
        raise ValueError(f"two files of {name} have the same name: {file_names}")
    entry = out_dir / name
    versions = out_dir / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    version = versions / f"{name}-{stamp}-{secrets.token_hex(4)}"
    version.mkdir()
    try:
        _gather(sources, version)
        link = _new_link(entry, version, name)
        if link is not None:
            aside, keep = _switch_link(entry, link, versions, name), version
        else:
            aside, keep = _swap_folders(entry, version, name), None  # the version folder is now the entry
    except BaseException:
        shutil.rmtree(version, ignore_errors=True)  # the partial new set; the published one is untouched
        raise
    _clean(out_dir, name, keep, aside, file_names)
    return {kind: entry / path.name for kind, path in sources.items()}


def current_files(out_dir: Path, name: str) -> list[Path]:
    """The files of the published set of ``name`` (sorted, through the stable entry), empty when none.

    A reader that must not mix two sets across a concurrent publication resolves ``out_dir/name`` once
    (``Path.resolve``) and reads from there: a version folder is never changed, only removed.
    """
    _check_name(name)
    entry = Path(out_dir) / name
    if not entry.is_dir():  # absent, or a link whose version was removed
        return []
    return sorted(path for path in entry.iterdir() if path.is_file())
