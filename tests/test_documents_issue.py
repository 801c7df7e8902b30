"""Issued documents: `gendan doc ID KIND --issue` numbers, dates and records; --revise makes R1."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.helpers import run

REF = Path(__file__).parent / "reference_files"
ORDER = "SO-2026-0150"


@pytest.fixture
def ws(tmp_path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(REF / "workspace", root)
    return root


def order_file(root: Path) -> Path:
    return root / "2026" / ORDER / "order.yaml"


def records(root: Path) -> list[dict]:
    return yaml.safe_load(order_file(root).read_text(encoding="utf-8")).get("documents", [])


def doc(root: Path, *args: str):
    return run(root, "doc", ORDER, *args)


def test_issue_records_number_date_digest_and_later_renders_reuse_them(ws):
    result = doc(ws, "pi", "--issue", "--format", "md", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    assert result.output.splitlines()[0] == "issued PI-2026-0001"
    [rec] = records(ws)
    assert {k: rec[k] for k in ("kind", "number", "date", "seq")} == {
        "kind": "pi",
        "number": "PI-2026-0001",
        "date": date(2026, 12, 1),
        "seq": 1,
    }
    assert rec["digest"].startswith("sha256:") and len(rec["digest"]) == 71
    # a week later: same number, same date, nothing recorded again
    again = doc(ws, "pi", "--format", "md", "--as-of", "2026-12-08")
    assert again.exit_code == 0 and again.output.startswith("PI-2026-0001 (issued 2026-12-01)\n")
    text = (ws / "2026" / ORDER / "out" / "pi.md").read_text()
    assert text.startswith("# PROFORMA INVOICE PI-2026-0001\n") and "- Date: 2026-12-01" in text
    assert len(records(ws)) == 1
    # a milestone date is not what a PI says: still the same document
    path = order_file(ws)
    path.write_text(path.read_text().replace("stage: production", "stage: production\nnotes: called the mill"))
    assert doc(ws, "pi", "--format", "md", "--as-of", "2026-12-09").exit_code == 0


def test_changed_content_is_refused_until_revised(ws):
    assert doc(ws, "pi", "--issue", "--as-of", "2026-12-01").exit_code == 0
    path = order_file(ws)
    path.write_text(path.read_text().replace("unit_price: 18.50", "unit_price: 18.60"))
    result = doc(ws, "pi", "--format", "md", "--as-of", "2026-12-05")
    assert result.exit_code == 1
    assert result.stderr == (
        "gendan: PI-2026-0001 was issued on 2026-12-01 and the order has changed since; "
        "--revise to issue PI-2026-0001 R1, or --draft for a watermarked copy\n"
    )
    assert doc(ws, "pi", "--issue", "--as-of", "2026-12-05").exit_code == 1  # issuing again is not revising
    revised = doc(ws, "pi", "--revise", "--format", "md", "--as-of", "2026-12-05")
    assert revised.exit_code == 0 and revised.output.startswith("revised PI-2026-0001 R1\n")
    text = (ws / "2026" / ORDER / "out" / "pi.md").read_text()
    assert text.startswith("# PROFORMA INVOICE PI-2026-0001 R1\n") and "- Date: 2026-12-05" in text
    assert [(r["number"], r.get("revision", 0)) for r in records(ws)] == [("PI-2026-0001", 0), ("PI-2026-0001", 1)]
    nothing = doc(ws, "pi", "--revise", "--as-of", "2026-12-06")
    assert nothing.exit_code == 1 and "nothing to revise" in nothing.stderr


def test_sequence_is_per_company_and_pattern_configurable(ws):
    config = ws / "gendan.yaml"
    config.write_text(config.read_text() + "numbering: {commercial-invoice: 'INV-{yy}{seq:04}'}\n")
    second = ws / "2026" / "SO-2026-0151"
    shutil.copytree(ws / "2026" / ORDER, second)
    (second / "order.yaml").write_text((second / "order.yaml").read_text().replace(ORDER, "SO-2026-0151"))
    assert doc(ws, "commercial-invoice", "--issue", "--as-of", "2026-12-01").output.startswith("issued INV-260001")
    other = run(ws, "doc", "SO-2026-0151", "commercial-invoice", "--issue", "--as-of", "2026-12-02")
    assert other.output.startswith("issued INV-260002"), other.stderr
    nextyear = run(ws, "doc", "SO-2026-0151", "pi", "--issue", "--as-of", "2027-01-02")
    assert nextyear.output.startswith("issued PI-2027-0001")
    fresh = doc(ws, "po", "--issue", "--supplier", "Ningbo Label Co.", "--as-of", "2026-12-03")
    assert fresh.output.startswith("issued PO-2026-0001")


def test_bad_pattern_is_a_located_config_error(ws):
    config = ws / "gendan.yaml"
    config.write_text(config.read_text() + "numbering: {pi: 'PI-{year}-{seq}'}\n")
    result = doc(ws, "pi", "--issue", "--as-of", "2026-12-01")
    assert result.exit_code == 2
    assert result.stderr.startswith("gendan.yaml: numbering.pi: 'PI-{year}-{seq}' is not a number pattern")
    assert records(ws) == []


def test_po_numbers_do_not_move_when_a_material_is_added(ws):
    assert doc(ws, "po", "--format", "md", "--as-of", "2026-12-01").exit_code == 0
    before = (ws / "2026" / ORDER / "out" / "po.md").read_text()
    path = order_file(ws)
    path.write_text(
        path.read_text().replace(
            "materials:\n",
            "materials:\n  - {item: zip, kind: trim, supplier: YKK Shanghai, colour: Black, "
            "quantity: 1300, unit: pcs}\n",
        )
    )
    assert doc(ws, "po", "--format", "md", "--as-of", "2026-12-01").exit_code == 0
    after = (ws / "2026" / ORDER / "out" / "po.md").read_text()
    for number in ("PO-SO-2026-0150-SHAOXING-TEXTILE-CO", "PO-SO-2026-0150-NINGBO-LABEL-CO"):
        assert number in before and number in after
    assert "PO-SO-2026-0150-YKK-SHANGHAI" in after
    assert "| zip | Black |" in after and "to be quoted" in after
    # the unpriced YKK order has no "Total USD 0.00"
    ykk = after[after.index("PO-SO-2026-0150-YKK-SHANGHAI") :]
    assert "Total" not in ykk.split("# ")[0]


def test_po_issue_needs_one_supplier_and_draft_is_never_issued(ws):
    result = doc(ws, "po", "--issue", "--as-of", "2026-12-01")
    assert result.exit_code == 2 and "give --supplier NAME" in result.stderr
    result = doc(ws, "pi", "--issue", "--draft", "--as-of", "2026-12-01")
    assert result.exit_code == 2 and "a draft is never issued" in result.stderr
    assert records(ws) == []


@pytest.mark.parametrize(
    "pattern,number",
    [
        ("PI-{yy}{seq:04}", "PI-260007"),
        ("{prefix}/{yyyy}/{seq:03d}", "PI/2026/007"),
        ("{order}-{seq}", "SO-1-7"),
        ("{seq:99999999999}", None),  # a width that would fill the memory
        ("{seq:4}", None),  # spaces in a number
        ("{seq!r}", None),
        ("{seq.real}", None),
        ("{year}-{seq}", None),
        ("PI-{yy}", None),  # no sequence: every PI the same number
    ],
)
def test_number_patterns(pattern, number):
    from gendan.core.errors import GendanError
    from gendan.render.documents import number_for

    if number is None:
        with pytest.raises(GendanError, match="is not a number pattern"):
            number_for(pattern, "pi", "SO-1", date(2026, 5, 1), 7)
    else:
        assert number_for(pattern, "pi", "SO-1", date(2026, 5, 1), 7) == number
