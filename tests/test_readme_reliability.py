"""The README's reliability figures are the tests' own numbers."""

import re

import test_concurrency
import test_corpus
import test_durability
import test_fuzz
import test_roundtrip

from tests.helpers import ROOT


def figures() -> dict[str, int]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    return {m[1].strip(): int(m[2].replace(",", "")) for m in re.finditer(r"^\| (.+?) \| ([\d,]+) \|$", section, re.M)}


def test_readme_table_matches_the_tests():
    got = figures()

    def row(start: str) -> int:
        (value,) = [v for k, v in got.items() if k.startswith(start)]
        return value

    assert len(got) == 11
    assert row("broken files in the bad-input corpus") == len(test_corpus.CASES)
    assert row("generated corpus cases") == len(test_corpus.GENERATED)
    assert row("commands run on every corpus file") == len(test_corpus.READERS)
    assert row("fuzzed files") == test_fuzz.FUZZ_EXAMPLES
    assert row("fuzzed sequences") == test_roundtrip.ROUNDTRIP_EXAMPLES
    assert row("writers on one order at the same moment") == test_concurrency.CONCURRENT_WRITERS
    assert "(in each of 3 rounds)" in [k for k in got if k.startswith("writers on one")][0]
    assert test_concurrency.ROUNDS == 3
    assert row("writers killed with SIGKILL") == test_concurrency.KILLS
    assert row("editor saves while gendan writes") == test_concurrency.EDITOR_SAVES
    assert row("`site` runs killed with SIGKILL") == test_durability.KILLED_SITES
    assert row("runaway templates") == len(test_durability.RUNAWAY_TEMPLATES) * 2  # doc and site


def test_readme_counts_the_security_cases():
    """The attacks row is the number of test cases pytest collects from tests/test_security.py."""
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests/test_security.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    collected = sum(1 for line in out.splitlines() if line.startswith("tests/test_security.py::"))
    (value,) = [v for k, v in figures().items() if k.startswith("attacks replayed by")]
    assert value == collected
