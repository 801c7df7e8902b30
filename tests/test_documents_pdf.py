"""Integration: every HTML document prints to PDF in headless Chromium, and its text is there."""

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run

from gendan.render import documents

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None, reason="needs chromium and pdftotext"
)

REF = Path(__file__).parent / "reference_files"
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
    shutil.copytree(REF / "workspace", root)
    assert run(root, "doc", ORDER, kind, "--as-of", "2026-12-01").exit_code == 0
    html = root / "2026" / ORDER / "out" / f"{kind}.html"
    pdf = tmp_path / f"{kind}.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
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
