"""Complete fields (issue 14): what a bank, customs broker, buyer, mill or factory looks for."""

from __future__ import annotations

import pytest

from tests.helpers import make_workspace, run

AS_OF = "2026-12-01"
CONFIG = "company: {name: Test Export Co, address: 1 Harbour Road, origin: Viet Nam}\n"
BASE = """\
id: SO-1
customer: {name: Bayside Ltd, po: BS-1, address: 1 Quay St, mark: BAYSIDE}
factory: {name: Secret Garment Factory}
style: {number: ST-1, description: men's knit polo, composition: 60% cotton 40% polyester, construction: knit,
        hs_code: "6105.10"}
incoterm: CIF Auckland
currency: USD
quality: as sample
ex_factory: 2027-03-01
stage: production
lines:
  - {colour: Navy, unit_price: 5, sizes: {S: 12, M: 12}}
"""


def ws(tmp_path, extra: str = ""):
    return make_workspace(tmp_path, {"SO-1/order.yaml": BASE + extra}, CONFIG)


def doc(root, kind: str, *args: str) -> str:
    result = run(root, "doc", "SO-1", kind, "--format", "md", "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.stderr
    name = kind if kind != "po" or "--supplier" not in args else f"po-{args[args.index('--supplier') + 1].lower()}"
    return (root / "SO-1" / "out" / f"{name}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "payment,text",
    [
        (
            "{terms: deposit_balance, deposit_pct: 30, days: 30}",
            "T/T: 30% deposit (USD 36.00) with the order, 70% balance (USD 84.00) 30 days after B/L date",
        ),
        (
            "{terms: deposit_balance, deposit_pct: 33.3}",
            "33.3% deposit (USD 39.96) with the order, 66.7% balance (USD 80.04)",
        ),
        ("{terms: lc, days: 60}", "Irrevocable L/C at 60 days after B/L date"),
        (
            "{terms: lc, lc_number: LC-889, lc_date: 2026-11-20, lc_bank: ANZ Auckland}",
            "Irrevocable L/C at sight, L/C No. LC-889 dated 2026-11-20, issued by ANZ Auckland",
        ),
        ("{terms: da, days: 90, note: documents via DHL}", "D/A at 90 days after sight; documents via DHL"),
        ("{terms: tt_before_shipment}", "100% T/T before shipment (USD 120.00)"),
        (
            "{terms: deposit_balance, deposit_pct: 50, balance: before_shipment}",
            "50% balance (USD 60.00) before shipment",
        ),
        ("{terms: lc, lc_number: LC-7, expiry: 2027-04-15}", "L/C No. LC-7, expiring 2027-04-15"),
    ],
)
def test_pi_payment_says_what_the_bank_reads(tmp_path, payment, text):
    pi = doc(ws(tmp_path, f"payment: {payment}\n"), "pi")
    assert text in pi


def test_pi_terms_validity_tolerance_shipment_and_insurance(tmp_path):
    extra = (
        "payment: {terms: lc, latest_shipment: 2027-03-10}\n"
        "tolerance_pct: 3\n"
        "contract: {validity_days: 30, partial_shipment: false, transhipment: true, "
        "insurance: '110% of invoice value, ICC (A)'}\n"
        "shipment: {port_of_loading: Ningbo, port_of_discharge: Auckland}\n"
    )
    pi = doc(ws(tmp_path, extra), "pi")
    for line in (
        "- Date: 2026-12-01 · valid until 2026-12-31",
        "- Delivery: ex-factory 2027-03-01; latest shipment 2027-03-10",
        "- Ports: Ningbo to Auckland",
        "- Partial shipment: not allowed",
        "- Transhipment: allowed",
        "- Tolerance: quantity and amount ±3%",
        "- Insurance: 110% of invoice value, ICC (A)",
        "- Style: ST-1 · men's knit polo · 60% cotton 40% polyester · HS 6105.10",
        "- Shipping marks: BAYSIDE / PO NO.: BS-1 / STYLE NO.: ST-1 / COLOUR: NAVY / QTY: 24 PCS / DEST.: AUCKLAND "
        "/ C/NO.: 1-UP / MADE IN VIET NAM",
    ):
        assert line in pi, line


def test_commercial_invoice_fields_for_a_bank_and_customs(tmp_path):
    extra = (
        "payment: {terms: lc, lc_number: LC-889, lc_date: 2026-11-20}\n"
        "notify: {name: Kiwi Customs Brokers, address: 9 Wharf Rd}\n"
        "shipment: {port_of_loading: Ningbo, port_of_discharge: Auckland, vessel: COSCO 12E, bl_number: COSU1, "
        "bl_date: 2027-03-05, container: CSNU1234567, seal: 889911, freight: 20, insurance: 1.32}\n"
    )
    ci = doc(ws(tmp_path, extra), "commercial-invoice")
    for line in (
        "- Notify party: Kiwi Customs Brokers, 9 Wharf Rd",
        "- Payment: Irrevocable L/C at sight, L/C No. LC-889 dated 2026-11-20",
        "- From Ningbo to Auckland by COSCO 12E, B/L COSU1 dated 2027-03-05",
        "- Container CSNU1234567, seal 889911",
        "| ST-1 men's knit polo, 60% cotton 40% polyester, knit | 6105.10 | Navy | 24 | 5.00 | 120.00 |",
        "- FOB value: USD 98.68",
        "- Freight: USD 20.00",
        "- Insurance: USD 1.32",
        "Drawn under L/C No. LC-889 dated 2026-11-20",
        "Country of origin: Viet Nam",
    ):
        assert line in ci, line
    # the marks sheet and the invoice render before a shipment exists: cartons are marked before booking
    root = make_workspace(
        tmp_path / "b", {"SO-1/order.yaml": BASE + "packing: {rules: [{pieces_per_carton: 12}]}\n"}, CONFIG
    )
    marks = doc(root, "shipping-marks")
    assert "DEST.: -" in marks and "C/NO.: 1-2" in marks
    assert "- From  to " in doc(root, "commercial-invoice")


def test_one_mark_wording_on_pi_packing_list_invoice_and_marks_sheet(tmp_path):
    extra = (
        "payment: {terms: lc}\nshipment: {port_of_discharge: Auckland}\npacking: {rules: [{pieces_per_carton: 12}]}\n"
    )
    root = ws(tmp_path, extra)
    mark = (
        "BAYSIDE / PO NO.: BS-1 / STYLE NO.: ST-1 / COLOUR: NAVY / QTY: 24 PCS / DEST.: AUCKLAND / C/NO.: 1-2 "
        "/ MADE IN VIET NAM"
    )
    assert f"- Shipping marks: {mark}" in doc(root, "pi")
    assert f"- Marks and numbers: {mark}" in doc(root, "commercial-invoice")
    assert "```\n" + mark.replace(" / ", "\n") + "\n```" in doc(root, "packing-list")
    sheet = doc(root, "shipping-marks")
    assert "```\n" + mark.replace(" / ", "\n") + "\n```" in sheet
    assert (
        "| 1 | BAYSIDE / PO NO.: BS-1 / STYLE NO.: ST-1 / COLOUR: NAVY / QTY: 12 PCS / DEST.: AUCKLAND "
        "/ C/NO.: 1 OF 2 / MADE IN VIET NAM |" in sheet
    )


def test_po_colour_mill_currency_vat_and_spec(tmp_path):
    extra = (
        "materials:\n"
        "  - {item: oxford fabric, kind: fabric, supplier: Mill, colour: Navy, quantity: 1520, unit: m,"
        " unit_price: 12.8, currency: CNY, vat_pct: 13, composition: 100% cotton, width_cm: 145, weight_gsm: 180,"
        " consumption: 1.2, wastage_pct: 3}\n"
        "  - {item: oxford fabric, kind: fabric, supplier: Mill, colour: Black, quantity: 1520, unit: m}\n"
    )
    po = doc(ws(tmp_path, extra), "po", "--supplier", "Mill")
    assert (
        "| oxford fabric | Navy | 100% cotton, width 145 cm, 180 g/m², consumption 1.2 m/pc × 24 pcs + 3% wastage "
        "| 1,520 | m | CNY 12.80 含税 incl. 13% VAT | CNY 19,456.00 |" in po
    )
    assert "| oxford fabric | Black |" in po and "to be quoted" in po
    assert "**Total (priced items only)** | | | | | | **CNY 19,456.00**" in po
    assert "USD" not in po


def test_production_notice_pp_comments_cutting_and_no_packing(tmp_path):
    extra = (
        "over_cut_pct: 3\n"
        "samples:\n"
        "  - {type: pp, round: 1, reply: 2026-11-10, verdict: approved_with_comments, comments: shorten sleeve 1 cm}\n"
        "inspections:\n  - {type: final, date: 2027-02-27}\n"
    )
    pn = doc(ws(tmp_path, extra), "production-notice")
    assert "- PP round 1, 2026-11-10: **approved with comments 带意见批准**. shorten sleeve 1 cm" in pn
    assert "approved_with_comments" not in pn
    assert "| Navy | 12 | 12 | 24 | 25 |" in pn  # 24 + 3% = 24.72, cut 25
    assert "- 验货 Inspections: final 验货 2027-02-27" in pn
    assert "包装资料待定 Packing to follow." in pn
    factory = doc(ws(tmp_path / "f", extra), "production-notice", "--for", "factory")
    assert "Bayside" not in factory


def test_inspection_not_done_is_not_found_zero_accept(tmp_path):
    extra = "inspections:\n  - {type: final, date: 2027-02-27, lot: 1816}\n"
    report = doc(ws(tmp_path, extra), "inspection-report")
    assert "| critical | 0 (zero tolerance) | 125 | 0 | 1 | — | NOT INSPECTED |" in report
    assert "| major | 2.5 | 125 | 7 | 8 | — | NOT INSPECTED |" in report
    assert "ACCEPT" not in report and "- By the AQL plan: **NOT INSPECTED YET**" in report
    done = ws(
        tmp_path / "d",
        "inspections:\n  - {type: final, lot: 1816, result: fail, defects: {major: 9},"
        " defect_list: [major open seam x9], measurements: all within tolerance}\n",
    )
    report = doc(done, "inspection-report")
    assert "| major | 2.5 | 125 | 7 | 8 | 9 | REJECT |" in report
    assert "- major open seam x9" in report and "- Measurements: all within tolerance" in report
