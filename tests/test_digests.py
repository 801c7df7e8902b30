"""The per-day cache of the reports (gendan/reports/daily.py): the second report of a day is a
lookup, every change that could change a report is seen, and the cache is never trusted blindly.

Every check runs the CLI on a copy of examples/orders and compares the cached report with the
same report computed afresh (`--no-cache`), byte for byte.
"""

from __future__ import annotations

import os
import pickle
import time

import pytest

from gendan.reports import daily, facts
from gendan.store import cache as cache_mod
from tests.helpers import copy_examples, run

DAY = "2026-11-30"
REPORTS = (
    ("overdue",),
    ("overdue", "--format", "json"),
    ("overdue", "--within", "30", "--format", "csv"),
    ("status", "--format", "json"),
    ("status", "--group-by", "merchandiser"),
    ("list", "--format", "json"),
    ("list", "--stage", "production"),
)


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))


def settle():
    time.sleep(cache_mod.RACY_NS / 1e9 + 0.05)


@pytest.fixture
def ws(tmp_path):
    root = copy_examples(tmp_path / "ws")
    settle()
    return root


def digests_file(root):
    return root / ".gendan" / "cache" / "digests.pickle"


def report(root, *args, day=DAY, cache=True):
    result = run(root, "--as-of", day, *(() if cache else ("--no-cache",)), *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout, result.stderr


def assert_same_as_computed(root, day=DAY):
    for args in REPORTS:
        assert report(root, *args, day=day) == report(root, *args, day=day, cache=False), args


@pytest.fixture
def count_computed(monkeypatch):
    """How many digests were computed (each computation reads and plans one order)."""
    calls: list[str] = []
    real = facts.digest_of

    def counting(o, *args, **kwargs):
        calls.append(o.id)
        return real(o, *args, **kwargs)

    monkeypatch.setattr(facts, "digest_of", counting)
    return calls


def test_the_second_report_of_a_day_is_a_lookup(ws, count_computed, monkeypatch):
    first = [report(ws, *args) for args in REPORTS]
    assert digests_file(ws).is_file()
    assert len(count_computed) == 14 + 14  # every order: once, then again for --within 30

    def no_reading(*args, **kwargs):
        raise AssertionError("an order was read")

    monkeypatch.setattr(facts, "facts_for", no_reading)
    monkeypatch.setattr(cache_mod.ParseCache, "_loads", no_reading)  # (the parse cache; not the digests)
    from gendan.store.workspace import Workspace

    monkeypatch.setattr(Workspace, "load", no_reading)
    count_computed.clear()
    assert [report(ws, *args) for args in REPORTS] == first
    assert count_computed == []
    monkeypatch.undo()
    assert_same_as_computed(ws)


def test_a_new_day_is_computed_afresh(ws, count_computed):
    report(ws, "overdue")
    count_computed.clear()
    later = report(ws, "overdue", day="2027-01-15")
    assert len(count_computed) == 14
    assert later != report(ws, "overdue")  # (the examples are late in different ways by then)
    assert_same_as_computed(ws, day="2027-01-15")


def test_a_config_change_is_seen(ws, count_computed):
    before = report(ws, "overdue", "--format", "json")
    config = ws / "gendan.yaml"
    text = config.read_text(encoding="utf-8")
    assert "workdays: [mon, tue, wed, thu, fri]\n" in text  # a six-day week: every delay changes
    config.write_text(text.replace("thu, fri]", "thu, fri, sat]"), encoding="utf-8")
    count_computed.clear()
    after = report(ws, "overdue", "--format", "json")
    assert len(count_computed) == 14
    assert after != before
    assert_same_as_computed(ws)


def test_an_edited_order_is_read_alone(ws, count_computed):
    report(ws, "status", "--format", "json")
    path = ws / "2026" / "SO-2026-0142" / "order.yaml"
    text = path.read_text(encoding="utf-8")
    assert "stage: production" in text
    path.write_text(text.replace("stage: production", "stage: shipping"), encoding="utf-8")
    settle()
    count_computed.clear()
    status = report(ws, "status", "--format", "json")
    assert count_computed == ["SO-2026-0142"]
    assert '"stage": "shipping"' in status[1]
    assert_same_as_computed(ws)


def test_orders_added_and_removed(ws, count_computed):
    import shutil

    report(ws, "list", "--format", "json")
    shutil.copytree(ws / "2026" / "SO-2026-0142", ws / "2026" / "SO-2026-0999")
    path = ws / "2026" / "SO-2026-0999" / "order.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: SO-2026-0142", "id: SO-2026-0999"), encoding="utf-8")
    shutil.rmtree(ws / "2026" / "SO-2026-0127")
    settle()
    count_computed.clear()
    listed = report(ws, "list", "--format", "json")[1]
    assert count_computed == ["SO-2026-0999"]
    assert "SO-2026-0999" in listed and "SO-2026-0127" not in listed
    entries = cache_mod.DigestCache(ws, daily.cache_key(_workspace(ws), _day())).entries
    assert len(entries) == 14 and "2026/SO-2026-0999/order.yaml" in entries
    assert "2026/SO-2026-0127/order.yaml" not in entries
    assert_same_as_computed(ws)


def _workspace(root):
    from gendan.store.workspace import Workspace

    return Workspace.open(root, cache=True)


def _day():
    from datetime import date

    return date.fromisoformat(DAY)


def test_an_invalid_order_is_reported_every_time(ws):
    path = ws / "2026" / "SO-2026-0142" / "order.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("stage: production", "stage: [x"), encoding="utf-8")
    settle()
    for _ in range(2):
        code, out, err = report(ws, "overdue")
        assert code == 1 and "SO-2026-0142/order.yaml:" in err and "SO-2026-0142" not in out
    assert_same_as_computed(ws)


def test_no_cache_neither_reads_nor_writes_digests(ws, monkeypatch):
    report(ws, "overdue", cache=False)
    assert not digests_file(ws).exists()
    report(ws, "overdue")
    assert digests_file(ws).exists()

    def no_reading(*args, **kwargs):
        raise AssertionError("the cache was read")

    monkeypatch.setattr(cache_mod.DigestCache, "_read", no_reading)
    report(ws, "status", cache=False)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign_version", "other_user", "not_plain"])
def test_a_damaged_or_foreign_digests_file_is_ignored_and_rebuilt(ws, tmp_path, monkeypatch, damage):
    expected = [report(ws, *args, cache=False) for args in REPORTS]
    report(ws, "overdue")
    path = digests_file(ws)
    data = path.read_bytes()
    marker = tmp_path / "pwned"
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff" * 100)
    elif damage == "foreign_version":
        path.write_bytes(data.replace(cache_mod.fingerprint(), b"0" * 64, 1))
    elif damage == "other_user":  # signed by someone else (e.g. committed to the repository)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    elif damage == "not_plain":  # signed with this user's own key, yet it would run code: refused
        cache = cache_mod.DigestCache(ws, daily.cache_key(_workspace(ws), _day()))
        evil = type("Evil", (), {"__reduce__": lambda self: (os.mkdir, (str(marker),))})()
        body = pickle.dumps({"2026/SO-2026-0142/order.yaml": evil})
        body = len(body).to_bytes(8, "little") + body  # (one chunk)
        import hashlib
        import hmac

        sig = hmac.new(cache_mod.signing_key(), body, hashlib.sha256).digest()
        path.write_bytes(cache._head() + sig + body)
        assert cache_mod.DigestCache(ws, daily.cache_key(_workspace(ws), _day())).entries == {}
    assert [report(ws, *args) for args in REPORTS] == expected
    assert not marker.exists()
    assert cache_mod.DigestCache(ws, daily.cache_key(_workspace(ws), _day())).entries  # rebuilt


def test_a_warm_report_imports_no_model_and_reads_no_yaml(ws):
    """The second report of a day unpickles plain digests and the cached configuration: neither
    pydantic nor the order model nor a YAML reader is imported (a fresh process checks)."""
    import json
    import subprocess
    import sys

    from tests.helpers import ROOT

    heavy = ("pydantic", "gendan.core.model", "gendan.store.parse", "yaml", "gendan.reports.facts", "holidays")
    for args in (["overdue"], ["status"], ["list"], ["overdue", "--format", "json"], ["status"]):
        code = (
            "import sys, runpy\n"
            f"sys.argv = ['gendan', '-C', {str(ws)!r}, '--as-of', {DAY!r}, *{args!r}]\n"
            "try:\n    runpy.run_module('gendan', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            f"print(__import__('json').dumps([m for m in {heavy!r} if m in sys.modules]), file=sys.stderr)\n"
        )
        env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        imported = json.loads(done.stderr.strip().splitlines()[-1])
        if args == ["overdue"]:  # the first report of the day computes (and caches) the digests
            assert "gendan.core.model" in imported
            settle()
        else:
            assert imported == [], args


def test_the_configuration_cache_sees_every_change_and_builds_nothing_else(ws, tmp_path):
    report(ws, "list")
    path = ws / ".gendan" / "cache" / "config.pickle"
    assert path.is_file()
    config = ws / "gendan.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "alert_dayz: 3\n", encoding="utf-8")
    refused = run(ws, "--as-of", DAY, "list")  # refused, whatever the cache holds
    assert refused.exit_code == 2 and "E102 unknown key 'alert_dayz'" in refused.stderr
    config.write_text(config.read_text(encoding="utf-8").replace("alert_dayz: 3\n", ""), encoding="utf-8")
    settle()
    assert_same_as_computed(ws)
    # signed with this user's key, but a class that is not part of a configuration: refused
    from gendan.store.workspace import Workspace

    store = cache_mod.ConfigCache(ws, config.read_bytes())
    marker = tmp_path / "pwned"
    evil = type("Evil", (), {"__reduce__": lambda self: (os.mkdir, (str(marker),))})()
    body = pickle.dumps({"gendan.yaml": (cache_mod.stat_key(os.lstat(config)), evil)})
    body = len(body).to_bytes(8, "little") + body  # (one chunk)
    import hashlib
    import hmac

    path.write_bytes(store._head() + hmac.new(cache_mod.signing_key(), body, hashlib.sha256).digest() + body)
    assert cache_mod.ConfigCache(ws, config.read_bytes()).entries == {}
    assert Workspace.open(ws, cache=True).config.alert_days == 7
    assert not marker.exists()
