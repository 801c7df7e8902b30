"""Integration: every HTML document prints to PDF in headless Chromium, and its text is there."""

import re
import shutil
import subprocess

import pytest

from gendan.render import documents
from tests.helpers import CHROMIUM, chromium_argv, copy_reference_workspace, make_workspace, run

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None or shutil.which("pdftotext") is None, reason="needs chromium and pdftotext"),
]

ORDER = "SO-2026-0150"
EXPECTED = {
    "pi": [
        "PROFORMA INVOICE",
        "PI-SO-2026-0150",
        "33,750.00",
        "SAY U.S. DOLLARS THIRTY THREE THOUSAND SEVEN HUNDRED AND FIFTY ONLY",
        "BKCHCNBJ92A",
    ],
    "production-notice": ["PRODUCTION NOTICE", "JK-2207", "1,816", "2027-02-20", "left sleeve"],
    "po": ["PURCHASE ORDER", "Shaoxing Textile Co.", "Ningbo Label Co.", "6,580.00"],
    "packing-list": ["PACKING LIST", "101-199", "2,189.20", "17.052", "SAY TOTAL 203 CARTONS ONLY"],
    "shipping-marks": ["SHIPPING MARKS", "NOA", "PO NO.: NO-88213", "OSLO", "C/NO.: 1-203"],
    "inspection-report": ["INSPECTION REPORT", "code letter K", "ACCEPT", "PASS"],
    "commercial-invoice": ["COMMERCIAL INVOICE", "CI-SO-2026-0150", "MAERSK ESSEX 702W", "33,750.00"],
}


@pytest.mark.parametrize("kind", list(documents.KINDS))
def test_html_prints_to_pdf_with_its_text(tmp_path, kind):
    root = tmp_path / "ws"
    copy_reference_workspace(root)
    assert run(root, "doc", ORDER, kind, "--as-of", "2026-12-01").exit_code == 0
    html = root / "2026" / ORDER / "out" / f"{kind}.html"
    pdf = tmp_path / f"{kind}.pdf"
    subprocess.run(
        chromium_argv(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()),
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for needle in EXPECTED[kind]:
        assert needle in flat, (kind, needle)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    if "Page size" in pages:
        assert "(A4)" in pages  # from the @page rule


def _weasyprint_works() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


needs_weasyprint = pytest.mark.skipif(
    not _weasyprint_works() or shutil.which("pdftotext") is None, reason="needs gendan[pdf] and pdftotext"
)


@needs_weasyprint
@pytest.mark.parametrize("kind", list(documents.KINDS))
def test_format_pdf_for_every_kind(tmp_path, kind):
    root = copy_reference_workspace(tmp_path / "ws")
    result = run(root, "doc", ORDER, kind, "--format", "pdf", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    pdf = root / "2026" / ORDER / "out" / f"{kind}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for needle in EXPECTED[kind]:
        if kind == "po" and needle == "6,580.00":
            needle = "USD 6,580.00"
        assert needle in flat, (kind, needle)
    pages = [p for p in text.split("\f") if p.strip()]
    for i, page in enumerate(pages, 1):  # the number and page x of y on every page
        assert f"Page {i} of {len(pages)}" in page, (kind, i)
        assert "-SO-2026-0150" in page.strip().splitlines()[-1], (kind, i)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info


@needs_weasyprint
def test_long_packing_list_pdf_repeats_number_and_pages(tmp_path):
    """An issued packing list of 15 colours runs over pages: each carries PL number R0 and page x of y."""
    lines = "".join(
        f"  - {{colour: Colour {i}, unit_price: 2.5, sizes: {{XS: 13, S: 25, M: 37, L: 41, XL: 29}}}}\n"
        for i in range(1, 16)
    )
    order = (
        "id: SO-1\ncustomer: {name: Bayside Ltd, po: BS-1, address: 1 Quay St}\nstyle: {number: ST-1}\n"
        "incoterm: FOB Ningbo\ncurrency: USD\nstage: production\nlines:\n" + lines + "packing:\n"
        "  carton: {length: 60, width: 40, height: 35}\n  net_kg: 9.6\n  gross_kg: 10.8\n"
        "  rules: [{pieces_per_carton: 12}]\n"
    )
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order}, "company: {name: Test Co}\n")
    result = run(root, "doc", "SO-1", "packing-list", "--format", "pdf", "--issue", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(root / "SO-1" / "out" / "packing-list.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    for i, page in enumerate(pages, 1):
        last = page.strip().splitlines()[-1]
        assert "PL-2026-0001" in last and f"Page {i} of {len(pages)}" in last
        if re.search(r"^\s*\d+(-\d+)?\s+Colour \d+", page, re.M):
            assert "Carton No." in page  # the table header repeats on every page of the table
