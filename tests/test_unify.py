"""One definition of each thing: one stage validator, one `--by`, one order.yaml text
builder, one edit pipeline. Each test here fails if a second copy comes back."""

from __future__ import annotations

import json

import pytest

from gendan.store.yamlio import load_file
from tests.helpers import make_workspace, run

FLOW = ", ".join(
    "inquiry confirmed reviewed funded sampling materials production inspection shipping paid delivered closed".split()
)
AS_OF = ("--as-of", "2026-12-01")


# --- 1. one stage validator -----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "accepted"),
    [
        (("list", "--stage", "shiping"), FLOW + ", on_hold, cancelled"),
        (("overdue", *AS_OF, "--stage", "shiping"), FLOW + ", on_hold, cancelled"),
        (("advance", "SO-2026-0142", *AS_OF, "--to", "shiping"), FLOW),
        (("resume", "SO-2026-0098", *AS_OF, "--to", "shiping"), FLOW),
    ],
    ids=["list", "overdue", "advance", "resume"],
)
def test_an_unknown_stage_is_worded_once_everywhere(examples, args, accepted):
    before = {p: p.read_bytes() for p in examples.rglob("order.yaml")}
    result = run(examples, *args)
    assert result.exit_code == 2, result.output
    # the whole message, from the one validator (Config.check_stage): the stages listed are those accepted there
    assert result.stderr.splitlines()[-1] == (
        f"gendan: unknown stage 'shiping' (did you mean 'shipping'?); stages are {accepted}"
    )
    assert {p: p.read_bytes() for p in examples.rglob("order.yaml")} == before


def test_overdue_stage_filter_is_exact_like_list(examples):
    """`overdue --stage productoin` used to say "nothing overdue" (exit 0); now a usage error."""
    result = run(examples, "overdue", *AS_OF, "--stage", "productoin")
    assert result.exit_code == 2
    assert "unknown stage 'productoin' (did you mean 'production'?)" in result.stderr
    ok = run(examples, "overdue", *AS_OF, "--stage", "on_hold", "--format", "csv")
    assert ok.exit_code in (0, 1), ok.output
    assert "unknown stage" not in ok.stderr


def test_there_is_one_stage_validator():
    import gendan.domain.workflow as workflow
    import gendan.reports.summary as summary

    assert not hasattr(summary, "check_stage")
    assert not hasattr(workflow, "stage_name")


# --- 2. `--by` means who acts; status groups with --group-by -----------------------------


def test_status_groups_with_group_by(examples):
    result = run(examples, "status", *AS_OF, "--group-by", "customer", "--format", "json")
    assert result.exit_code == 0, result.output
    st = json.loads(result.stdout)
    assert st["group_by"] == "customer" and "by" not in st
    assert {"Nordic Outdoor AS", "Fjord Kids AS"} <= {r["group"] for r in st["pipeline"]}
    table = run(examples, "status", *AS_OF, "--group-by", "factory")
    assert table.stdout.splitlines()[1].split()[:2] == ["factory", "stage"]
    bad = run(examples, "status", "--group-by", "owner")
    assert bad.exit_code == 2 and "'owner' is not one of 'merchandiser', 'customer', 'factory'" in bad.stderr


def test_status_by_is_a_hidden_deprecated_alias(examples):
    new = run(examples, "status", *AS_OF, "--group-by", "merchandiser")
    old = run(examples, "status", *AS_OF, "--by", "merchandiser")
    assert old.exit_code == 0 and old.stdout == new.stdout
    assert old.stderr == "gendan: status --by is deprecated; use --group-by merchandiser\n"
    assert new.stderr == ""
    help_text = run(examples, "status", "--help").stdout
    assert "--group-by" in help_text and "--by" not in help_text
    both = run(examples, "status", "--by", "customer", "--group-by", "factory")
    assert both.exit_code == 2 and "disagree" in both.stderr


def test_by_names_who_acts_in_every_command_that_has_it():
    """Every visible `--by` option takes a NAME (who acts); none is a grouping."""
    import click

    from gendan.cli import cli
    from gendan.commands.status import GROUPS
    from gendan.reports.facts import GROUPS as REPORT_GROUPS

    assert GROUPS == REPORT_GROUPS
    with_by = []
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option) and "--by" in param.opts and not param.hidden:
                assert param.metavar == "NAME", name
                with_by.append(name)
    assert {"advance", "hold", "resume", "cancel"} <= set(with_by)
    assert "status" not in with_by


# --- 3. one order.yaml text builder ------------------------------------------------------

NEW_TEXT = """\
# yaml-language-server: $schema=../../order.schema.json
# Order SO-2026-0160, started 2026-11-30 with `gendan new`. Fill in what you know;
# `gendan validate SO-2026-0160` checks it. From stage `confirmed` on, the four
# essentials are needed (R1): lines with prices and quantities, quality, ex_factory.
id: SO-2026-0160                 # the folder name; do not change it here alone
customer:
  name: "Nordic: \\"North\\" #1"
  # country: NO                # ISO code (NO stays the text NO)
  # po: ""                     # the customer's PO number
  # contact: ""
  # email: ""
merchandiser: "NO"
# factory: {name: "", contact: ""}
style:
  number: "0012"
  # description: ""
  # product_type: outerwear    # picks the milestone template in gendan.yaml
# incoterm: FOB Shanghai
# currency: USD
# payment: {terms: deposit_balance, deposit_pct: 30}   # or lc, dp, da, tt_before_shipment
# quality: "as approved PP sample; AQL 2.5 major / 4.0 minor"
# po_date: 2026-11-30
# ex_factory: YYYY-MM-DD
stage: inquiry
# lines:                       # one per colour; pieces per size, whole numbers
#   - colour: Black
#     unit_price: 18.50        # no thousands separators
#     sizes: {S: 100, M: 200, L: 200, XL: 100}
# milestones:                  # the T&A calendar: `gendan plan SO-2026-0160 --write` fills it
#   pp_sample_approved: {planned: YYYY-MM-DD, owner: ""}
# samples: []                  # {type: proto|fit|pp..., round, sent, reply, verdict, comments}
# payments: []                 # {kind: deposit|balance|lc|full, amount, received, confirmed_by}
# costing: {items: [{item: fabric, cost: 0.00}]}
# notes: |
#   free text
"""


def test_new_writes_the_template_byte_for_byte(tmp_path):
    """The text `gendan new` wrote before the builder was shared (checked by hand against the
    old f-string template: same comments, same column of `#`, every given value quoted)."""
    root = make_workspace(tmp_path, {})
    args = ("--customer", 'Nordic: "North" #1', "--style", "0012", "--merchandiser", "NO", "--dir", "2026")
    result = run(root, "--as-of", "2026-11-30", "new", "SO-2026-0160", *args)
    assert result.exit_code == 0, result.output
    assert (root / "2026/SO-2026-0160/order.yaml").read_text(encoding="utf-8") == NEW_TEXT
    assert load_file(root / "2026/SO-2026-0160/order.yaml")["merchandiser"] == "NO"  # text, not false


def test_new_and_import_write_one_shape(tmp_path, monkeypatch):
    """Both go through gendan.store.ordertext.order_text, and write a given value the same way."""
    from openpyxl import Workbook

    from gendan.store import ordertext

    calls = []
    real = ordertext.order_text
    monkeypatch.setattr(ordertext, "order_text", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    root = make_workspace(tmp_path, {})
    run(root, "--as-of", "2026-11-30", "new", "SO-1", "--customer", "yes", "--style", "0012", "--merchandiser", "NO")
    wb = Workbook()
    wb.active.append(["Order No", "Customer", "Style", "Merchandiser"])
    wb.active.append(["SO-2", "yes", "0012", "NO"])
    wb.save(tmp_path / "t.xlsx")
    imported = run(root, "--as-of", "2026-11-30", "import", str(tmp_path / "t.xlsx"))
    assert imported.exit_code == 0, imported.output
    assert calls == ["SO-1", "SO-2"]
    new = (root / "SO-1/order.yaml").read_text(encoding="utf-8").splitlines()
    imp = (root / "SO-2/order.yaml").read_text(encoding="utf-8").splitlines()
    assert new[0] == imp[0] == "# yaml-language-server: $schema=../order.schema.json"
    for line in ('  name: "yes"', 'merchandiser: "NO"', "style:", '  number: "0012"', "stage: inquiry"):
        assert line in new and line in imp, line
    assert load_file(root / "SO-2/order.yaml")["customer"] == {"name": "yes"}
    assert run(root, "--as-of", "2026-11-30", "validate").exit_code == 0


# --- 4. one edit pipeline ----------------------------------------------------------------

EDITS = {
    "advance": ("advance", "SO-2026-0151", "--to", "inquiry", "--reason", "PI withdrawn", "--by", "Chen Li"),
    "hold": ("hold", "SO-2026-0151", "--reason", "buyer waits for a colour", "--by", "Chen Li"),
    "resume": ("resume", "SO-2026-0098", "--by", "Chen Li"),
    "cancel": ("cancel", "SO-2026-0151", "--reason", "PO withdrawn", "--by", "Chen Li"),
    "done": ("done", "SO-2026-0151", "order_review", "--date", "2026-11-24"),
    "revise": ("revise", "SO-2026-0151", "costing", "2026-12-02", "--reason", "cost sheet late"),
    "change": (
        "change",
        "SO-2026-0151",
        "ex_factory",
        "2027-03-30",
        "--requested-by",
        "Claire Dubois",
        "--approved-by",
        "Zhang Wei",
        "--reason",
        "store opening",
    ),
    "plan --write": ("plan", "SO-2026-0151", "--write"),
    "pay": ("pay", "SO-2026-0142", "balance", "15540.00", "--by", "Liu Fang"),
}


@pytest.mark.parametrize("args", EDITS.values(), ids=EDITS.keys())
def test_every_order_changing_command_goes_through_the_one_pipeline(examples, monkeypatch, args):
    """Each command calls editing.edit_order once, and the file is written from there and only there
    (through `edit.edit`: read, change and write in one turn under the order's lock)."""
    import sys

    from gendan.commands import editing
    from gendan.store import edit

    calls, writers = [], []
    real_pipeline, real_edit = editing.edit_order, edit.edit

    def pipeline(ws, order_id, change, **kw):
        calls.append(order_id)
        return real_pipeline(ws, order_id, change, **kw)

    def edit_(path, shown, change, verify=None):
        writers.append(sys._getframe(1).f_code.co_name)
        return real_edit(path, shown, change, verify)

    monkeypatch.setattr(editing, "edit_order", pipeline)
    monkeypatch.setattr(edit, "edit", edit_)
    path = next(examples.rglob(f"{args[1]}/order.yaml"))
    before = path.read_bytes()
    result = run(examples, "--as-of", "2026-11-30", *args)
    assert result.exit_code == 0, result.output
    assert calls == [args[1]]
    assert writers == ["edit_order"]
    assert path.read_bytes() != before
    assert result.stdout.strip()  # what was done is said


def test_no_command_opens_an_order_for_writing_by_itself():
    """Only the pipeline calls the editor's write; a command reading an order (log, diff, plan) may open it."""
    from pathlib import Path

    import gendan.commands

    folder = Path(gendan.commands.__file__).parent
    writers = sorted(
        p.name
        for p in folder.glob("*.py")
        if any(w in p.read_text(encoding="utf-8") for w in ("edit.write(", "edit.edit("))
    )
    assert writers == ["editing.py"]


def test_the_pipeline_writes_nothing_when_the_change_refuses(examples):
    path = next(examples.rglob("SO-2026-0098/order.yaml"))  # on hold
    before = path.read_bytes()
    result = run(examples, "--as-of", "2026-11-30", "hold", "SO-2026-0098", "--reason", "again", "--by", "A")
    assert result.exit_code == 1
    assert result.stderr == "gendan: SO-2026-0098 is already on hold\n" and result.stdout == ""
    assert path.read_bytes() == before


# --- one way to say a milestone's or a stage's name -------------------------------------------


def test_milestone_and_stage_names_are_said_by_words_only(examples):
    """The mail/chat report and the calendar feed name milestones and stages through
    i18n.Words, as every other report does: no copy of the naming of their own."""
    from datetime import date

    from gendan.render import i18n, ical, notify
    from gendan.store.workspace import Workspace

    assert not hasattr(notify.Report, "milestone")
    assert not hasattr(ical.Wording, "milestone") and not hasattr(ical.Wording, "stage")
    config = Workspace.open(examples).config
    report = notify.Report(date(2026, 11, 30), "zh", config=config)
    feed = ical.Wording("zh", config=config)
    for said in (report.words, feed.words):
        assert isinstance(said, i18n.Words)
        assert said.milestone("lab_dip_submitted") == "寄色样" and said.stage("production") == "大货生产"
    assert ical.Wording("en").words.milestone("lab_dip_submitted", "Lab dip submitted") == "Lab dip submitted"
    assert notify.Report(date(2026, 11, 30)).words.milestone("lab_dip_submitted") == "lab_dip_submitted"
