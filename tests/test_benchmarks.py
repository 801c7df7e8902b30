"""The benchmark tools work: generated workspaces are valid and reproducible."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT, run

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402


def test_generated_orders_all_validate(tmp_path):
    paths = generate.generate(tmp_path / "ws", 60, seed=7)
    assert len(paths) == 60
    result = run(tmp_path / "ws", "--no-cache", "validate", "--as-of", str(generate.TODAY))
    assert result.exit_code == 0, result.output
    assert result.output == "60 orders checked, no problems\n"


def test_generator_is_deterministic_and_varied(tmp_path):
    a = generate.generate(tmp_path / "a", 40, seed=3)
    b = generate.generate(tmp_path / "b", 40, seed=3)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    texts = [p.read_text(encoding="utf-8") for p in a]
    stages = {line.split(": ")[1] for t in texts for line in t.splitlines() if line.startswith("stage: ")}
    assert len(stages) >= 6
    assert any("revised:" in t and "reason:" in t for t in texts)
    assert any("宏达" in t or "绍兴" in t for t in texts)
    other = generate.generate(tmp_path / "c", 40, seed=4)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in a]
