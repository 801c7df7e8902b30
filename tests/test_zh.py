"""Chinese output of the report commands (issue 17, part 5, so far `list` and `overdue`): the
language from --lang, $GENDAN_LANG or gendan.yaml; no English key or status word left in the
table, apart from the names and the free-text detail column."""

from __future__ import annotations

import re

import pytest

from gendan.reports.facts import COLUMNS, KINDS, SEVERITIES
from gendan.store.workspace import Workspace
from tests.helpers import run

AS_OF = ("--as-of", "2026-11-30")


def english_words(root) -> set[str]:
    config = Workspace.open(root).config
    words = {s.key for s in config.stages} | {"on_hold", "cancelled"} | config.milestone_keys()
    words |= set(KINDS) | set(SEVERITIES) | set(COLUMNS) | {"id", "style", "pieces", "value", "ex-factory"}
    return words - {"R4", "R5", "R6"}  # rule names are the same in both languages in the detail


def scan(output: str, words: set[str], skip_last_column: bool) -> list[str]:
    found = []
    for line in output.splitlines():
        if set(line) <= {"-", " "}:
            continue
        cells = re.split(r"\s{2,}", line.strip())
        if skip_last_column and len(cells) == len(COLUMNS):
            cells = cells[:-1]  # the detail: free text
        cells = cells[2:] if cells and re.match(r"SO-\d{4}-\d{4}$", cells[0]) else cells  # id, customer
        found += [c for c in cells if c in words]
    return found


@pytest.mark.parametrize("how", ["--lang", "GENDAN_LANG", "gendan.yaml"])
def test_zh_reports_have_no_english_keys(examples, how):
    args, env = [], {}
    if how == "--lang":
        args = ["--lang", "zh"]
    elif how == "GENDAN_LANG":
        env = {"GENDAN_LANG": "zh"}
    else:
        config = examples / "gendan.yaml"
        assert "language:" not in config.read_text()
        config.write_text(config.read_text() + "\nlanguage: zh\n", encoding="utf-8")
    words = english_words(examples)
    listed = run(examples, *args, "list", "--wide", env=env)
    assert listed.exit_code == 0 and "订单号" in listed.stdout and "阶段" in listed.stdout
    assert scan(listed.stdout, words, False) == []
    late = run(examples, *args, *AS_OF, "overdue", "--within", "30", "--wide", env=env)
    assert "逾期天数" in late.stdout and "面料到厂" in late.stdout and "有延期风险" in late.stdout
    assert scan(late.stdout, words, True) == []
    # the check finds English where it is
    english = run(examples, "--lang", "en", *AS_OF, "overdue", "--within", "30", "--wide", env=env)
    assert "fabric_in_house" in scan(english.stdout, words, True)


def test_machine_formats_keep_their_english_keys(examples):
    out = run(examples, "--lang", "zh", *AS_OF, "overdue", "--format", "json").stdout
    assert '"kind": "at_risk"' in out and '"milestone": "ex_factory"' in out


def test_tracker_follows_the_global_language(examples, tmp_path):
    import openpyxl

    out = tmp_path / "t.xlsx"
    assert run(examples, *AS_OF, "tracker", "-o", str(out), env={"GENDAN_LANG": "zh"}).exit_code == 0
    headers = [c.value for c in openpyxl.load_workbook(out)["Orders"][1] if c.value]
    assert any("定金到账" in str(h) for h in headers), headers  # the milestone's name_zh, not deposit_received
    assert not any("deposit_received" in str(h) for h in headers), headers
