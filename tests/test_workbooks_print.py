"""Integration: the PI, packing list and tracker workbooks print through LibreOffice without '###',
with the header (company, document number, date), page x of y, and one page wide."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import EXAMPLES, copy_reference_workspace, run

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="needs soffice and pdftotext"),
]
ORDER = "SO-2026-0150"


def to_pdf(tmp_path: Path, *books: Path) -> dict[str, str]:
    """Each workbook printed by LibreOffice; the text of each PDF (layout kept)."""
    out = tmp_path / "pdf"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, books),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    texts = {}
    for book in books:
        pdf = out / (book.stem + ".pdf")
        texts[book.stem] = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        texts[book.stem + ":info"] = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return texts


def test_workbooks_print_without_hashes_one_page_wide(tmp_path):
    root = tmp_path / "ws"
    copy_reference_workspace(root)
    for kind in ("pi", "packing-list"):
        assert run(root, "doc", ORDER, kind, "--format", "xlsx", "--as-of", "2026-12-01").exit_code == 0
    examples = tmp_path / "examples"
    shutil.copytree(EXAMPLES, examples, ignore=shutil.ignore_patterns("out", ".gendan"))
    assert run(examples, "tracker", "-o", str(examples / "tracker.xlsx"), "--as-of", "2026-11-30").exit_code == 0
    out = root / "2026" / ORDER / "out"
    books = [out / "pi.xlsx", out / "packing-list.xlsx", examples / "tracker.xlsx"]
    for book in books[:2]:  # what the print relies on, as written
        ws = openpyxl.load_workbook(book).active
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows and ws.print_area
        assert ws.oddFooter.right.text == "Page &P of &N"
    texts = to_pdf(tmp_path, *books)
    for name in ("pi", "packing-list", "tracker"):
        assert "###" not in texts[name], name
        assert "Page 1 of " in texts[name], name
        assert "(A4)" in texts[name + ":info"], name
    pi, pl, tracker = texts["pi"], texts["packing-list"], texts["tracker"]
    first_line = pi.lstrip().splitlines()[0]
    assert "Ningbo Hongda Import & Export Co., Ltd." in first_line and "PI-SO-2026-0150" in first_line
    assert "2026-12-01" in first_line
    for needle in ("33,750.00", "22,200.00", "2027-02-20", "BKCHCNBJ92A", "Confirmed by the buyer", "T/T: 30% deposit"):
        assert needle in pi, needle
    assert "Pages:           1" in texts["pi:info"]
    assert "landscape" not in texts["pi:info"] and "595.304 x 841.89" in texts["pi:info"]  # portrait
    assert "841.89 x 595.304" in texts["packing-list:info"]  # landscape
    for needle in ("PL-SO-2026-0150", "1,945.60", "2,189.20", "17.052", "60×40×35", "SAY TOTAL 203 CARTONS ONLY"):
        assert needle in pl, needle
    # the tracker's Orders sheet: every column on the first page (one page wide), then the other sheets
    page1 = tracker.split("\f")[0]
    assert "Order" in page1 and "balance_received actual" in page1 and "as of 2026-11-30" in page1
    pages = int(next(x for x in texts["tracker:info"].splitlines() if x.startswith("Pages:")).split()[1])
    assert pages <= 10
