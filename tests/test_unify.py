"""One definition of each thing: one stage validator, one `--by`, one order.yaml text
builder, one edit pipeline. Each test here fails if a second copy comes back."""

from __future__ import annotations

import json

import pytest
from conftest import run

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
