"""One definition of each thing: one stage validator, one `--by`, one order.yaml text
builder, one edit pipeline. Each test here fails if a second copy comes back."""

from __future__ import annotations

import pytest
from conftest import run

FLOW = ", ".join(
    "inquiry confirmed reviewed funded sampling materials production inspection shipping paid delivered closed".split()
)
AS_OF = ("--as-of", "2026-12-01")


# --- 1. one stage validator -----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "accepted"),
    [
        (("list", "--stage", "shiping"), FLOW + ", on_hold, cancelled"),
        (("overdue", *AS_OF, "--stage", "shiping"), FLOW + ", on_hold, cancelled"),
        (("advance", "SO-2026-0142", *AS_OF, "--to", "shiping"), FLOW),
        (("resume", "SO-2026-0098", *AS_OF, "--to", "shiping"), FLOW),
    ],
    ids=["list", "overdue", "advance", "resume"],
)
def test_an_unknown_stage_is_worded_once_everywhere(examples, args, accepted):
    before = {p: p.read_bytes() for p in examples.rglob("order.yaml")}
    result = run(examples, *args)
    assert result.exit_code == 2, result.output
    # the whole message, from the one validator (Config.check_stage): the stages listed are those accepted there
    assert result.stderr.splitlines()[-1] == (
        f"gendan: unknown stage 'shiping' (did you mean 'shipping'?); stages are {accepted}"
    )
    assert {p: p.read_bytes() for p in examples.rglob("order.yaml")} == before


def test_overdue_stage_filter_is_exact_like_list(examples):
    """`overdue --stage productoin` used to say "nothing overdue" (exit 0); now a usage error."""
    result = run(examples, "overdue", *AS_OF, "--stage", "productoin")
    assert result.exit_code == 2
    assert "unknown stage 'productoin' (did you mean 'production'?)" in result.stderr
    ok = run(examples, "overdue", *AS_OF, "--stage", "on_hold", "--format", "csv")
    assert ok.exit_code in (0, 1), ok.output
    assert "unknown stage" not in ok.stderr


def test_there_is_one_stage_validator():
    import gendan.domain.workflow as workflow
    import gendan.reports.summary as summary

    assert not hasattr(summary, "check_stage")
    assert not hasattr(workflow, "stage_name")
