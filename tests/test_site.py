"""gendan site: static pages, relative links, customer folders that leak nothing, real Chromium."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from urllib.parse import unquote

import pytest

from gendan.store.workspace import Workspace
from tests.helpers import CHROMIUM, chromium_argv, run

TODAY = "2026-11-30"


@pytest.fixture
def site(examples, tmp_path):
    out = examples / "2026/SO-2026-0142/out"
    out.mkdir()
    (out / "pi.html").write_text("<html><body>PI NO-88213</body></html>", encoding="utf-8")
    (out / "production-notice.html").write_text("<html><body>factory only: CMT 4.50</body></html>", encoding="utf-8")
    (out / "po-ningbo-fabric.html").write_text("<html><body>supplier PO</body></html>", encoding="utf-8")
    dest = tmp_path / "site"
    r = run(examples, "--as-of", TODAY, "site", "-o", str(dest))
    assert r.exit_code == 0, r.output
    return examples, dest


def orders_by_customer(root: Path) -> dict[str, list]:
    loaded, problems = Workspace.open(root).load_all()
    assert not problems
    out: dict[str, list] = {}
    for lo in loaded:
        out.setdefault(lo.order.customer.name, []).append(lo.order)
    return out


def test_pages_are_written(site):
    root, dest = site
    by_customer = orders_by_customer(root)
    ids = [o.id for orders in by_customer.values() for o in orders]
    index = (dest / "index.html").read_text(encoding="utf-8")
    for ident in ids:
        assert f'href="orders/{ident}.html"' in index
        assert (dest / "orders" / f"{ident}.html").is_file()
    assert "Pipeline by stage" in index and "At risk" in index and "Overdue and due soon" in index
    page = (dest / "orders/SO-2026-0142.html").read_text(encoding="utf-8")
    assert "fabric_in_house" in page and "2027-01-12" in page and "mill delay" in page  # revised, with reason
    assert "USD 6,660.00" in page and "Liu Fang" in page  # the deposit and who confirmed it
    assert 'href="SO-2026-0142/pi.html"' in page and 'href="SO-2026-0142/production-notice.html"' in page
    assert (dest / "orders/SO-2026-0142/production-notice.html").is_file()


def test_html_is_escaped(examples, tmp_path):
    order = examples / "2026/SO-2026-0142/order.yaml"
    text = order.read_text(encoding="utf-8")
    order.write_text(
        text.replace("contact: Ingrid Berg}", 'contact: Ingrid Berg}\nnotes: "<script>alert(1)</script>"'),
        encoding="utf-8",
    )
    r = run(examples, "--as-of", TODAY, "site", "-o", str(tmp_path / "s"))
    assert r.exit_code == 0, r.output
    page = (tmp_path / "s/orders/SO-2026-0142.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_customer_folders_hold_only_their_own_orders(site):
    root, dest = site
    by_customer = orders_by_customer(root)
    assert len(by_customer) > 5
    folders = {p.name for p in (dest / "customers").iterdir()}
    assert len(folders) == len(by_customer)
    for name, orders in by_customer.items():
        index = next(
            p
            for p in (dest / "customers").glob("*/index.html")
            if f"<h1>{_html(name)}</h1>" in p.read_text(encoding="utf-8")
        )
        folder = index.parent
        files = [p for p in folder.rglob("*") if p.is_file()]
        text = "\n".join(p.read_text(encoding="utf-8") for p in files)
        for other, theirs in by_customer.items():
            if other == name:
                continue
            for o in theirs:
                for secret in filter(None, (o.id, o.customer.name, _html(o.customer.name), o.customer.po)):
                    assert secret not in text, f"{secret} of {other} leaks into {folder.name}"
        for o in orders:
            assert (folder / f"{o.id}.html").is_file()
            page = (folder / f"{o.id}.html").read_text(encoding="utf-8")
            # the company-internal parts stay inside
            if o.factory:
                assert o.factory.name not in page and _html(o.factory.name) not in page
            if o.notes:
                assert _html(o.notes) not in page
        assert "Pipeline by stage" not in text
    nordic = next(
        p.parent
        for p in (dest / "customers").glob("*/index.html")
        if "Nordic Outdoor AS" in p.read_text(encoding="utf-8")
    )
    assert sorted(p.name for p in (nordic / "files/SO-2026-0142").iterdir()) == ["pi.html"]


def _html(text: str) -> str:
    from html import escape

    return escape(text)


LINK = re.compile(r'(?:href|src)="([^"]*)"')


def test_links_are_relative_and_resolve(site):
    _, dest = site
    pages = list(dest.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            if link.startswith("data:"):
                continue
            assert "://" not in link and not link.startswith("/"), f"{page}: {link}"
            target = (page.parent / unquote(link)).resolve()
            assert target.is_file(), f"{page}: broken link {link}"
            if "customers" in page.relative_to(dest).parts:
                folder = dest / "customers" / page.relative_to(dest / "customers").parts[0]
                assert folder.resolve() in target.parents, f"{page} links outside its customer folder: {link}"


def test_refuses_a_folder_that_is_not_a_site(examples, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("x")
    r = run(examples, "site", "-o", str(mine))
    assert r.exit_code == 2 and "is not an earlier gendan site" in r.stderr
    assert (mine / "thesis.docx").exists()
    r = run(examples, "site", "-o", str(examples / "2026/SO-2026-0142/site"))
    assert r.exit_code == 2 and "is inside the order folder" in r.stderr
    # an earlier site is rewritten, and pages of orders that are gone go with it
    dest = tmp_path / "site"
    assert run(examples, "--as-of", TODAY, "site", "-o", str(dest)).exit_code == 0
    shutil.rmtree(examples / "2026/SO-2026-0142")
    assert run(examples, "--as-of", TODAY, "site", "-o", str(dest)).exit_code == 0
    assert not (dest / "orders/SO-2026-0142.html").exists()


# headless Chromium ------------------------------------------------------------


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        chromium_argv(profile, "--enable-logging=stderr", "--v=0", *args),
        capture_output=True,
        text=True,
        timeout=120,
    )


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the (filtered) pixel bytes of a PNG, with the standard library only."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    return width, height, zlib.decompress(idat)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_pages_load_in_chromium_without_console_errors(site, tmp_path):
    _, dest = site
    # the check itself: a page with a console error is caught
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body><script>console.error('boom')</script></body></html>", encoding="utf-8")
    assert console_messages(chromium(tmp_path, "--dump-dom", bad.as_uri()).stderr)
    customer_index = next((dest / "customers").glob("*/index.html"))
    for page in (dest / "index.html", dest / "orders/SO-2026-0142.html", customer_index):
        done = chromium(tmp_path, "--dump-dom", page.as_uri())
        assert done.returncode == 0, done.stderr[-2000:]
        assert console_messages(done.stderr) == [], page
        assert "</table>" in done.stdout  # the DOM was really built
    shot = tmp_path / "index.png"
    done = chromium(tmp_path, "--window-size=1280,1000", f"--screenshot={shot}", (dest / "index.html").as_uri())
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1280, 1000)
    assert len(set(pixels)) > 50  # text, tables and colours, not a blank page


INTERNAL_KEYS = (
    "costing",
    "order_review",
    "forwarder_booking",
    "fabric_booked",
    "trims_booked",
    "cutting_start",
    "sewing_start",
    "pp_meeting",
    "fabric_in_house",
    "trims_in_house",
    "inline_inspection",
    "mid_inspection",
    "at risk",
    "forecast",
    "merchandiser",
)


def test_buyer_folders_never_name_the_factory_costing_or_internal_milestones(examples, tmp_path):
    """Grep every file of every customer folder for each factory's name and every internal key."""
    for order in sorted(examples.rglob("order.yaml")):
        for kind in ("pi", "inspection-report", "production-notice", "packing-list"):
            run(examples, "doc", order.parent.name, kind, "--as-of", TODAY)
    dest = tmp_path / "site"
    assert run(examples, "--as-of", TODAY, "site", "-o", str(dest)).exit_code == 0
    loaded, _ = Workspace.open(examples).load_all()
    factories = {n for lo in loaded if lo.order.factory for n in (lo.order.factory.name, lo.order.factory.name_zh) if n}
    assert len(factories) >= 2
    files = [p for p in (dest / "customers").rglob("*") if p.is_file()]
    assert any(p.name == "pi.html" for p in files) and any(p.name == "packing-list.html" for p in files)
    assert not any(p.stem in ("inspection-report", "production-notice") for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        for secret in factories | set(INTERNAL_KEYS):
            assert secret not in text, (path.relative_to(dest), secret)
    # the internal pages still show them
    internal = "".join(p.read_text(encoding="utf-8") for p in (dest / "orders").glob("*.html"))
    assert "costing" in internal and any(f in internal for f in factories)


def test_buyer_documents_are_configurable(examples, tmp_path):
    config = examples / "gendan.yaml"
    config.write_text(config.read_text() + "\nbuyer_documents: [pi]\nbuyer_milestones: [ex_factory]\n")
    assert run(examples, "doc", "SO-2026-0151", "packing-list", "--as-of", TODAY).exit_code == 0
    assert run(examples, "doc", "SO-2026-0151", "pi", "--as-of", TODAY).exit_code == 0
    dest = tmp_path / "site"
    assert run(examples, "--as-of", TODAY, "site", "-o", str(dest)).exit_code == 0
    folder = next(p for p in (dest / "customers").iterdir() if (p / "files" / "SO-2026-0151").is_dir())
    assert [p.name for p in (folder / "files" / "SO-2026-0151").iterdir()] == ["pi.html"]
    page = (folder / "SO-2026-0151.html").read_text(encoding="utf-8")
    assert "<td>ex_factory</td>" in page and "pp_sample_approved" not in page


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_clicking_every_link_of_every_page_runs_no_script(examples, tmp_path):
    """Stored XSS through an id or a file name: a folder named `javascript:alert(1)` passed validate
    and its document link became `href="javascript:alert(1)/pi.html"`, which ran when clicked."""
    from tests.browser import Browser

    order = (examples / "2026/SO-2026-0142/order.yaml").read_text(encoding="utf-8")
    for ident in ("javascript:alert(1)", "data:text"):
        hostile = examples / "2026" / ident
        (hostile / "out").mkdir(parents=True)
        (hostile / "order.yaml").write_text(order.replace("id: SO-2026-0142", f'id: "{ident}"'), encoding="utf-8")
        (hostile / "out/pi.html").write_text("<html><body>PI</body></html>", encoding="utf-8")
    out = examples / "2026/SO-2026-0142/out"
    out.mkdir()
    for name in ("pi.html", "javascript:alert(2)", "#x?y=1"):
        (out / name).write_text("<html><body>PI</body></html>", encoding="utf-8")
    checked = run(examples, "--as-of", TODAY, "validate")
    assert checked.exit_code == 1
    assert "2026/javascript:alert(1)/order.yaml:4:5: E103 'id': 'javascript:alert(1)' is not a usable order id" in (
        checked.stdout
    )
    dest = tmp_path / "site"
    r = run(examples, "--as-of", TODAY, "site", "-o", str(dest))
    assert r.exit_code == 1 and "'data:text' is not a usable order id" in r.stderr  # left out, and said so
    page = (dest / "orders/SO-2026-0142.html").read_text(encoding="utf-8")
    assert 'href="SO-2026-0142/javascript%3Aalert%282%29"' in page and 'href="SO-2026-0142/%23x%3Fy%3D1"' in page
    pages = sorted(dest.rglob("*.html"))
    assert len(pages) > 20
    browser = Browser(tmp_path / "profile")
    try:
        ran = [line for p in pages if "/files/" not in p.as_posix() for line in browser.click_every_link(p.as_uri())]
        # the check itself: a javascript: link is caught
        trap = tmp_path / "trap.html"
        trap.write_text('<a href="javascript:void(0)">x</a>', encoding="utf-8")
        assert browser.click_every_link(trap.as_uri())
    finally:
        browser.close()
    assert ran == []
