"""advance / hold / resume / cancel through the CLI: every gate refused and satisfied."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gendan.store.yamlio import load_file
from tests.helpers import commit_all, make_workspace, paused_write, run, start_gendan

AS_OF = ("--as-of", "2026-11-30")

BASE = """\
id: SO-1
customer: {name: Nordic Outdoor AS, country: NO}
stage: {stage}
quality: as approved PP sample
ex_factory: 2027-03-20
payment: {payment}
lines:
  - colour: Black
    unit_price: 18.50
    sizes: {S: 100, M: 100}
"""
COSTING = "costing:\n  items:\n    - {item: fabric, cost: 9.20}\n"
LOW_COSTING = "costing:\n  items:\n    - {item: fabric, cost: 18.00}\n"
DEPOSIT = "payments:\n  - {kind: deposit, amount: 1110.00, received: 2026-10-20, confirmed_by: Liu Fang}\n"
LC = "payments:\n  - {kind: lc, received: 2026-10-20, confirmed_by: Liu Fang}\n"
PP = "samples:\n  - {type: pp, sent: 2026-11-02, reply: 2026-11-10, verdict: approved}\n"
FINAL = "inspections:\n  - {type: final, date: 2026-11-28, result: pass}\n"
BALANCE = "  - {kind: balance, amount: 2590.00, received: 2026-11-29}\n"
FULL = "payments:\n  - {kind: full, amount: 3700.00, received: 2026-11-29}\n"
SHORT_DEPOSIT = "payments:\n  - {kind: deposit, amount: 100.00, received: 2026-10-20, confirmed_by: Liu Fang}\n"
SHORT_BALANCE = "  - {kind: balance, amount: 2290.00, received: 2026-11-29}\n"
CLAIM = "approvals:\n  - {rule: balance, by: Zhang Wei, date: 2026-11-29, reason: customer deducts 300.00 (late)}\n"
WRITE_OFF = '  - {rule: settled, by: Zhang Wei, date: 2026-11-30, reason: "claim accepted, 300.00 written off"}\n'
BEFORE_SHIPMENT = "{terms: deposit_balance, deposit_pct: 30, balance: before_shipment}"


def order(stage: str, *parts: str, payment: str = "{terms: deposit_balance, deposit_pct: 30}") -> str:
    return BASE.replace("{stage}", stage).replace("{payment}", payment) + "".join(parts)


def ws_with(tmp_path, text: str, config: str = "company: {name: Test Co}\n") -> Path:
    return make_workspace(tmp_path, {"SO-1/order.yaml": text}, config=config)


def stage_of(root: Path) -> str:
    return load_file(root / "SO-1/order.yaml")["stage"]


APPROVED_LOW = LOW_COSTING.replace("costing:\n", "costing:\n  approval: {by: Zhang Wei, date: 2026-11-01}\n")
# (gate, stage before, stage to enter, order that fails the gate, the same order with the gate met)
GATES = [
    ("R1", "inquiry", "confirmed", order("inquiry").replace("ex_factory: 2027-03-20\n", ""), order("inquiry")),
    ("R3", "confirmed", "reviewed", order("confirmed"), order("confirmed", COSTING)),
    ("R3", "confirmed", "reviewed", order("confirmed", LOW_COSTING), order("confirmed", APPROVED_LOW)),
    ("R4", "reviewed", "funded", order("reviewed", COSTING), order("reviewed", COSTING, DEPOSIT)),
    (
        "R4",
        "reviewed",
        "funded",
        order("reviewed", COSTING, payment="{terms: lc}"),
        order("reviewed", COSTING, LC, payment="{terms: lc}"),
    ),
    ("R5", "materials", "production", order("materials", COSTING, DEPOSIT), order("materials", COSTING, DEPOSIT, PP)),
    (
        "R8",
        "inspection",
        "shipping",
        order("inspection", COSTING, DEPOSIT + BALANCE, PP),
        order("inspection", COSTING, DEPOSIT + BALANCE, PP, FINAL),
    ),
    (
        "R6",
        "inspection",
        "shipping",
        order("inspection", COSTING, DEPOSIT, PP, FINAL, payment=BEFORE_SHIPMENT),
        order("inspection", COSTING, DEPOSIT + BALANCE, PP, FINAL, payment=BEFORE_SHIPMENT),
    ),
    (
        "R6",
        "inspection",
        "shipping",
        order("inspection", COSTING, PP, FINAL, payment="{terms: tt_before_shipment}"),
        order("inspection", COSTING, FULL, PP, FINAL, payment="{terms: tt_before_shipment}"),
    ),
    # the reproduction: USD 100 received on a 30% deposit of 1,110.00 is not a deposit
    ("R4", "reviewed", "funded", order("reviewed", COSTING, SHORT_DEPOSIT), order("reviewed", COSTING, DEPOSIT)),
    # within the bank charges (0.5% of 1,110.00 = 5.55): 1,104.45 is the deposit
    (
        "R4",
        "reviewed",
        "funded",
        order("reviewed", COSTING, DEPOSIT.replace("1110.00", "1104.44")),
        order("reviewed", COSTING, DEPOSIT.replace("1110.00", "1104.45")),
    ),
    (
        "balance",
        "shipping",
        "paid",
        order("shipping", COSTING, DEPOSIT, PP, FINAL),
        order("shipping", COSTING, DEPOSIT + BALANCE, PP, FINAL),
    ),
    (
        "settled",
        "delivered",
        "closed",
        order("delivered", COSTING, DEPOSIT + SHORT_BALANCE, PP, FINAL, CLAIM),
        order("delivered", COSTING, DEPOSIT + SHORT_BALANCE, PP, FINAL, CLAIM + WRITE_OFF),
    ),
]


@pytest.mark.parametrize("gate,before,after,failing,passing", GATES, ids=[f"{g[0]}-{i}" for i, g in enumerate(GATES)])
def test_gate_refused_then_satisfied(tmp_path, gate, before, after, failing, passing):
    root = ws_with(tmp_path / "a", failing)
    result = run(root, "advance", "SO-1", *AS_OF)
    assert result.exit_code == 1, result.output
    assert f"SO-1 cannot move from {before} to {after}" in result.stderr
    assert f"  {gate} (to enter {after}): " in result.stderr
    assert "      -> " in result.stderr  # what would satisfy it
    assert stage_of(root) == before
    root = ws_with(tmp_path / "b", passing)
    result = run(root, "advance", "SO-1", *AS_OF, "--by", "Chen Li")
    assert result.exit_code == 0, result.output
    assert result.output == f"SO-1: advanced, {before} -> {after} (by Chen Li, 2026-11-30)\n"
    assert stage_of(root) == after
    assert run(root, "validate", *AS_OF).exit_code == 0


MILESTONE_CONFIG = """\
company: {name: Test Co}
stages:
  - {key: open}
  - {key: making, gates: [milestones]}
  - {key: done}
milestone_templates:
  default:
    - {key: cut, anchor: ex_factory, offset: -20, stage: making}
    - {key: sewn, anchor: cut, offset: 5, stage: making}
    - {key: packed, anchor: ex_factory, offset: 0, stage: done}
"""


def test_milestones_gate_refused_then_satisfied(tmp_path):
    text = "id: SO-1\ncustomer: {name: A}\nstage: open\nmilestones:\n  cut: {actual: 2026-11-20}\n"
    root = ws_with(tmp_path, text, MILESTONE_CONFIG)
    result = run(root, "advance", "SO-1", *AS_OF)
    assert result.exit_code == 1
    assert "milestones (to enter making): milestone sewn of stage making is not done" in result.stderr
    assert "-> gendan done SO-1 sewn --date DATE" in result.stderr
    assert "milestone cut" not in result.stderr
    assert run(root, "done", "SO-1", "sewn", "--date", "2026-11-25", *AS_OF).exit_code == 0
    result = run(root, "advance", "SO-1", *AS_OF, "--by", "A")
    assert result.exit_code == 0, result.output
    assert stage_of(root) == "making"


def test_to_checks_every_gate_of_every_stage_entered(tmp_path):
    root = ws_with(tmp_path, order("confirmed", COSTING))
    result = run(root, "advance", "SO-1", "--to", "shipping", *AS_OF)
    assert result.exit_code == 1
    assert "SO-1 cannot move from confirmed to shipping; 3 gates not met:" in result.stderr
    for line in (
        "R4 (to enter funded)",
        "R5 (to enter production)",
        "R8 (to enter shipping)",
    ):
        assert line in result.stderr
    assert "R6" not in result.stderr  # balance against copy of B/L: the goods ship, the originals wait
    assert "R4 (to enter production)" not in result.stderr  # the same finding is named once


def test_override_records_the_special_approval_and_moves(tmp_path):
    root = ws_with(tmp_path, order("reviewed", COSTING))
    result = run(
        root,
        "advance",
        "SO-1",
        *AS_OF,
        "--by",
        "Chen Li",
        "--override",
        "--approved-by",
        "Zhang Wei",
        "--reason",
        "old customer, deposit on the way",
    )
    assert result.exit_code == 0, result.output
    assert "special approval by Zhang Wei recorded for R4: old customer, deposit on the way" in result.output
    data = load_file(root / "SO-1/order.yaml")
    assert data["stage"] == "funded"
    assert data["approvals"] == [
        {"rule": "R4", "by": "Zhang Wei", "date": "2026-11-30", "reason": "old customer, deposit on the way"}
    ]
    assert data["history"] == [
        {
            "date": "2026-11-30",
            "by": "Chen Li",
            "action": "advance",
            "from": "reviewed",
            "to": "funded",
            "reason": "old customer, deposit on the way",
            "overrides": ["R4"],
            "approved_by": "Zhang Wei",
        }
    ]
    assert run(root, "validate", *AS_OF).exit_code == 0


@pytest.mark.parametrize(
    "args", [["--override"], ["--override", "--approved-by", "Zhang Wei"], ["--override", "--reason", "why not"]]
)
def test_override_needs_approver_and_reason(tmp_path, args):
    root = ws_with(tmp_path, order("reviewed", COSTING))
    before = (root / "SO-1/order.yaml").read_text()
    result = run(root, "advance", "SO-1", *AS_OF, *args)
    assert result.exit_code == 2
    assert "--override needs --approved-by NAME" in result.stderr
    assert (root / "SO-1/order.yaml").read_text() == before


def test_r1_cannot_be_overridden(tmp_path):
    root = ws_with(tmp_path, order("inquiry").replace("quality: as approved PP sample\n", ""))
    result = run(root, "advance", "SO-1", *AS_OF, "--override", "--approved-by", "Z", "--reason", "r")
    assert result.exit_code == 1
    assert "R1 cannot be overridden" in result.stderr
    assert stage_of(root) == "inquiry"


@pytest.mark.parametrize(
    "stage,message",
    [
        ("cancelled", "SO-1 is cancelled; a cancelled order does not move"),
        ("closed", "SO-1 is closed, the last stage; it cannot advance"),
        ("on_hold", "SO-1 is on hold; resume it first"),
    ],
)
def test_advancing_a_cancelled_closed_or_held_order_is_refused(tmp_path, stage, message):
    root = ws_with(tmp_path, order(stage, COSTING, DEPOSIT + BALANCE, PP, FINAL))
    result = run(root, "advance", "SO-1", *AS_OF)
    assert result.exit_code == 1
    assert message in result.stderr


def test_an_order_that_fails_validation_is_refused(tmp_path):
    root = ws_with(tmp_path, order("production", COSTING))  # in production without the deposit
    result = run(root, "advance", "SO-1", *AS_OF)
    assert result.exit_code == 1
    assert "SO-1 fails validation; fix it first:" in result.stderr
    assert "E204 R4 deposit not received" in result.stderr
    # going back is how it gets fixed, so that is allowed
    result = run(root, "advance", "SO-1", "--to", "reviewed", "--reason", "no deposit yet", *AS_OF)
    assert result.exit_code == 0, result.output
    assert stage_of(root) == "reviewed"


def test_a_broken_order_file_is_refused_with_located_problems(tmp_path):
    root = ws_with(tmp_path, order("reviewed").replace("S: 100", "S: many"))
    result = run(root, "advance", "SO-1", *AS_OF)
    assert result.exit_code == 1
    assert "SO-1 fails validation; fix it first:" in result.stderr
    assert "SO-1/order.yaml:10:" in result.stderr and "E106" in result.stderr


def test_back_needs_a_reason_and_unknown_stage_suggests(tmp_path):
    root = ws_with(tmp_path, order("reviewed", COSTING))
    result = run(root, "advance", "SO-1", "--to", "confirmed", *AS_OF)
    assert result.exit_code == 2
    assert "going back from reviewed to confirmed needs --reason TEXT" in result.stderr
    result = run(root, "advance", "SO-1", "--to", "fundd", *AS_OF)
    assert result.exit_code == 2
    assert "unknown stage 'fundd' (did you mean 'funded'?)" in result.stderr
    result = run(root, "advance", "SO-1", "--to", "confirmed", "--reason", "price re-negotiated", "--by", "X", *AS_OF)
    assert result.output == "SO-1: moved back, reviewed -> confirmed (by X, 2026-11-30)\n"
    assert load_file(root / "SO-1/order.yaml")["history"][-1]["action"] == "back"


def test_hold_resume_cancel(tmp_path):
    root = ws_with(tmp_path, order("reviewed", COSTING))
    assert run(root, "hold", "SO-1", *AS_OF).exit_code == 2  # --reason is required
    result = run(root, "hold", "SO-1", "--reason", "customer rethinks colours", "--by", "A", *AS_OF)
    assert result.output == "SO-1: put on hold, reviewed -> on_hold (by A, 2026-11-30)\n"
    assert run(root, "validate", *AS_OF).exit_code == 0
    assert "already on hold" in run(root, "hold", "SO-1", "--reason", "x", *AS_OF).stderr
    result = run(root, "resume", "SO-1", "--by", "A", *AS_OF)
    assert result.output == "SO-1: resumed, on_hold -> reviewed (by A, 2026-11-30)\n"
    assert "not on hold" in run(root, "resume", "SO-1", *AS_OF).stderr
    run(root, "hold", "SO-1", "--reason", "again", *AS_OF)
    result = run(root, "cancel", "SO-1", "--reason", "customer withdrew the PO", "--by", "A", *AS_OF)
    assert result.output == "SO-1: cancelled, on_hold -> cancelled (by A, 2026-11-30)\n"
    history = load_file(root / "SO-1/order.yaml")["history"]
    assert [(h["action"], h["from"], h["to"]) for h in history] == [
        ("hold", "reviewed", "on_hold"),
        ("resume", "on_hold", "reviewed"),
        ("hold", "reviewed", "on_hold"),
        ("cancel", "on_hold", "cancelled"),
    ]
    assert run(root, "cancel", "SO-1", "--reason", "x", *AS_OF).exit_code == 1
    assert run(root, "resume", "SO-1", *AS_OF).exit_code == 1


def test_resume_without_history_needs_to(tmp_path):
    root = ws_with(tmp_path, order("on_hold", COSTING))
    result = run(root, "resume", "SO-1", *AS_OF)
    assert result.exit_code == 2
    assert "name it: gendan resume SO-1 --to STAGE" in result.stderr
    assert run(root, "resume", "SO-1", "--to", "reviewed", *AS_OF).exit_code == 0
    assert stage_of(root) == "reviewed"


def test_who_comes_from_by_then_env(tmp_path):
    root = ws_with(tmp_path, order("inquiry"))
    result = run(root, "advance", "SO-1", *AS_OF, env={"GENDAN_USER": "Li Na"})
    assert "(by Li Na, 2026-11-30)" in result.output


def test_config_with_unknown_gate_is_refused(tmp_path):
    config = "company: {name: T}\nstages:\n  - {key: inquiry}\n  - {key: confirmed, gates: [R1, R7]}\n"
    root = ws_with(tmp_path, order("inquiry"), config)
    result = run(root, "advance", "SO-1", *AS_OF)
    assert result.exit_code == 2
    assert "gendan.yaml:4:" in result.stderr
    assert "stage confirmed: unknown gate 'R7'" in result.stderr


def test_config_with_a_bad_holiday_date_is_refused(tmp_path):
    config = "company: {name: T}\nholidays:\n  extra: [2027-02-30]\n"
    root = ws_with(tmp_path, order("inquiry"), config)
    result = run(root, "advance", "SO-1", *AS_OF)
    assert result.exit_code == 2
    assert "gendan.yaml:3:" in result.stderr and "2027-02-30 is not a real date" in result.stderr
    assert stage_of(root) == "inquiry"


# Real processes -----------------------------------------------------------------


@pytest.mark.skipif(not __import__("shutil").which("git"), reason="git not installed")
def test_advance_in_git_changes_only_stage_and_history(tmp_path):
    text = order("materials", COSTING, DEPOSIT, PP).replace(
        "quality:", "# agreed on the phone with Ingrid, confirmed by mail 3 Nov\nquality:"
    )
    root = ws_with(tmp_path, text)
    commit_all(root)
    proc = start_gendan(root, "advance", "SO-1", *AS_OF)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    diff = subprocess.run(["git", "diff", "-U0"], cwd=root, capture_output=True, text=True, check=True).stdout
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        "-stage: materials",
        "+stage: production",
        "+history:",
        "+  - {date: 2026-11-30, by: Chen Li, action: advance, from: materials, to: production}",
    ]
    assert "# agreed on the phone with Ingrid" in (root / "SO-1/order.yaml").read_text()


@pytest.mark.slow
def test_two_processes_advancing_at_once(tmp_path):
    root = ws_with(tmp_path, order("reviewed", COSTING, DEPOSIT, PP))
    pause = tmp_path / "paused"
    # The first holds the lock for 5 s: time for the second to start and be refused by the
    # lock even on a loaded machine (with 2 s it sometimes read the file only afterwards).
    first = start_gendan(
        root, "advance", "SO-1", *AS_OF, env={"GENDAN_TEST_PAUSE_WRITE": str(pause), "GENDAN_TEST_PAUSE_SECONDS": "5"}
    )
    paused_write(first, pause)
    # the second waits its turn at most GENDAN_LOCK_WAIT seconds (30 by default), here 1
    second = start_gendan(root, "advance", "SO-1", *AS_OF, env={"GENDAN_LOCK_WAIT": "1"})
    out2, err2 = second.communicate(timeout=60)
    out1, err1 = first.communicate(timeout=60)
    assert first.returncode == 0, err1
    assert out1 == "SO-1: advanced, reviewed -> funded (by Chen Li, 2026-11-30)\n"
    assert second.returncode == 2
    assert err2 == (
        "gendan: another gendan has been changing SO-1 for more than 1 s; nothing written, try again "
        "(is a gendan stuck? GENDAN_LOCK_WAIT sets the wait)\n"
    )
    data = load_file(root / "SO-1/order.yaml")
    assert data["stage"] == "funded" and len(data["history"]) == 1
    assert run(root, "validate", *AS_OF).exit_code == 0


def test_a_killed_writer_leaves_the_file_intact(tmp_path):
    root = ws_with(tmp_path, order("reviewed", COSTING, DEPOSIT))
    before = (root / "SO-1/order.yaml").read_text()
    pause = tmp_path / "paused"
    proc = start_gendan(root, "advance", "SO-1", *AS_OF, env={"GENDAN_TEST_PAUSE_WRITE": str(pause)})
    paused_write(proc, pause)
    proc.kill()
    proc.communicate()
    assert (root / "SO-1/order.yaml").read_text() == before
    assert list((root / "SO-1").glob(".order.yaml.*.tmp"))
    result = run(root, "advance", "SO-1", *AS_OF)
    assert result.exit_code == 0, result.output
    assert not list((root / "SO-1").glob(".order.yaml.*.tmp"))


def test_override_of_the_milestones_gate(tmp_path):
    root = ws_with(tmp_path, "id: SO-1\ncustomer: {name: A}\nstage: open\n", MILESTONE_CONFIG)
    result = run(
        root,
        "advance",
        "SO-1",
        "--override",
        "--approved-by",
        "Zhang Wei",
        "--reason",
        "sewn elsewhere",
        "--by",
        "A",
        *AS_OF,
    )
    assert result.exit_code == 0, result.output
    assert "special approval by Zhang Wei recorded for milestones:making: sewn elsewhere" in result.output
    assert [a["rule"] for a in load_file(root / "SO-1/order.yaml")["approvals"]] == ["milestones:making"]


@pytest.mark.skipif(not __import__("shutil").which("git"), reason="git not installed")
def test_who_falls_back_to_git_user_name(tmp_path, monkeypatch):
    from gendan.commands.options import who

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.name", "Wang Gang"], check=True)
    monkeypatch.delenv("GENDAN_USER", raising=False)
    assert who(None, tmp_path) == "Wang Gang"
    assert who("  Li Na ", tmp_path) == "Li Na"
    monkeypatch.setenv("GENDAN_USER", "Chen Li")
    assert who(None, tmp_path) == "Chen Li"


@pytest.mark.parametrize("command", ["advance", "hold", "resume", "cancel", "done", "revise", "change", "plan"])
def test_commands_have_help_and_an_example(command):
    result = run(None, command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_init_ignores_the_order_lock(tmp_path):
    from gendan.store.scaffold import init_workspace

    init_workspace(tmp_path / "ws")
    assert ".order.yaml.lock" in (tmp_path / "ws/.gitignore").read_text().split()


def test_override_that_is_not_needed_records_no_approval(tmp_path):
    root = ws_with(tmp_path, order("inquiry"))
    result = run(root, "advance", "SO-1", "--override", "--approved-by", "Z", "--reason", "r", "--by", "A", *AS_OF)
    assert result.output == (
        "SO-1: advanced, inquiry -> confirmed (by A, 2026-11-30)\n"
        "  (--override was not needed: every gate holds; no special approval recorded)\n"
    )
    data = load_file(root / "SO-1/order.yaml")
    assert "approvals" not in data and "overrides" not in data["history"][0]
