"""Documents: golden files for every kind, xlsx read back, and every bad input of issue 5.

Regenerate the golden files with `GENDAN_REGEN=1 python -m pytest tests/test_documents.py`
and review the diff.

Hand check of the golden files (order SO-2026-0150, by hand on 2026-12-02):
- pi, commercial-invoice: Black 1,200 x 18.50 = 22,200.00, Navy 616 x 18.75 = 11,550.00,
  total 33,750.00 = the two printed lines; 30% deposit 10,125.00 + balance 23,625.00 = 33,750.00.
- packing-list: Black solid 12/ctn: S 200 = 16 full + 8, M 400 = 33 + 4, L 33 + 4, XL 16 + 8;
  the 24 tail pieces share 2 mixed cartons (S8 M4, L4 XL8): 100 cartons. Navy ratio S1 M2 L2 XL1:
  99 full (XL 99 limits), left S6 M14 L2 in cartons S6, M6, M6, M2 L2: 103 cartons; 203 in all,
  1,816 pcs. N.W. 202 full x 9.60 + 4/6 x 9.60 = 1,939.20 + 6.40 = 1,945.60; G.W. 202 x 10.80 +
  (6.40 + 1.20 tare) = 2,189.20; CBM 203 x 0.60 x 0.40 x 0.35 = 17.052. Size totals S 305, M 612,
  L 600, XL 299 = the PI's. The ratio note is absent (internal); the production notice has it.
- po: 2,800 m x 2.35 = 6,580.00; 3,000 x 0.04 + 3,000 x 0.06 = 120.00 + 180.00 = 300.00.
- inspection-report: lot 1,816, level II -> code letter K, n = 125; major 2.5 Ac 7 Re 8, minor 4.0
  Ac 10 Re 11, critical zero tolerance on the same 125; found 3 and 6 -> ACCEPT; cartons to open
  ceil(sqrt(203)) = 15.
- shipping-marks: one wording with the PI and invoice, C/NO. 1-203; per range 1-16 OF 203 etc.

Hand check after gendan.core.money (one rounding, unit prices at their own precision): the
golden files were regenerated and none changed. Every price in the golden order has two
decimals (18.50, 18.75, 2.35, 0.04, 0.06), so the `price` filter prints what `money` printed,
and every line amount (1,200 × 18.50 = 22,200.00; 616 × 18.75 = 11,550.00; 2,800 × 2.35 =
6,580.00) is already whole cents. Prices with more decimals are covered from the printed
numbers in tests/test_money_outputs.py.
"""

import os
from pathlib import Path

import openpyxl
import pytest

from gendan.render import documents
from tests.helpers import REFERENCE, copy_reference_workspace, replace_in, run

AS_OF = "2026-12-01"
ORDER = "SO-2026-0150"
REGEN = os.environ.get("GENDAN_REGEN") == "1"


@pytest.fixture
def ws(tmp_path) -> Path:
    root = tmp_path / "ws"
    copy_reference_workspace(root)
    return root


def order_file(root: Path) -> Path:
    return root / "2026" / ORDER / "order.yaml"


def edit(root: Path, old: str, new: str) -> None:
    replace_in(order_file(root), old, new)


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("kind", list(documents.KINDS))
def test_golden(ws, kind, fmt):
    result = run(ws, "doc", ORDER, kind, "--format", fmt, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    out = ws / "2026" / ORDER / "out" / f"{kind}.{fmt}"
    assert result.output == f"wrote {out}\n" or result.output.endswith(f"out/{kind}.{fmt}\n")
    text = out.read_text(encoding="utf-8")
    golden = REFERENCE / f"{kind}.{fmt}"
    if REGEN:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_pi_xlsx_reads_back(ws):
    assert run(ws, "doc", ORDER, "pi", "--format", "xlsx", "--as-of", AS_OF).exit_code == 0
    sheet = openpyxl.load_workbook(ws / "2026" / ORDER / "out" / "pi.xlsx").active
    rows = [tuple(c for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]
    assert ("Colour", "S", "M", "L", "XL", "Qty (pcs)", "Unit price (USD)", "Amount (USD)") in rows
    assert ("Black", 200, 400, 400, 200, 1200, 18.5, 22200) in rows
    assert ("Total", 305, 612, 600, 299, 1816, 33750) in rows
    assert ("SAY U.S. DOLLARS THIRTY THREE THOUSAND SEVEN HUNDRED AND FIFTY ONLY",) in rows
    amount = next(c for c in sheet["H"] if c.value == 22200)
    assert amount.number_format == "#,##0.00"


def test_packing_list_xlsx_reads_back(ws):
    assert run(ws, "doc", ORDER, "packing-list", "--format", "xlsx", "--as-of", AS_OF).exit_code == 0
    sheet = openpyxl.load_workbook(ws / "2026" / ORDER / "out" / "packing-list.xlsx").active
    rows = [tuple(c for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "Carton No.")
    assert header == (
        "Carton No.",
        "Colour",
        "S",
        "M",
        "L",
        "XL",
        "Pcs/ctn",
        "Ctns",
        "Pcs",
        "N.W./ctn kg",
        "G.W./ctn kg",
        "N.W. kg",
        "G.W. kg",
        "Meas. cm",
        "CBM",
    )
    assert ("1-16", "Black", 12, 12, 16, 192, 9.6, 10.8, 153.6, 172.8, "60×40×35", 1.344) in rows
    assert ("99", "Black", 8, 4, 12, 1, 12, 9.6, 10.8, 9.6, 10.8, "60×40×35", 0.084) in rows  # mixed tail
    assert ("203", "Navy", 2, 2, 4, 1, 4, 6.4, 7.6, 6.4, 7.6, "60×40×35", 0.084) in rows
    assert ("Total", 305, 612, 600, 299, 203, 1816, 1945.6, 2189.2, 17.052) in rows


def test_formula_like_customer_name_stays_text_in_xlsx(ws):
    edit(ws, "name: Nordic Outdoor AS", 'name: \'=HYPERLINK("http://evil.example","x")\'')
    assert run(ws, "doc", ORDER, "pi", "--format", "xlsx", "--as-of", AS_OF).exit_code == 0
    sheet = openpyxl.load_workbook(ws / "2026" / ORDER / "out" / "pi.xlsx").active
    cell = next(c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example","x")'


def test_script_in_customer_name_is_escaped_in_html(ws):
    edit(ws, "name: Nordic Outdoor AS", 'name: "<script>alert(1)</script> AS"')
    assert run(ws, "doc", ORDER, "pi", "--as-of", AS_OF).exit_code == 0
    html = (ws / "2026" / ORDER / "out" / "pi.html").read_text()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; AS" in html


def test_order_data_is_never_rendered_as_a_template(ws):
    edit(ws, "name: Nordic Outdoor AS", 'name: "{{ 7 * 7 }} {% raw %}"')
    assert run(ws, "doc", ORDER, "pi", "--format", "md", "--as-of", AS_OF).exit_code == 0
    md = (ws / "2026" / ORDER / "out" / "pi.md").read_text()
    assert "Buyer: {{ 7 * 7 }} {% raw %}, Storgata" in md


def test_unknown_kind_lists_the_kinds(ws):
    result = run(ws, "doc", ORDER, "invoice")
    assert result.exit_code == 2
    assert result.stderr == (
        "gendan: unknown document kind 'invoice'; kinds: pi, production-notice, po, "
        "packing-list, shipping-marks, inspection-report, commercial-invoice\n"
    )


def test_missing_field_names_field_and_file_and_writes_nothing(ws, monkeypatch):
    edit(ws, ', address: "Storgata 12, 0155 Oslo, Norway"', "")
    monkeypatch.chdir(ws)
    result = run(ws, "doc", ORDER, "pi")
    assert result.exit_code == 2
    assert result.stderr == f"gendan: pi needs customer.address (2026/{ORDER}/order.yaml)\n"
    assert not (ws / "2026" / ORDER / "out").exists()


@pytest.mark.parametrize(
    "kind,field",
    [
        ("packing-list", "packing"),
        ("inspection-report", "inspection"),
        ("po", "suppliers"),
    ],
)
def test_kind_without_its_data(ws, kind, field, monkeypatch):
    text = order_file(ws).read_text()
    cut = {"packing": "packing:", "inspection": "inspections:", "suppliers": "materials:"}[field]
    start = text.index(cut)
    end = min(
        [
            i
            for i in (text.find("\n" + k, start + 1) for k in ("inspections:", "shipment:", "samples:", "packing:"))
            if i > 0
        ]
    )
    order_file(ws).write_text(text[:start] + text[end + 1 :])
    monkeypatch.chdir(ws)
    result = run(ws, "doc", ORDER, kind)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"gendan: {kind} needs {field}")


def test_company_field_is_located_in_gendan_yaml(ws, monkeypatch):
    (ws / "templates").mkdir()
    (ws / "templates" / "pi.md.j2").write_text("{{ company.bank.iban }}\n")
    monkeypatch.chdir(ws)
    result = run(ws, "doc", ORDER, "pi", "--format", "md")
    assert result.stderr == "gendan: pi needs company.bank.iban (gendan.yaml)\n"


def test_workspace_template_overrides_and_syntax_error_is_located(ws, monkeypatch):
    monkeypatch.chdir(ws)
    result = run(ws, "doc", "--copy", "pi")
    assert result.exit_code == 0
    assert result.output == ("copied templates/pi.html.j2\ncopied templates/pi.md.j2\ncopied templates/base.html.j2\n")
    listed = run(ws, "doc", "--list", "--wide").output
    rows = [line.split() for line in listed.splitlines()]
    assert ["pi", "html", "pi.html.j2", "workspace"] in [r[:4] for r in rows]
    assert ["packing-list", "html", "packing-list.html.j2", "built-in"] in [r[:4] for r in rows]
    assert ["pi", "pdf", "pi.html.j2", "(printed", "by", "WeasyPrint)", "workspace"] in [r[:7] for r in rows]
    again = run(ws, "doc", "--copy", "pi")
    assert again.exit_code == 1 and "already exists" in again.stderr
    base = ws / "templates" / "base.html.j2"
    base.write_text(base.read_text().replace('<div class="company">', '<div class="company">ACME LETTERHEAD '))
    assert run(ws, "doc", ORDER, "pi").exit_code == 0
    assert "ACME LETTERHEAD Ningbo Hongda" in (ws / "2026" / ORDER / "out" / "pi.html").read_text()
    pi = ws / "templates" / "pi.html.j2"
    pi.write_text("{% extends 'base.html.j2' %}\n{% block content %}\n{% for x in lines %}\n{% endblock %}\n")
    result = run(ws, "doc", ORDER, "pi")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "templates/pi.html.j2:4:1: template syntax error: Encountered unknown tag 'endblock'"
    )


@pytest.mark.parametrize(
    "expr",
    [
        "''.__class__.__mro__[1].__subclasses__()",
        "lines.__class__.__init__.__globals__",
        "cycler.__init__.__globals__.os",
    ],
)
def test_sandbox_blocks_python_internals(ws, expr):
    (ws / "templates").mkdir()
    (ws / "templates" / "pi.md.j2").write_text("{{ " + expr + " }}\n")
    result = run(ws, "doc", ORDER, "pi", "--format", "md")
    assert result.exit_code == 2
    assert "was stopped by the sandbox: access to attribute" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (ws / "2026" / ORDER / "out").exists()


def test_output_goes_where_the_user_says_but_never_over_an_order(ws, tmp_path, monkeypatch):
    """-o is the user's choice, outside the workspace too (tests/test_output_paths.py has the rest)."""
    monkeypatch.chdir(ws)
    for given, where in (("../pi.html", tmp_path / "pi.html"), (str(tmp_path / "elsewhere.html"), None)):
        assert run(ws, "doc", ORDER, "pi", "-o", given).exit_code == 0, given
        assert (where or Path(given)).read_text().startswith("<!DOCTYPE html>")
    result = run(ws, "doc", ORDER, "pi", "-o", f"2026/{ORDER}/order.yaml")
    assert result.exit_code == 2 and "is an order file, which gendan never overwrites" in result.stderr
    assert run(ws, "doc", ORDER, "pi", "-o", "shared/pi.html").exit_code == 0
    assert (ws / "shared" / "pi.html").read_text().startswith("<!DOCTYPE html>")
    assert run(ws, "doc", ORDER, "pi", "-o", "shared/pi.md").exit_code == 0
    assert (ws / "shared" / "pi.md").read_text().startswith("# PROFORMA INVOICE")


def test_po_per_supplier(ws):
    result = run(ws, "doc", ORDER, "po", "--supplier", "ningbo label co.", "--format", "md", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    text = (ws / "2026" / ORDER / "out" / "po-ningbo-label-co.md").read_text()
    assert "Ningbo Label Co." in text and "Shaoxing" not in text
    assert "PURCHASE ORDER PO-SO-2026-0150-NINGBO-LABEL-CO" in text
    result = run(ws, "doc", ORDER, "po", "--supplier", "Nobody")
    assert result.exit_code == 2 and "suppliers: Shaoxing Textile Co., Ningbo Label Co." in result.stderr


def test_format_not_offered(ws):
    result = run(ws, "doc", ORDER, "po", "--format", "xlsx")
    assert result.exit_code == 2 and "po is made as html, md, pdf, not xlsx" in result.stderr


def test_builtin_templates_found_in_an_installed_package(tmp_path):
    package = tmp_path / "site-packages" / "gendan"
    (package / "templates").mkdir(parents=True)
    (package / "templates" / "base.html.j2").write_text("x")
    assert documents.builtin_dir(package) == package / "templates"
    assert (documents.builtin_dir() / "pi.html.j2").is_file()


def test_every_example_order_renders_every_kind_it_has_data_for(examples):
    for path in sorted(examples.rglob("order.yaml")):
        order_id = path.parent.name
        for kind in documents.KINDS:
            result = run(examples, "doc", order_id, kind, "--as-of", AS_OF)
            assert result.exit_code == 0 or (result.exit_code == 2 and f"{kind} needs " in result.stderr), (
                order_id,
                kind,
                result.stderr,
            )


def test_missing_field_inside_a_filter_is_named(ws, monkeypatch):
    edit(ws, "inspector: Zhou Min, lot: 1816,", "inspector: Zhou Min,")
    monkeypatch.chdir(ws)
    result = run(ws, "doc", ORDER, "inspection-report")
    assert result.exit_code == 2
    assert result.stderr == f"gendan: inspection-report needs inspections[0].lot (2026/{ORDER}/order.yaml)\n"


def test_template_type_error_is_a_clean_message(ws):
    (ws / "templates").mkdir()
    (ws / "templates" / "pi.md.j2").write_text("{{ order.customer.name | money }}\n")
    result = run(ws, "doc", ORDER, "pi", "--format", "md")
    assert result.exit_code == 2
    assert result.stderr.startswith("gendan: pi: template pi.md.j2 failed: ")
