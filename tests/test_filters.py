"""One filter for every command that filters orders or items (gendan/reports/filters.py):
the same matching, the same validation, the same message, in list, overdue, status, whatif."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import EXAMPLES, make_workspace, run

AS_OF = ("--as-of", "2026-11-30")
# Each filtering command, and how to read the order ids out of its --format json output.
COMMANDS = {
    "list": (("list",), lambda out: [r["id"] for r in out]),
    "overdue": (("overdue", *AS_OF), lambda out: [r["order"] for r in out]),
    "status": (
        ("status", *AS_OF),
        lambda out: [
            r["order"]
            for rows in (out["at_risk"], out["on_hold"], out["this_week"]["orders"], out["next_week"]["orders"])
            for r in rows
        ],
    ),
    "whatif": (("whatif", "--slip", "fabric_in_house=7", *AS_OF), lambda out: [r["order"] for r in out]),
}


def ids_of(root, command: str, *filters: str) -> list[str]:
    args, read = COMMANDS[command]
    result = run(root, *args, *filters, "--format", "json")
    assert result.exit_code == 0, result.output
    return read(json.loads(result.stdout))


def folders_with(root, text: str) -> set[str]:
    """The order ids whose order.yaml has this line (the example files write one party per line)."""
    return {p.parent.name for p in root.rglob("order.yaml") if text in p.read_text(encoding="utf-8")}


CHEN = folders_with(EXAMPLES, "merchandiser: Chen Li")
HONGDA = folders_with(EXAMPLES, "name: Ningbo Hongda Garment Co.")
NORDIC = folders_with(EXAMPLES, "name: Nordic Outdoor AS")


def test_the_reported_bugs_are_gone(examples):
    """On the main before this change: `overdue --merchandiser chen` found nothing while
    `list --merchandiser chen` found Chen Li's orders; `overdue --stage productoin` exited 0."""
    assert ids_of(examples, "list", "--merchandiser", "chen") == sorted(CHEN)
    found = set(ids_of(examples, "overdue", "--merchandiser", "chen"))
    assert found and found <= CHEN
    typo = run(examples, "overdue", "--stage", "productoin", *AS_OF)
    assert typo.exit_code == 2 and typo.stdout == ""
    assert typo.stderr.startswith(
        "gendan: unknown stage 'productoin' (did you mean 'production'?); stages are inquiry,"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_stage_is_the_same_usage_error_everywhere(examples, command):
    args, _ = COMMANDS[command]
    result = run(examples, *args, "--stage", "productoin")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "gendan: unknown stage 'productoin' (did you mean 'production'?); stages are inquiry, confirmed, "
        "reviewed, funded, sampling, materials, production, inspection, shipping, paid, delivered, closed, "
        "on_hold, cancelled\n"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_stage_is_refused_even_with_no_order(tmp_path, command):
    root = make_workspace(tmp_path, {})
    args, _ = COMMANDS[command]
    if command == "whatif":
        args = ("whatif", "--slip", "fabric_in_house=7")
    result = run(root, *args, "--stage", "shiping")
    assert result.exit_code == 2 and "unknown stage 'shiping' (did you mean 'shipping'?)" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("option", "text", "wanted"),
    [
        ("--merchandiser", "cHEN", CHEN),
        ("--merchandiser", "  chen   li ", CHEN),  # white space at the ends and inside taken as one space
        ("--merchandiser", "ＣＨＥＮ", CHEN),  # full-width letters, as a Chinese input method types them
        ("--factory", "HONGDA", HONGDA),
        ("--factory", "宏达", HONGDA),  # the factory's Chinese name
        ("--customer", "nordic out", NORDIC),
    ],
)
def test_a_part_of_a_name_in_any_case_finds_the_same_orders_everywhere(examples, command, option, text, wanted):
    every = ids_of(examples, command)
    chosen = ids_of(examples, command, option, text)
    assert chosen == [i for i in every if i in wanted]  # same rows, same order, only those orders
    if command in ("list", "overdue"):
        assert chosen  # the examples have something to find here


@pytest.mark.parametrize("command", COMMANDS)
def test_stage_in_any_case_and_filters_together(examples, command):
    every = ids_of(examples, command)
    production = folders_with(examples, "stage: production")
    chosen = ids_of(examples, command, "--stage", "PRODUCTION", "--merchandiser", "chen")
    assert chosen == [i for i in every if i in production & CHEN]


def test_status_pipeline_counts_only_the_chosen_orders(examples):
    out = json.loads(run(examples, "status", *AS_OF, "--merchandiser", "chen", "--format", "json").stdout)
    assert sum(r["orders"] for r in out["pipeline"]) == len(CHEN)
    both = json.loads(
        run(examples, "status", *AS_OF, "--stage", "closed", "--stage", "production", "--format", "json").stdout
    )
    assert {r["stage"] for r in both["pipeline"]} == {"closed", "production"}


def test_overdue_owner_is_a_part_of_the_name_too(examples):
    every = json.loads(run(examples, "overdue", *AS_OF, "--format", "json").stdout)
    chosen = json.loads(run(examples, "overdue", *AS_OF, "--owner", "LI NA", "--format", "json").stdout)
    assert chosen and chosen == [i for i in every if "li na" in i["owner"].casefold()]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("option", ["--customer", "--merchandiser", "--factory"])
def test_an_empty_name_filter_is_a_usage_error(examples, command, option):
    args, _ = COMMANDS[command]
    result = run(examples, *args, option, "  ")
    assert result.exit_code == 2 and result.stderr == f"gendan: {option} is empty: give a name or a part of one\n"


def test_the_commands_share_the_same_options():
    from gendan.cli import cli

    def options(name: str) -> dict:
        wanted = ("--stage", "--customer", "--merchandiser", "--factory")
        return {p.opts[0]: (p.help, p.multiple) for p in cli.commands[name].params if p.opts[0] in wanted}

    assert len(options("list")) == 4 and options("list")["--stage"][1]
    for name in COMMANDS:
        assert options(name) == options("list"), name


NAME = st.text(alphabet=st.sampled_from("abcXYZ 陈李宏达-."), min_size=1, max_size=20)


@given(name=NAME, data=st.data())
def test_any_part_of_a_name_matches_it_in_any_case(name, data):
    from gendan.reports.filters import matches, normalise

    start = data.draw(st.integers(0, len(name)))
    end = data.draw(st.integers(start, len(name)))
    part = name[start:end]
    if normalise(part):
        assert matches(name, part) and matches(name, part.upper()) and matches(name.swapcase(), part)
    assert matches(name, None) and not matches(None, "x")
    assert normalise(normalise(name)) == normalise(name)
