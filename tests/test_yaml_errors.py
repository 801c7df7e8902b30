"""Plain-language YAML errors (issue 17, part 4): each common mistake gets a sentence with the
fix, located where the mistake is, the code unchanged; `log` and `diff` still work on a broken
order file and show the lines that changed."""

from __future__ import annotations

import json

import pytest

from tests.helpers import commit_all, make_workspace, run

ORDER = """\
id: SO-1
customer:
  name: Nordic Outdoor AS
  country: NO
merchandiser: Chen Li
style: {number: JK-2207, description: padded jacket}
stage: inquiry
lines:
  - colour: Black
    unit_price: 18.50
    sizes: {M: 100}
"""

# mistake: (old, new, "line:col: CODE", words the sentence must have)
MISTAKES = {
    "colon in a value": (
        "  name: Nordic Outdoor AS",
        "  name: Nordic Outdoor: AS",
        "3:23: E002",
        ["the value of 'name' contains ': '", 'put the value in quotes: name: "Nordic Outdoor: AS"'],
    ),
    "colon in a value in {...}": (
        "description: padded jacket}",
        "description: jacket: padded}",
        "6:45: E002",
        ["the value of 'description' contains ': '", 'description: "jacket: padded"'],
    ),
    "indented too far": (
        "  country: NO",
        "   country: NO",
        "4:4: E002",
        ["indented 3 spaces, more than the line above (2)", "must start in the same column"],
    ),
    "indented too little": (
        "  country: NO",
        " country: NO",
        "4:2: E002",
        ["indented 1 space, which lines up with no key above it", "indent it like the keys it belongs with"],
    ),
    "tab": ("  country: NO", "\tcountry: NO", "4:1: E002", ["a tab character", "replace the tab with spaces"]),
    "unclosed quote": (
        "  name: Nordic Outdoor AS",
        '  name: "Nordic Outdoor AS',
        "3:9: E002",
        ['the quote " opened here is never closed', 'end the value with "'],
    ),
    "missing space after colon": (
        "merchandiser: Chen Li",
        "merchandiser:Chen Li",
        "5:13: E002",
        ["a space is missing after ':' in 'merchandiser:Chen Li'", "write merchandiser: Chen Li"],
    ),
    "duplicate key": (
        "stage: inquiry",
        "stage: inquiry\nmerchandiser: Li Na",
        "8:1: E003",
        ["merchandiser is given twice in the same mapping (first on line 5)", "keep one of them"],
    ),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_each_mistake_is_a_sentence_with_a_fix(tmp_path, name):
    old, new, where, words = MISTAKES[name]
    assert old in ORDER
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER.replace(old, new)})
    result = run(root, "validate")
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    assert f"SO-1/order.yaml:{where} " in first, first
    for w in words:
        assert w in first, first
    assert "Traceback" not in result.output


def test_the_fixed_files_validate(tmp_path):
    """The file the tests break is valid, so each problem above is the mistake's alone."""
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    assert run(root, "validate").exit_code == 0


@pytest.fixture
def broken(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    commit_all(root, "SO-1 received")
    path = root / "SO-1" / "order.yaml"
    path.write_text(ORDER.replace("  name: Nordic Outdoor AS", "  name: Nordic Outdoor: AS"), encoding="utf-8")
    return root


def test_diff_shows_the_lines_that_broke_the_file(broken):
    result = run(broken, "diff", "SO-1")
    assert result.exit_code == 0, result.output
    assert "does not read as YAML: SO-1/order.yaml:3:23: E002 the value of 'name' contains" in result.stdout
    assert "line 3  -   name: Nordic Outdoor AS\n" in result.stdout
    assert "line 3  +   name: Nordic Outdoor: AS\n" in result.stdout
    data = json.loads(run(broken, "diff", "SO-1", "--format", "json").stdout)
    assert [c["kind"] for c in data["changes"]] == ["note", "line-removed", "line-added"]


def test_log_works_on_a_broken_file(broken):
    result = run(broken, "log", "SO-1", "--wide")  # the note whole on one line (wrapping: test_terminal)
    assert result.exit_code == 0, result.output
    assert "SO-1/order.yaml does not validate (" in result.stdout and "SO-1/order.yaml:3:23: E002" in result.stdout
    assert "SO-1 received" in result.stdout  # the commit, from git
    assert "line 3  +   name: Nordic Outdoor: AS" in result.stdout  # the uncommitted edit, line by line
