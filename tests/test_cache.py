"""The parse cache: used when files are unchanged, never stale, never trusted blindly."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from gendan.store import cache as cache_mod
from gendan.store.workspace import Workspace
from tests.helpers import make_workspace, run, start_gendan

ORDER = """\
id: {id}
customer: {{name: Nordic Outdoor AS, country: NO}}
stage: inquiry
merchandiser: {who}
"""


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))


def settle():
    time.sleep(cache_mod.RACY_NS / 1e9 + 0.05)


def workspace(tmp_path, n=3):
    root = make_workspace(
        tmp_path, {f"SO-{i}/order.yaml": ORDER.format(id=f"SO-{i}", who="Chen Li") for i in range(1, n + 1)}
    )
    settle()
    return root


def load(root, cache=True):
    loaded, problems = Workspace.open(root, cache=cache).load_all()
    return {item.id: item.order for item in loaded}, problems


def cache_file(root: Path) -> Path:
    return root / ".gendan" / "cache" / "orders.pickle"


def test_second_run_reads_no_order_file(tmp_path, monkeypatch):
    root = workspace(tmp_path)
    first, _ = load(root)
    assert cache_file(root).is_file()
    assert (root / ".gendan" / ".gitignore").read_text() == "*\n"

    def no_parse(self, path):
        raise AssertionError(f"parsed {path}")

    monkeypatch.setattr(Workspace, "load", no_parse)
    second, problems = load(root)
    assert second == first and not problems


def test_no_cache_flag_bypasses_it(tmp_path):
    root = workspace(tmp_path)
    result = run(root, "--no-cache", "validate")
    assert result.exit_code == 0, result.output
    assert not cache_file(root).exists()
    assert run(root, "validate").exit_code == 0
    assert cache_file(root).exists()


def rewrite_same_size_same_mtime(path: Path, old: str, new: str) -> None:
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert len(old) == len(new)
    with open(path, "r+", encoding="utf-8") as f:  # in place: same inode
        f.write(text.replace(old, new))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (st.st_size, st.st_mtime_ns, st.st_ino)


def test_never_stale_same_size_same_mtime_in_place(tmp_path):
    root = workspace(tmp_path)
    assert load(root)[0]["SO-1"].merchandiser == "Chen Li"
    rewrite_same_size_same_mtime(root / "SO-1/order.yaml", "Chen Li", "Wang Li")
    assert load(root)[0]["SO-1"].merchandiser == "Wang Li"


def test_never_stale_rewrite_by_rename_within_the_same_second(tmp_path):
    root = workspace(tmp_path)
    path = root / "SO-2/order.yaml"
    assert load(root)[0]["SO-2"].merchandiser == "Chen Li"
    st = path.stat()
    tmp = path.with_name("new.tmp")
    tmp.write_text(path.read_text(encoding="utf-8").replace("Chen Li", "Liu Li"), encoding="utf-8")
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, path)
    assert load(root)[0]["SO-2"].merchandiser == "Liu Li"
    # and through the CLI, in the same second as the write
    result = run(root, "validate", "SO-2")
    assert result.exit_code == 0


def test_a_file_changed_just_now_is_not_cached_yet(tmp_path):
    root = workspace(tmp_path)
    load(root)
    (root / "SO-1/order.yaml").write_text(ORDER.format(id="SO-1", who="Fresh Li"), encoding="utf-8")
    assert load(root)[0]["SO-1"].merchandiser == "Fresh Li"
    entries = cache_mod.ParseCache(root).entries
    assert "SO-1/order.yaml" not in entries and "SO-2/order.yaml" in entries


def test_invalid_orders_are_never_cached(tmp_path):
    root = workspace(tmp_path)
    load(root)
    (root / "SO-3/order.yaml").write_text("id: SO-3\nstage: inquiry\n", encoding="utf-8")  # no customer
    settle()
    for _ in range(2):
        orders, problems = load(root)
        assert "SO-3" not in orders and [p.code for p in problems] == ["E101"]
        assert "SO-3/order.yaml" not in cache_mod.ParseCache(root).entries
    result = run(root, "validate")
    assert result.exit_code == 1 and "E101" in result.output


def test_deleted_orders_leave_the_cache(tmp_path):
    root = workspace(tmp_path)
    load(root)
    (root / "SO-2/order.yaml").unlink()
    assert sorted(load(root)[0]) == ["SO-1", "SO-3"]
    assert sorted(cache_mod.ParseCache(root).entries) == ["SO-1/order.yaml", "SO-3/order.yaml"]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign_version", "other_user", "bad_pickle"])
def test_damaged_or_foreign_cache_is_ignored_and_rebuilt(tmp_path, monkeypatch, damage):
    root = workspace(tmp_path)
    expected, _ = load(root)
    path = cache_file(root)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff" * 100)
    elif damage == "foreign_version":
        path.write_bytes(data.replace(cache_mod.fingerprint(), b"0" * 64, 1))
    elif damage == "other_user":  # a cache signed by someone else (e.g. committed to the repo)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    elif damage == "bad_pickle":  # correctly signed, but not what gendan wrote
        monkeypatch.setattr(cache_mod.ParseCache, "_read", lambda self: {"SO-1/order.yaml": "nonsense"})
    result = run(root, "validate")
    assert result.exit_code == 0 and result.output == "3 orders checked, no problems\n"
    assert result.stderr == ""
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ("another-user" if damage == "other_user" else "usercache")))
    assert load(root) == (expected, [])


def test_a_malicious_pickle_is_never_loaded(tmp_path):
    root = workspace(tmp_path)
    load(root)
    marker = tmp_path / "pwned"
    evil = pickle.dumps(type("Evil", (), {"__reduce__": lambda self: (os.mkdir, (str(marker),))})())
    path = cache_file(root)
    head = cache_mod.MAGIC + cache_mod.fingerprint() + b"\n"
    path.write_bytes(head + b"\0" * 32 + evil)
    assert len(load(root)[0]) == 3
    assert not marker.exists()


def test_two_processes_at_once(tmp_path):
    root = workspace(tmp_path, n=40)
    procs = [start_gendan(root, "validate") for _ in range(4)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and out == "40 orders checked, no problems\n" and err == ""
    assert len(cache_mod.ParseCache(root).entries) == 40
    assert not [p for p in cache_file(root).parent.iterdir() if p.name not in ("orders.pickle", "config.pickle")]


@pytest.mark.parametrize("linked", [".gendan", ".gendan/cache"])
def test_a_linked_cache_folder_is_never_written_through(tmp_path, linked):
    """A .gendan/ (or its cache/) that is a symlink to elsewhere: the reports run, uncached,
    and nothing is written where the link points (the guard's rule: no write through a link)."""
    root = workspace(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / linked).parent.mkdir(parents=True, exist_ok=True)
    (root / linked).symlink_to(elsewhere, target_is_directory=True)
    for _ in range(2):
        orders, problems = load(root)
        assert sorted(orders) == ["SO-1", "SO-2", "SO-3"] and problems == []
    assert list(elsewhere.iterdir()) == []


def test_a_dangling_gitignore_link_in_the_cache_folder_is_not_followed(tmp_path):
    root = workspace(tmp_path)
    (root / ".gendan").mkdir()
    target = tmp_path / "planted"
    (root / ".gendan" / ".gitignore").symlink_to(target)
    load(root)
    assert not target.exists() and cache_file(root).is_file()


# the id index: single-order commands find the folder without walking the workspace ------------


def year_workspace(tmp_path):
    files = {
        f"{y}/SO-{y}-{i}/order.yaml": ORDER.format(id=f"SO-{y}-{i}", who="Chen Li")
        for y in (2025, 2026)
        for i in (1, 2)
    }
    root = make_workspace(tmp_path, files)
    # made by a workspace's first cached run, which walks it then (making it changes the root's times)
    (root / ".gendan" / "cache").mkdir(parents=True)
    settle()
    return root


def no_walking(monkeypatch):
    from gendan.store import workspace as ws_mod

    def walk(*args, **kwargs):
        raise AssertionError("walked the workspace")

    monkeypatch.setattr(ws_mod, "_walk", walk)


def test_show_uses_the_id_index_without_walking(tmp_path, monkeypatch):
    root = year_workspace(tmp_path)
    first = run(root, "show", "SO-2026-2")
    assert first.exit_code == 0, first.output
    assert (root / ".gendan" / "cache" / "ids.json").is_file()
    with monkeypatch.context() as m:
        no_walking(m)
        again = run(root, "show", "SO-2026-2")
        assert again.exit_code == 0 and again.output == first.output
        done = run(root, "done", "SO-2025-1", "po_received", "--date", "2026-11-30", "--as-of", "2026-11-30")
        assert "internal error" not in done.output and done.exit_code in (0, 1), done.output


def test_the_index_sees_folders_added_renamed_and_removed(tmp_path):
    root = year_workspace(tmp_path)
    assert run(root, "show", "SO-2025-1").exit_code == 0
    # a copy under another folder: the id is now ambiguous, and says so
    import shutil

    shutil.copytree(root / "2025" / "SO-2025-1", root / "2026" / "SO-2025-1")
    settle()
    out = run(root, "show", "SO-2025-1")
    assert out.exit_code != 0 and "ambiguous" in out.output
    shutil.rmtree(root / "2026" / "SO-2025-1")
    settle()
    assert run(root, "show", "SO-2025-1").exit_code == 0
    (root / "2026" / "SO-2026-1").rename(root / "2026" / "SO-2026-9")
    settle()
    gone = run(root, "show", "SO-2026-1")
    assert gone.exit_code != 0 and "no order SO-2026-1" in gone.output
    assert "no order" not in run(root, "show", "SO-2026-9").output  # found by its folder's name
    shutil.rmtree(root / "2025" / "SO-2025-2")
    settle()
    assert "no order SO-2025-2" in run(root, "show", "SO-2025-2").output


def test_a_tampered_index_is_checked_before_use(tmp_path, monkeypatch):
    import json

    root = year_workspace(tmp_path)
    assert run(root, "show", "SO-2026-1").exit_code == 0
    index = root / ".gendan" / "cache" / "ids.json"
    data = json.loads(index.read_text())
    outside = tmp_path / "elsewhere" / "SO-2026-1"
    outside.mkdir(parents=True)
    (outside / "order.yaml").write_text(ORDER.format(id="SO-2026-1", who="Mallory"))
    (root / "2026" / "link").symlink_to(outside.parent, target_is_directory=True)
    settle()
    for forged in (["../elsewhere/SO-2026-1"], ["2026/link/SO-2026-1"], [".gendan/SO-2026-1"], "2026/SO-2026-1", [3]):
        # keep the folder stats current so that only the forged entry is wrong
        fresh = json.loads(index.read_text()) if index.exists() else data
        fresh["ids"]["SO-2026-1"] = forged
        index.write_text(json.dumps(fresh))
        out = run(root, "show", "SO-2026-1")
        assert out.exit_code == 0 and "Mallory" not in out.output, forged


def test_no_cache_writes_no_index(tmp_path):
    root = year_workspace(tmp_path)
    assert run(root, "--no-cache", "show", "SO-2026-1").exit_code == 0
    assert not (root / ".gendan" / "cache" / "ids.json").exists()
