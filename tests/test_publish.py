"""All-or-nothing publication of a report's outputs, and the build lock (``helpers.build.publish``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers.build import publish as publish_module
from helpers.build.publish import BuildBusy, build_lock, current_files, publish

NAME = "rapport-2022-ate"
KINDS = {"html": f"{NAME}.html", "pdf": f"{NAME}.pdf", "csv": "indicateurs-2022-ate.csv"}
posix_only = pytest.mark.skipif(os.name == "nt", reason="the stable entry is a symlink on POSIX only")


def staged(root: Path, tag: str, kinds: tuple[str, ...] = ("html", "pdf", "csv")) -> dict[str, Path]:
    """A build's outputs written in a staging folder of ``root``, each file's bytes naming its kind and ``tag``."""
    stage = root / f"stage-{tag}"
    stage.mkdir(parents=True, exist_ok=True)
    files = {}
    for kind in kinds:
        path = stage / KINDS[kind]
        path.write_bytes(f"{kind} {tag}\n".encode())
        files[kind] = path
    return files


def contents(out: Path, name: str = NAME) -> dict[str, bytes]:
    """The published set of ``name``: file name -> bytes."""
    return {path.name: path.read_bytes() for path in current_files(out, name)}


def names_under(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()} if folder.is_dir() else set()


# --- publish ----------------------------------------------------------------------------------------------------


def test_publish_writes_every_file_under_the_stable_entry(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    files = staged(tmp_path, "v1")
    expected = {kind: path.read_bytes() for kind, path in files.items()}
    result = publish(files, out, NAME)
    assert result == {kind: out / NAME / file_name for kind, file_name in KINDS.items()}
    assert {kind: path.read_bytes() for kind, path in result.items()} == expected
    assert current_files(out, NAME) == sorted(result.values())
    assert not any(path.exists() for path in files.values())  # same file system: moved, not copied
    assert names_under(out) == {NAME, ".versions"}  # no temporary link or folder left


@posix_only
def test_the_stable_entry_is_a_relative_link_to_a_version_folder(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    publish(staged(tmp_path, "v1"), out, NAME)
    entry = out / NAME
    assert entry.is_symlink()
    target = Path(os.readlink(entry))
    assert not target.is_absolute() and target.parts[0] == ".versions"
    assert re.fullmatch(rf"{NAME}-\d{{8}}T\d{{6}}\.\d{{6}}Z-[0-9a-f]{{8}}", target.name)
    assert entry.resolve() == (out / target).resolve()


def test_a_second_publish_replaces_the_whole_set(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    publish(staged(tmp_path, "v1"), out, NAME)
    first = (out / NAME).resolve()
    result = publish(staged(tmp_path, "v2", ("html", "pdf")), out, NAME)
    assert contents(out) == {KINDS["html"]: b"html v2\n", KINDS["pdf"]: b"pdf v2\n"}
    assert not (out / NAME / KINDS["csv"]).exists()  # absent from the second set: no longer published
    assert set(result) == {"html", "pdf"}
    if os.name != "nt":
        assert not first.exists()  # the previous version folder is removed
        assert names_under(out / ".versions") == {(out / NAME).resolve().name}


def test_a_failed_move_leaves_the_previous_set_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "rapport"
    publish(staged(tmp_path, "v1"), out, NAME)
    before, version_before = contents(out), names_under(out / ".versions")
    real_replace, calls = os.replace, []

    def failing_second_move(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_second_move)
    with pytest.raises(OSError, match="No space left"):
        publish(staged(tmp_path, "v2"), out, NAME)
    monkeypatch.undo()
    assert len(calls) == 2  # stopped at the second file: the switch was never attempted
    assert contents(out) == before == {name: f"{kind} v1\n".encode() for kind, name in KINDS.items()}
    assert names_under(out / ".versions") == version_before  # no partial version folder left
    assert names_under(out) == {NAME, ".versions"}


def test_a_failed_copy_from_another_file_system_leaves_the_previous_set(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "rapport"
    publish(staged(tmp_path, "v1"), out, NAME)
    before, version_before = contents(out), names_under(out / ".versions")
    monkeypatch.setattr(publish_module, "_same_device", lambda source, folder: False)
    real_copy, copied = publish_module.shutil.copy2, []

    def failing_second_copy(src: Path, dst: Path) -> None:
        copied.append(dst)
        if len(copied) == 2:
            raise OSError(5, "Input/output error")
        real_copy(src, dst)

    monkeypatch.setattr(publish_module.shutil, "copy2", failing_second_copy)
    files = staged(tmp_path, "v2")
    with pytest.raises(OSError, match="Input/output"):
        publish(files, out, NAME)
    monkeypatch.setattr(publish_module.shutil, "copy2", real_copy)
    assert contents(out) == before
    assert names_under(out / ".versions") == version_before
    publish(files, out, NAME)  # copied this time: the sources stay where they were
    assert contents(out) == {name: f"{kind} v2\n".encode() for kind, name in KINDS.items()}
    assert all(path.is_file() for path in files.values())


@posix_only
def test_the_switch_is_one_rename_of_the_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "rapport"
    entry = out / NAME
    publish(staged(tmp_path, "v1"), out, NAME)
    real_replace, calls = os.replace, []

    def recording(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        src, dst = Path(src), Path(dst)
        calls.append((src, dst))
        if dst == entry:  # at the switch: the old set is still whole, the new link points at a whole set
            assert contents(out) == {name: f"{kind} v1\n".encode() for kind, name in KINDS.items()}
            assert src.is_symlink() and src.parent == out and src.name.startswith(f".{NAME}.lien-")
            assert names_under(src.resolve()) == set(KINDS.values())
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", recording)
    publish(staged(tmp_path, "v2"), out, NAME)
    monkeypatch.undo()
    moves, switch = calls[:-1], calls[-1]
    assert [dst.name for _, dst in moves] == list(KINDS.values())  # the files first, into the version folder
    assert {dst.parent for _, dst in moves} == {entry.resolve()}
    assert switch[1] == entry and [dst for _, dst in calls].count(entry) == 1  # then one rename: the switch
    assert contents(out) == {name: f"{kind} v2\n".encode() for kind, name in KINDS.items()}


@posix_only
def test_a_failed_switch_leaves_the_previous_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "rapport"
    publish(staged(tmp_path, "v1"), out, NAME)
    before, version_before = contents(out), names_under(out / ".versions")
    real_replace = os.replace

    def failing_switch(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        if Path(dst) == out / NAME:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_switch)
    with pytest.raises(OSError, match="Input/output"):
        publish(staged(tmp_path, "v2"), out, NAME)
    monkeypatch.undo()
    assert contents(out) == before
    assert names_under(out / ".versions") == version_before
    assert names_under(out) == {NAME, ".versions"}  # the temporary link is gone too


@posix_only
def test_a_reader_never_sees_a_mix_of_two_sets(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    entry = out / NAME
    publish(staged(tmp_path, "v0"), out, NAME)
    done, seen, problems = threading.Event(), [], []

    def read() -> None:
        while not done.is_set():
            if not os.path.lexists(entry):
                problems.append("the stable entry is missing")
            folder = entry.resolve()  # resolved once, as a reader that wants one set does
            try:
                names = names_under(folder)
                tags = {(folder / name).read_text().split()[1] for name in names}
            except FileNotFoundError:  # that set was replaced and removed meanwhile: gone, not mixed
                continue
            if len(tags) > 1:
                problems.append(f"a mix of sets: {tags}")
            # Still the published set after the reading, so it was published throughout: it must be whole.
            if entry.resolve() == folder and names != set(KINDS.values()):
                problems.append(f"an incomplete set: {names}")
            seen.append(tags)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for number in range(1, 31):
            publish(staged(tmp_path, f"v{number}"), out, NAME)
    finally:
        done.set()
        reader.join()
    assert not problems
    assert seen  # the reader did read
    assert contents(out)[KINDS["html"]] == b"html v30\n"


@pytest.mark.parametrize("old", ["folder", "file"])
def test_an_older_layout_is_replaced(tmp_path: Path, old: str) -> None:
    out = tmp_path / "rapport"
    out.mkdir()
    if old == "folder":
        (out / NAME).mkdir()
        (out / NAME / "ancien.html").write_text("ancien")
    else:
        (out / NAME).write_text("ancien")
    (out / KINDS["html"]).write_text("ancien rendu à plat")  # the outputs were written directly in out_dir
    (out / "rapport-2022-autre.html").write_text("un autre rapport")
    publish(staged(tmp_path, "v1"), out, NAME)
    assert contents(out) == {name: f"{kind} v1\n".encode() for kind, name in KINDS.items()}
    assert (out / NAME).is_symlink() == (os.name != "nt")
    assert not (out / KINDS["html"]).exists()
    assert (out / "rapport-2022-autre.html").read_text() == "un autre rapport"
    assert len(names_under(out / ".versions")) == (0 if os.name == "nt" else 1)  # nothing left aside


def test_only_the_versions_of_that_name_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    other = f"{NAME}-nord"  # a name that starts with NAME
    publish(staged(tmp_path / "nord", "n1"), out, other)
    versions = out / ".versions"
    killed = [versions / f"{NAME}-20200101T000000.000000Z-deadbeef", versions / f".{NAME}-ancien-0badc0de"]
    for folder in killed:  # left by a killed build
        folder.mkdir()
        (folder / "partiel.html").write_text("partiel")
    kept = [versions / f"{other}-20200101T000000.000000Z-deadbeef", versions / "notes-personnelles"]
    for folder in kept:
        folder.mkdir()
    if os.name != "nt":
        os.symlink(".versions", out / f".{NAME}.lien-0badc0de")
    publish(staged(tmp_path, "v1"), out, NAME)
    publish(staged(tmp_path, "v2"), out, NAME)
    assert not any(os.path.lexists(path) for path in killed)
    assert not os.path.lexists(out / f".{NAME}.lien-0badc0de")
    assert all(path.is_dir() for path in kept)
    assert contents(out, other) == {name: f"{kind} n1\n".encode() for kind, name in KINDS.items()}
    assert contents(out)[KINDS["pdf"]] == b"pdf v2\n"


def test_without_symlinks_the_folders_are_swapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "rapport"
    publish(staged(tmp_path, "v1"), out, NAME)  # a symlink on POSIX: the fallback replaces it too

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")  # Windows without the privilege, some network drives

    monkeypatch.setattr(os, "symlink", refused)
    publish(staged(tmp_path, "v2"), out, NAME)
    assert (out / NAME).is_dir() and not (out / NAME).is_symlink()
    assert contents(out) == {name: f"{kind} v2\n".encode() for kind, name in KINDS.items()}
    assert names_under(out / ".versions") == set()
    real_replace = os.replace

    def failing_swap(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        if Path(dst) == out / NAME and Path(src).name.startswith(NAME):  # the new version folder, not the old one
            raise PermissionError(13, "Permission denied")  # e.g. a file of the new set open elsewhere
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_swap)
    with pytest.raises(PermissionError):
        publish(staged(tmp_path, "v3"), out, NAME)
    monkeypatch.setattr(os, "replace", real_replace)
    assert contents(out) == {name: f"{kind} v2\n".encode() for kind, name in KINDS.items()}  # put back
    assert names_under(out / ".versions") == set()


def test_current_files_is_empty_when_nothing_is_published(tmp_path: Path) -> None:
    assert current_files(tmp_path / "rapport", NAME) == []


def test_publish_refuses_bad_input(tmp_path: Path) -> None:
    files = staged(tmp_path, "v1")
    with pytest.raises(ValueError):
        publish({"html": files["html"], "copie": files["html"]}, tmp_path / "rapport", NAME)
    with pytest.raises(ValueError):
        publish(files, tmp_path / "rapport", "../ailleurs")
    with pytest.raises(ValueError):
        publish({}, tmp_path / "rapport", NAME)
    assert all(path.is_file() for path in files.values())


# --- build_lock -------------------------------------------------------------------------------------------------

TRY = """
import sys
from pathlib import Path
from helpers.build.publish import BuildBusy, build_lock
try:
    with build_lock(Path(sys.argv[1]), sys.argv[2:]):
        print("acquis")
except BuildBusy as err:
    print(err)
    sys.exit(3)
"""

HOLD = """
import sys
from pathlib import Path
from helpers.build.publish import build_lock
with build_lock(Path(sys.argv[1]), sys.argv[2:]):
    print("tenu", flush=True)
    sys.stdin.read()
"""

BUSY = re.compile(r"Un autre rendu de (?P<name>[\w-]+) est en cours \((?:processus (?P<pid>\d+), "
                  r"lancé le \d\d/\d\d/\d{4} à \d\d:\d\d:\d\d, )?verrou (?P<lock>\S+)\) : "
                  r"attendre qu'il se termine, puis relancer\.")


def try_in_child(root: Path, names: list[str]) -> subprocess.CompletedProcess[str]:
    """Try build_lock in another process (filelock only excludes other holders, not the same one)."""
    return subprocess.run([sys.executable, "-c", TRY, "rapport", *names], cwd=root, capture_output=True, text=True,
                          timeout=60, check=False)


@contextmanager
def held_in_child(root: Path, names: list[str]) -> Iterator[subprocess.Popen[str]]:
    """Another process holding build_lock on ``names`` until the block ends."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, "rapport", *names], cwd=root, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "tenu"
        yield child
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=60)


def test_a_second_build_in_another_process_stops_with_a_french_message(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with build_lock(Path("rapport"), [NAME]):
        assert (tmp_path / "rapport" / ".verrous" / f"{NAME}.lock").is_file()
        busy = try_in_child(tmp_path, [NAME])
    assert busy.returncode == 3, busy.stderr
    match = BUSY.fullmatch(busy.stdout.strip())
    assert match, busy.stdout
    assert match["name"] == NAME
    assert match["pid"] == str(os.getpid())  # the holder: this process
    assert match["lock"] == f"rapport/.verrous/{NAME}.lock"
    assert not (tmp_path / "rapport" / ".verrous" / f"{NAME}.info").exists()  # forgotten on release
    free = try_in_child(tmp_path, [NAME])
    assert (free.returncode, free.stdout.strip()) == (0, "acquis")


def test_the_lock_held_by_another_process_raises_build_busy_here(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with held_in_child(tmp_path, [NAME]) as child:
        with pytest.raises(BuildBusy) as caught:
            with build_lock(Path("rapport"), [NAME]):
                pytest.fail("the lock was acquired twice")
        assert caught.value.pid == child.pid and caught.value.name == NAME
        assert BUSY.fullmatch(str(caught.value))
        assert len(str(caught.value).splitlines()) == 1
    with build_lock(Path("rapport"), [NAME]):  # released when the holder ended
        pass


def test_different_names_do_not_block_each_other(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    with build_lock(out, [NAME]):
        other = try_in_child(tmp_path, ["rapport-2022-autre"])
        both = try_in_child(tmp_path, ["rapport-2022-autre", NAME])
    assert (other.returncode, other.stdout.strip()) == (0, "acquis")
    assert both.returncode == 3 and BUSY.fullmatch(both.stdout.strip())["name"] == NAME


def test_a_refused_build_releases_the_locks_it_took(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    first, second = "rapport-2022-a", "rapport-2022-b"  # taken in this order
    with held_in_child(tmp_path, [second]):
        with pytest.raises(BuildBusy, match=second):
            with build_lock(out, [second, first]):
                pass
        free = try_in_child(tmp_path, [first])
    assert (free.returncode, free.stdout.strip()) == (0, "acquis")


def test_the_locks_are_taken_in_sorted_order(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    with held_in_child(tmp_path, ["rapport-2022-a", "rapport-2022-b"]):
        with pytest.raises(BuildBusy) as caught:
            with build_lock(out, ["rapport-2022-b", "rapport-2022-a"]):
                pass
    assert caught.value.name == "rapport-2022-a"  # the first in sorted order, whatever the order given


def test_the_lock_is_released_when_the_build_fails(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    with pytest.raises(RuntimeError, match="rendu impossible"):
        with build_lock(out, [NAME]):
            raise RuntimeError("rendu impossible")
    free = try_in_child(tmp_path, [NAME])
    assert (free.returncode, free.stdout.strip()) == (0, "acquis")


def test_a_second_lock_in_the_same_process_is_refused_too(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    with build_lock(out, [NAME]):
        with pytest.raises(BuildBusy, match=NAME):
            with build_lock(out, [NAME]):
                pass
