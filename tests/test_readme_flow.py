"""The README's "Following an order" walkthrough, replayed on a copy of the examples.

Every `gendan` line of its sh blocks runs (exit 1 where the comment says "refused", else 0),
a ```text block after an sh block is the exact output of that block's last command, a
```yaml block is pasted at the end of the order file, except the final `history:` block,
which must be what the file then holds.
"""

from __future__ import annotations

import re
import shlex

from tests.helpers import ROOT, run

ORDER = "2026/SO-2026-0151/order.yaml"


def walkthrough() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Following an order\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(\w+)\n(.*?)```", section, flags=re.S)


def test_readme_walkthrough_replays(examples):
    blocks = walkthrough()
    assert [kind for kind, _ in blocks].count("sh") >= 6
    env = {}
    last = None
    ran = 0
    for kind, body in blocks:
        if kind == "sh":
            for line in body.splitlines():
                words = shlex.split(line, comments=True)
                if not words or words[0] == "cd":
                    continue
                if words[0] == "export":
                    key, value = words[1].split("=", 1)
                    env[key] = value
                    continue
                assert words[0] == "gendan", line
                last = run(examples, *words[1:], env=env)
                expected = 1 if "refused" in line.split("#", 1)[-1] else 0
                assert last.exit_code == expected, f"{line}\n{last.output}"
                ran += 1
        elif kind == "text":
            assert last is not None
            assert last.output == body, f"README output differs:\n{last.output}"
        elif kind == "yaml" and body.startswith("history:"):
            assert body in (examples / ORDER).read_text(encoding="utf-8")
        elif kind == "yaml":
            with open(examples / ORDER, "a", encoding="utf-8") as f:
                f.write(body)
    assert ran >= 20
    result = run(examples, "validate", "--as-of", "2027-06-30")
    assert result.exit_code == 0, result.output
    final = run(examples, "advance", "SO-2026-0151", "--as-of", "2027-06-30")
    assert final.exit_code == 1 and "closed, the last stage" in final.stderr
