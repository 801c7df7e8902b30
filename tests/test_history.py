"""gendan log / diff on real temporary git repositories."""

from __future__ import annotations

import json
import shutil

import pytest

from gendan.store.history import FieldChange, diff_data
from tests import helpers
from tests.helpers import commit_all, make_workspace, replace_in, run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ORDER = """\
id: SO-1
customer: {name: Nordic Outdoor AS, po: NO-1}
stage: confirmed
currency: USD
quality: as approved PP sample
ex_factory: 2027-02-20
lines:
  - colour: Black
    unit_price: 18.50
    sizes: {S: 200, M: 400}
history:
  - {date: 2026-10-12, by: Chen Li, action: advance, from: inquiry, to: confirmed}
"""


def git(root, *args, when="2026-10-15T10:00:00", who="Chen Li"):
    return helpers.git(root, *args, when=when, who=who)


@pytest.fixture
def repo(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    commit_all(root, "SO-1 confirmed", when="2026-10-15T10:00:00")
    order = root / "SO-1/order.yaml"
    replace_in(order, "ex_factory: 2027-02-20", "ex_factory: 2027-03-01")
    replace_in(order, "M: 400", "M: 600")
    git(root, "commit", "-qam", "customer moved the date, more M", when="2026-10-25T09:00:00", who="Wang Gang")
    return root


def test_log_merges_history_and_commits(repo):
    order = repo / "SO-1/order.yaml"
    replace_in(order, "lines:\n", "lines:\n  - colour: Red\n    unit_price: 18.50\n    sizes: {S: 100}\n")
    r = run(repo, "log", "SO-1")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[1:] == [
        "2026-10-12  history            Chen Li  advance inquiry → confirmed",
        "2026-10-15  commit " + lines[2].split()[2] + "  Chen Li  SO-1 confirmed",
        "              + order.yaml: (created)",
        "2026-10-25  commit " + lines[4].split()[2] + "  Wang Gang  customer moved the date, more M",
        "              ex_factory 2027-02-20 → 2027-03-01",
        "              lines[Black].sizes.M 400 → 600",
        "            working file       edits not yet committed",
        "              + lines[Red]: {colour: Red, unit_price: 18.50, sizes: {S: 100}}",
    ]


def test_log_json(repo):
    r = run(repo, "log", "SO-1", "--format", "json")
    data = json.loads(r.stdout)
    assert data["git"] is True
    assert [e["kind"] for e in data["events"]] == ["history", "commit", "commit"]
    assert data["events"][2]["changes"][0] == {
        "path": "ex_factory",
        "kind": "changed",
        "old": "2027-02-20",
        "new": "2027-03-01",
    }


def test_diff_since_a_revision_and_a_date(repo):
    order = repo / "SO-1/order.yaml"
    replace_in(order, "history:", "payments:\n  - {kind: deposit, amount: 2220.00, received: 2026-10-28}\nhistory:")
    r = run(repo, "diff", "SO-1", "--since", "HEAD~1")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[1:] == [
        "  ex_factory 2027-02-20 → 2027-03-01",
        "  lines[Black].sizes.M 400 → 600",
        "  + payments: [{kind: deposit, amount: 2220.00, received: 2026-10-28}]",
    ]
    # the last commit before 2026-10-20 is the first one
    assert run(repo, "diff", "SO-1", "--since", "2026-10-20").stdout == r.stdout
    # the last commit before 2026-10-26 is the second: only the payment since
    since = run(repo, "diff", "SO-1", "--since", "2026-10-26")
    assert "customer moved the date" in since.stdout.splitlines()[0]
    assert since.stdout.splitlines()[1:] == ["  + payments: [{kind: deposit, amount: 2220.00, received: 2026-10-28}]"]
    git(repo, "commit", "-qam", "deposit")
    assert run(repo, "diff", "SO-1").stdout.splitlines()[1:] == ["  no field changed"]


def test_bad_revisions(repo):
    r = run(repo, "diff", "SO-1", "--since", "no-such-tag")
    assert r.exit_code == 2 and "no revision 'no-such-tag' in the git repository" in r.stderr
    r = run(repo, "diff", "SO-1", "--since", "--output=/tmp/x")
    assert r.exit_code == 2 and "is not a revision" in r.stderr
    r = run(repo, "diff", "SO-1", "--since", "2020-01-01")
    assert r.exit_code == 2 and "no commit before 2020-01-01" in r.stderr


def test_order_that_did_not_exist_at_that_revision(repo):
    (repo / "SO-2").mkdir()
    (repo / "SO-2/order.yaml").write_text(ORDER.replace("SO-1", "SO-2"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "SO-2", when="2026-11-02T10:00:00")
    r = run(repo, "diff", "SO-2", "--since", "HEAD~1")
    assert r.exit_code == 2
    assert "order SO-2 did not exist at" in r.stderr and "customer moved the date" in r.stderr
    # git sees SO-2 as a copy of SO-1; its log still starts with its own first commit
    log = run(repo, "log", "SO-2").stdout
    assert [line.split("  ")[-1] for line in log.splitlines() if " commit " in line] == ["SO-2"]


def test_outside_git(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    r = run(root, "log", "SO-1")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[1:] == [
        "(not a git repository: showing the order's history entries only)",
        "2026-10-12  history            Chen Li  advance inquiry → confirmed",
    ]
    r = run(root, "diff", "SO-1")
    assert r.exit_code == 2 and "is not in a git repository" in r.stderr


def test_entries_are_matched_by_their_name_not_their_place():
    old = {
        "samples": [
            {"type": "fit", "round": 1, "verdict": "approved"},
            {"type": "pp", "round": 1, "verdict": "pending"},
        ],
        "history": [{"action": "advance"}],
        "tags": ["a"],
        "notes": "x",
    }
    new = {
        "samples": [
            {"type": "fit", "round": 1, "verdict": "approved"},
            {"type": "pp", "round": 1, "verdict": "rejected"},
            {"type": "pp", "round": 2, "verdict": "pending"},
        ],
        "history": [{"action": "advance"}, {"action": "hold"}],
        "tags": ["a", "b"],
    }
    assert [str(c) for c in diff_data(old, new)] == [
        "samples[pp 1].verdict pending → rejected",
        "+ samples[pp 2]: {type: pp, round: 2, verdict: pending}",
        "+ history[1]: {action: hold}",
        "tags [a] → [a, b]",
        "- notes: x",
    ]
    assert diff_data(old, old) == []
    assert FieldChange("x", 1, 2).as_dict() == {"path": "x", "kind": "changed", "old": 1, "new": 2}


def test_log_follows_an_order_folder_that_moved(repo):
    (repo / "SO-1/tech-pack.pdf").write_bytes(b"%PDF-1.4 tech pack")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "tech pack", when="2026-10-26T09:00:00")
    (repo / "archive").mkdir()
    git(repo, "mv", "SO-1", "archive/SO-1")
    git(repo, "commit", "-qm", "archive SO-1", when="2026-11-20T09:00:00")
    r = run(repo, "log", "SO-1")
    assert r.exit_code == 0, r.output
    subjects = [line.split("  ")[-1] for line in r.stdout.splitlines() if " commit " in line]
    assert subjects == ["SO-1 confirmed", "customer moved the date, more M", "tech pack", "archive SO-1"]
    assert "              folder SO-1 → archive/SO-1" in r.stdout
    assert "              ex_factory 2027-02-20 → 2027-03-01" in r.stdout
    # diff finds the order where it was at that revision
    d = run(repo, "diff", "SO-1", "--since", "HEAD~3")
    assert d.exit_code == 0, d.output
    assert d.stdout.splitlines()[1:] == ["  ex_factory 2027-02-20 → 2027-03-01", "  lines[Black].sizes.M 400 → 600"]
