"""The T&A engine through the CLI: one notion of done in every command, the issue's reproductions
on the example workspace, and honest re-planning."""

from __future__ import annotations

import json
import re

import openpyxl
import pytest

from gendan.store.workspace import Workspace
from tests.helpers import make_workspace, run

AS_OF = ("--as-of", "2026-11-30")


def example_ids(root) -> list[str]:
    loaded, problems = Workspace.open(root).load_all()
    assert not problems
    return sorted(lo.order.id for lo in loaded)


def test_every_command_reports_the_same_done_and_open_milestones(examples, tmp_path):
    """plan, show, overdue, tracker, site and whatif agree, for every example order, on which
    milestones are done (gendan.domain.calendar.completion) and which are open."""
    from gendan.reports.facts import confirmed, inquiry_stage, is_open

    ws = Workspace.open(examples)
    orders = {lo.order.id: lo.order for lo in ws.load_all()[0]}
    overdue = json.loads(run(examples, *AS_OF, "overdue", "--within", "100000", "--format", "json").stdout)
    book = tmp_path / "t.xlsx"
    assert run(examples, *AS_OF, "tracker", "-o", str(book)).exit_code == 0
    sheet = openpyxl.load_workbook(book)["Milestones"]
    tracker: dict[str, dict[str, str]] = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        tracker.setdefault(row[0], {})[row[2]] = row[12]
    site = tmp_path / "site"
    assert run(examples, *AS_OF, "site", "-o", str(site)).exit_code == 0
    checked = 0
    for ident, order in orders.items():
        plan = json.loads(run(examples, *AS_OF, "plan", ident, "--format", "json").stdout)
        done = {r["milestone"] for r in plan if r["done"]}
        open_ = {r["milestone"] for r in plan if not r["done"]}
        due = {r["milestone"] for r in plan if not r["done"] and (r["revised"] or r["planned"] or r["computed"])}
        # show lists the open milestones with a date (all of them with a large --upcoming)
        show = json.loads(run(examples, *AS_OF, "show", ident, "--upcoming", "100", "--format", "json").stdout)
        assert {m["milestone"] for m in show["next_milestones"]} == due, ident
        # overdue, with a window wide enough for everything: exactly the open milestones with a date
        mine = [i for i in overdue if i["order"] == ident]
        reported = {i["milestone"] for i in mine if i["kind"] in ("overdue", "due_soon")}
        if any(i["kind"] == "payment" for i in mine):  # the money item stands for the balance milestone
            reported.add("balance_received")
        if not is_open(order, ws.config):
            assert reported <= {"balance_received"}, ident
        elif not confirmed(order, ws.config):  # an inquiry is chased for its quotation and samples only
            stages = {r["milestone"]: r["stage"] for r in plan}
            assert reported == {k for k in due if inquiry_stage(stages[k], ws.config)}, ident
        else:
            assert reported == due & reported and reported >= due - {"balance_received"}, ident
        # the tracker's Milestones sheet and the site's order page
        assert {k for k, v in tracker[ident].items() if v in ("done", "passed")} == done, ident
        page = (site / "orders" / f"{ident}.html").read_text(encoding="utf-8")
        statuses = dict(re.findall(r'<tr><td>([a-z_]+)</td>.*?<td class="status-([a-z-]+)">', page))
        assert {k for k, v in statuses.items() if v in ("done", "passed")} == done, ident
        assert {k for k, v in statuses.items() if v not in ("done", "passed")} == open_, ident
        checked += 1
    assert checked == len(orders) >= 14
    # whatif slips only open milestones: cutting (open in 0127, 0133, 0139, 0142...; done or passed elsewhere)
    slipped = json.loads(run(examples, *AS_OF, "whatif", "--slip", "cutting_start=1", "--format", "json").stdout)
    for ident, order in orders.items():
        plan = json.loads(run(examples, *AS_OF, "plan", ident, "--format", "json").stdout)
        rows = {r["milestone"]: r for r in plan}
        ahead = (
            is_open(order, ws.config)
            and not rows["cutting_start"]["done"]
            and not rows["ex_factory"]["done"]
            and rows["cutting_start"]["forecast"] is not None
        )
        assert (ident in {e["order"] for e in slipped}) == ahead, ident


def test_so_2026_0142_plan_shows_the_chain(examples):
    out = run(examples, *AS_OF, "plan", "SO-2026-0142", "--wide").stdout
    assert out.rstrip().endswith(
        "AT RISK: forecast ex-factory 2027-03-25, 24 working days after the contract date 2027-02-20\n"
        "why: ex_factory 2027-03-25 ← cutting_start 2027-01-26 ← fabric_in_house 2027-01-12 (revised: mill delay)"
    )
    rows = {
        r["milestone"]: r for r in json.loads(run(examples, *AS_OF, "plan", "SO-2026-0142", "--format", "json").stdout)
    }
    # cutting waits for the fabric: 10 working days after Tue 2027-01-12
    assert rows["cutting_start"]["forecast"] == "2027-01-26" and rows["cutting_start"]["slack"] == 0
    # the deposit is done (paid 2026-10-20), not "slipping"; the PP sample too (approved 2026-11-10)
    assert rows["deposit_received"]["done"] and rows["deposit_received"]["note"] == "done"
    assert rows["pp_sample_approved"]["done"]
    show = json.loads(run(examples, *AS_OF, "show", "SO-2026-0142", "--format", "json").stdout)
    assert show["chain"] == ["ex_factory", "cutting_start", "fabric_in_house"]
    assert show["forecast_ex_factory"] == "2027-03-25" and show["working_days_late"] == 24
    assert "deposit_received" not in {m["milestone"] for m in show["next_milestones"]}
    items = json.loads(run(examples, *AS_OF, "overdue", "--format", "json").stdout)
    risk = next(i for i in items if i["order"] == "SO-2026-0142" and i["kind"] == "at_risk")
    assert risk["chain"] == ["ex_factory", "cutting_start", "fabric_in_house"]
    assert risk["detail"].endswith("← fabric_in_house 2027-01-12 (revised: mill delay)")


def test_revising_trims_moves_ex_factory_and_whatif_sees_it(examples):
    # trims (sewing - 7) revised to Fri 2027-02-26: sewing Mar 9, mid inspection Mar 23, final Mar 30,
    # ex-factory Wed 2027-03-31 (later than cutting + 27 = Mar 25)
    r = run(examples, *AS_OF, "revise", "SO-2026-0142", "trims_in_house", "2027-02-26", "--reason", "zips")
    assert r.exit_code == 0, r.output
    assert "AT RISK: forecast ex-factory 2027-03-31, 28 working days after the contract date 2027-02-20" in r.stdout
    assert "← sewing_start 2027-03-09 ← trims_in_house 2027-02-26 (revised: zips)" in r.stdout
    # the what-ifs: both make on-time orders late
    for slip in ("trims_in_house=40", "pp_sample_approved=20"):
        rows = json.loads(run(examples, *AS_OF, "whatif", "--slip", slip, "--format", "json").stdout)
        late = [e for e in rows if e["verdict"] == "becomes late"]
        assert late, slip
        for e in late:
            assert e["ex_factory_moves"] > 0 and e["chain"].endswith("(revised: what-if)")
    rows = json.loads(run(examples, *AS_OF, "whatif", "--slip", "pp_sample_approved=20", "--format", "json").stdout)
    e = next(e for e in rows if e["order"] == "SO-2026-0139")
    # PP approval forecast Tue 2026-12-29 + 20 working days = Wed 2027-01-27 (Jan 1 a holiday); cutting + 5 =
    # Feb 3 falls in the closure -> Wed 2027-02-24; ex-factory + 27 -> Fri 2027-04-02, 20 working days late
    assert (e["milestone"], e["slipped_to"], e["forecast_after"], e["working_days_late"]) == (
        "2026-12-29",
        "2027-01-27",
        "2027-04-02",
        20,
    )
    assert e["chain"] == (
        "ex_factory 2027-04-02 ← cutting_start 2027-02-24 ← pp_sample_approved 2027-01-27 (revised: what-if)"
    )
    # a slip within the slack moves nothing: pp_meeting of SO-2026-0142 has 23 working days
    rows = json.loads(run(examples, *AS_OF, "whatif", "--slip", "pp_meeting=23", "--format", "json").stdout)
    assert next(e for e in rows if e["order"] == "SO-2026-0142")["ex_factory_moves"] == 0


@pytest.mark.parametrize("ident", ["SO-2026-0139", "SO-2026-0148", "SO-2026-0150", "SO-2026-0151", "SO-2026-0120"])
def test_replanning_an_on_time_order_leaves_it_on_time(examples, ident):
    before = json.loads(run(examples, *AS_OF, "plan", ident, "--format", "json").stdout)
    exf = next(r for r in before if r["milestone"] == "ex_factory")
    assert exf["forecast"] == exf["computed"]  # on time
    assert run(examples, *AS_OF, "plan", ident, "--write").exit_code == 0
    after = json.loads(run(examples, *AS_OF, "plan", ident, "--format", "json").stdout)
    assert next(r for r in after if r["milestone"] == "ex_factory")["forecast"] == exf["forecast"]
    # milestones whose plan already was the template's keep their forecast
    same = {r["milestone"] for r in before if r["planned"] in (None, r["computed"])}
    assert {r["milestone"]: r["forecast"] for r in after if r["milestone"] in same} == {
        r["milestone"]: r["forecast"] for r in before if r["milestone"] in same
    }
    # done milestones are left as they were
    assert {r["milestone"]: r["planned"] for r in after if r["done"]} == {
        r["milestone"]: r["planned"] for r in before if r["done"]
    }


def test_change_ex_factory_then_replan_counts_no_slip_twice(examples):
    """SO-2026-0139 is on time; the buyer moves ex-factory a week later and the plan follows: still on
    time, and nothing already done (po_received, costing... all on their actual dates) is a slip."""
    ident = "SO-2026-0139"
    r = run(
        examples,
        *AS_OF,
        "change",
        ident,
        "ex_factory",
        "2027-03-12",
        "--requested-by",
        "buyer",
        "--approved-by",
        "boss",
    )
    assert r.exit_code == 0, r.output
    assert "on time" in run(examples, *AS_OF, "plan", ident, "--wide").stdout.splitlines()[-1]
    assert run(examples, *AS_OF, "plan", ident, "--write").exit_code == 0
    assert (
        run(examples, *AS_OF, "plan", ident)
        .stdout.rstrip()
        .endswith("forecast ex-factory 2027-03-12, contract 2027-03-12: on time")
    )
    items = json.loads(run(examples, *AS_OF, "overdue", "--format", "json").stdout)
    assert not [i for i in items if i["order"] == ident and i["kind"] == "at_risk"]


def test_plan_write_does_not_make_passed_stages_overdue(tmp_path):
    """An order at `reviewed` re-planned: po_received (stage confirmed, behind it) is done, not late."""
    order = """\
    id: SO-1
    customer: {name: C}
    stage: reviewed
    po_date: 2026-11-10
    ex_factory: 2027-04-30
    history:
      - {date: 2026-11-11, by: X, action: advance, from: confirmed, to: reviewed}
    """
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order})
    assert run(root, *AS_OF, "plan", "SO-1", "--write").exit_code == 0
    items = json.loads(run(root, *AS_OF, "overdue", "--format", "json").stdout)
    assert "po_received" not in {i["milestone"] for i in items}
    rows = {r["milestone"]: r for r in json.loads(run(root, *AS_OF, "plan", "SO-1", "--format", "json").stdout)}
    assert rows["po_received"]["done"] and rows["po_received"]["note"] == "stage passed"
    assert rows["po_received"]["planned"] is None  # a done milestone is not re-planned


def test_an_order_milestone_with_its_own_anchor_joins_the_network(tmp_path):
    order = """\
    id: SO-1
    customer: {name: C}
    stage: inquiry
    po_date: 2026-10-12
    ex_factory: 2027-02-26
    milestones:
      embroidery_approved: {anchor: cutting_start, offset: -2, revised: 2027-01-20, reason: new artwork}
    """
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order})
    assert " E11" not in run(root, *AS_OF, "validate", "SO-1").stdout  # known: it names its anchor
    rows = {r["milestone"]: r for r in json.loads(run(root, *AS_OF, "plan", "SO-1", "--format", "json").stdout)}
    # planned: cutting (ex-factory - 27 = Tue 2026-12-29) - 2 working days = Fri 2026-12-25 (not a CN holiday)
    assert rows["embroidery_approved"]["computed"] == "2026-12-25"
    # cutting >= embroidery approved (Wed 2027-01-20) + 2 working days -> Fri 2027-01-22
    assert rows["cutting_start"]["forecast"] == "2027-01-22"
    why = run(root, *AS_OF, "plan", "SO-1", "--wide").stdout.rstrip().splitlines()[-1]
    assert why == (
        "why: ex_factory 2027-03-23 ← cutting_start 2027-01-22 ← embroidery_approved 2027-01-20 (revised: new artwork)"
    )
    bad = order.replace("anchor: cutting_start, offset: -2", "anchor: cuting_start, offset: -2")
    root = make_workspace(tmp_path / "bad", {"SO-1/order.yaml": bad})
    out = run(root, *AS_OF, "validate", "SO-1").stdout
    assert "SO-1/order.yaml:7:33: E114 milestone embroidery_approved is anchored on unknown 'cuting_start'" in out
    assert "did you mean 'cutting_start'?" in out


WARN_CONFIG = """\
company: {name: T}
holidays: {country: null, closures: []}
milestone_templates:
  default:
    - {key: po_received, anchor: po_date, offset: 0, stage: confirmed}
    - {key: fit_sample_comments, anchor: po_date, offset: 15, stage: sampling}
    - {key: pp_sample_submitted, anchor: cutting_start, offset: -15, stage: sampling, after: {fit_sample_comments: 3}}
    - {key: cutting_start, anchor: ex_factory, offset: -27, stage: production}
    - {key: fabric_in_house, anchor: cutting_start, offset: -10, stage: materials}
    - {key: ex_factory, anchor: ex_factory, offset: 0, stage: shipping}
  jacket:
    - {key: ex_factory, anchor: ex_factory, offset: 0, stage: shipping}
"""

WARN_ORDER = """\
id: SO-1
customer: {name: C}
stage: inquiry
style: {number: X, product_type: jackets}
po_date: 2026-11-02
ex_factory: 2026-12-18
materials:
  - {item: shell, kind: fabric, due: 2026-12-01}
"""


def test_warnings_where_the_plan_cannot_hold(tmp_path):
    """Mon-Fri, no holidays. Ex-factory Fri 2026-12-18: cutting = -27 working days = Wed 2026-11-11
    (Dec 17..14, 11..7, 4..Nov 30, Nov 27..23, 20..16, 13, 12, 11); fabric in house = cutting - 10 =
    Wed 2026-10-28, before the PO (Mon 2026-11-02) by Oct 29, 30, Nov 2 = 3 working days; PP sample =
    cutting - 15 = Wed 2026-10-21, 8 working days before the PO, and it comes 3 working days after the
    fit comments (PO + 15 = Mon 2026-11-23), so not before Thu 2026-11-26: Oct 22 .. Nov 26 is 26
    working days short; the shell fabric is due Tue 2026-12-01, 24 working days after Oct 28."""
    root = make_workspace(tmp_path, {"SO-1/order.yaml": WARN_ORDER}, WARN_CONFIG)
    result = run(root, *AS_OF, "validate")
    assert result.exit_code == 0, result.output  # warnings only
    assert result.stdout.splitlines() == [
        f"{root}/SO-1/order.yaml:4:34: W404 product type 'jackets' has no milestone template; the default "
        "template plans it (did you mean 'jacket'?)",
        f"{root}/SO-1/order.yaml:5:10: W402 fabric_in_house is planned on 2026-10-28, 3 working days before "
        "the PO date: the lead time is 3 working days too short",
        f"{root}/SO-1/order.yaml:5:10: W402 pp_sample_submitted is planned on 2026-10-21, 8 working days before "
        "the PO date: the lead time is 8 working days too short",
        f"{root}/SO-1/order.yaml:6:13: W401 the template's order of work does not fit this lead time: "
        "pp_sample_submitted is planned on 2026-10-21 but comes at least 3 working days after fit_sample_comments "
        "(2026-11-23): 26 working days short",
        f"{root}/SO-1/order.yaml:8:38: W405 shell is due 2026-12-01, 24 working days after fabric_in_house "
        "(2026-10-28) that needs it",
        "1 order checked, no problems, 5 warnings",
    ]
    assert run(root, *AS_OF, "validate", "--strict").exit_code == 1
    plan = run(root, *AS_OF, "plan", "SO-1")
    assert plan.exit_code == 0 and plan.stderr.splitlines()[1].endswith(
        "W402 fabric_in_house is planned on 2026-10-28, 3 working days before the PO date: the lead time is "
        "3 working days too short"
    )
    assert run(root, *AS_OF, "plan", "SO-1", "--strict").exit_code == 1
    # a closed order is history: no warnings
    closed = WARN_ORDER.replace("stage: inquiry", "stage: closed")
    root = make_workspace(tmp_path / "closed", {"SO-1/order.yaml": closed}, WARN_CONFIG)
    assert " W4" not in run(root, *AS_OF, "validate").stdout  # (the gates of a closed order are other matters)


def test_ex_factory_inside_a_closure_is_a_warning(tmp_path):
    order = WARN_ORDER.replace("ex_factory: 2026-12-18", "ex_factory: 2027-02-10").replace(
        "product_type: jackets", "product_type: jacket"
    )
    config = WARN_CONFIG.replace("closures: []", "closures: [{name: CNY, from: 2027-02-01, to: 2027-02-19}]")
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order}, config)
    out = run(root, *AS_OF, "validate").stdout
    assert "W403 ex-factory 2027-02-10 is inside the closure CNY (2027-02-01 to 2027-02-19)" in out


def test_a_circle_in_the_order_of_work_is_a_config_error(tmp_path):
    config = WARN_CONFIG.replace(
        "{key: fabric_in_house, anchor: cutting_start, offset: -10, stage: materials}",
        "{key: fabric_in_house, anchor: cutting_start, offset: -10, stage: materials, after: {ex_factory: 1}}",
    )
    root = make_workspace(tmp_path, {"SO-1/order.yaml": WARN_ORDER}, config)
    out = run(root, *AS_OF, "validate").stdout
    assert "E300 template default: the order of work goes in a circle: cutting_start -> ex_factory -> " in out
    unknown = WARN_CONFIG.replace("after: {fit_sample_comments: 3}", "after: {fit_sample_coments: 3}")
    root = make_workspace(tmp_path / "u", {"SO-1/order.yaml": WARN_ORDER}, unknown)
    out = run(root, *AS_OF, "validate").stdout
    assert "comes after unknown 'fit_sample_coments' (did you mean 'fit_sample_comments'?)" in out
