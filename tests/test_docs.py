"""The documentation stays true: it lives in the repository, its references resolve, and its
tables say what the code does (modules, error codes, the default stages and gates)."""

from __future__ import annotations

import re

import pytest

from gendan.core.errors import CODES
from gendan.store.configfile import DEFAULTS_PATH
from gendan.store.yamlio import load_file
from tests.helpers import ROOT

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]
SOURCES = sorted(
    p
    for folder in ("gendan", "tests", "templates", "benchmarks", ".ci")
    for p in (ROOT / folder).rglob("*")
    if p.is_file()
    and p.suffix in (".py", ".j2", ".md", ".yaml", ".yml", "")
    and not {"reference_files", "corpus", "__pycache__"} & set(p.parts)
)


def text(path):
    return path.read_bytes().decode("utf-8", errors="replace")


def slug(heading: str) -> str:
    """The anchor GitHub (and most Markdown viewers) give a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_nothing_points_at_files_outside_the_repository():
    outside = ["DOMAIN" + ".md", "DESIGN" + ".md", "STYLE" + ".md", "/work/" + "shared"]
    found = [(str(p.relative_to(ROOT)), name) for p in SOURCES + PAGES for name in outside if name in text(p)]
    assert found == [], "point at docs/domain.md or docs/architecture.md (and a section) instead"


def test_section_references_in_code_resolve():
    refs = [
        (p, page, int(n))
        for p in SOURCES
        for page, n in re.findall(r"docs/(\w+)\.md §(\d+)", text(p))
        if p.suffix == ".py"
    ]
    assert len({p for p, _, _ in refs}) >= 8  # the rules, calendar, packing, workflow, errors, config, editor...
    for p, page, n in refs:
        headings = re.findall(r"^## (\d+)\. ", text(DOCS / f"{page}.md"), re.M)
        assert str(n) in headings, f"{p.relative_to(ROOT)}: docs/{page}.md has no section {n}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_between_pages_resolve(page):
    for target in re.findall(r"\]\(([^)\s]+)\)", text(page)):
        assert not target.startswith(("http:", "https:")), f"{target}: the docs stay inside the repository"
        file, _, anchor = target.partition("#")
        dest = (page.parent / file).resolve() if file else page
        assert dest.exists(), f"{page.name}: link to {target}"
        if anchor and dest.suffix == ".md":
            anchors = [slug(h) for h in re.findall(r"^#+ (.+)$", text(dest), re.M)]
            assert anchor in anchors, f"{page.name}: no heading for #{anchor} in {dest.name}"


def test_architecture_names_every_module():
    page = text(DOCS / "architecture.md")
    modules = sorted(
        str(p.relative_to(ROOT / "gendan"))
        for p in (ROOT / "gendan").rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    )
    missing = [m for m in modules if f"`{m}`" not in page and f"gendan/{m}" not in page]
    commands = [m for m in missing if m.startswith("commands/")]  # named by the pattern commands/NAME.py
    assert [m for m in missing if m not in commands] == [], "add each to its layer's table in docs/architecture.md"
    for shared in ("commands/options.py", "commands/reporting.py", "commands/editing.py"):
        if (ROOT / "gendan" / shared).exists():
            assert f"`{shared}`" in page


def test_domain_lists_every_error_code_exactly():
    rows = dict(re.findall(r"^\| ([EW]\d{3}) \| (.+) \|$", text(DOCS / "domain.md"), re.M))
    assert rows == CODES, "the error-code table of docs/domain.md §4 must match gendan.core.errors.CODES"


def test_domain_shows_the_default_stages_and_gates():
    table = text(DOCS / "domain.md").split("## 2. ", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| [^|]+ \| [^|]+ \| ([^|]+) \|$", table, re.M)
    shown = [(key, [g.strip() for g in gates.split(",")] if gates.strip() != "—" else []) for key, gates in rows]
    defaults = [(s["key"], s.get("gates", [])) for s in load_file(DEFAULTS_PATH)["stages"]]
    assert shown == defaults


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_names_of_code_in_the_pages_exist(page):
    import importlib

    for dotted in sorted(set(re.findall(r"`(gendan(?:\.\w+)+)", text(page)))):
        if dotted == "gendan.yaml":  # the workspace's file, not a module
            continue
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):  # the longest importable module, then attributes
            try:
                obj = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            for attr in parts[cut:]:
                assert hasattr(obj, attr), f"{page.name}: {dotted} does not exist"
                obj = getattr(obj, attr)
            break
    for path in sorted(
        set(re.findall(r"`((?:gendan|tests|benchmarks|templates|examples)/[\w./-]+\.\w+)`", text(page)))
    ):
        if "NAME" not in path:  # a pattern (gendan/commands/NAME.py), not a file
            assert (ROOT / path).exists(), f"{page.name}: {path} does not exist"
