from tests.helpers import make_workspace, run

GOOD = """\
id: SO-1
customer: {name: Nordic Outdoor AS, country: NO}
stage: inquiry
"""


def test_examples_validate_clean(examples):
    result = run(examples, "validate", "--as-of", "2026-11-30")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("no problems\n")


def test_unknown_key_located_with_suggestion(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": GOOD.replace("country: NO", "contry: NO")})
    result = run(root, "validate")
    assert result.exit_code == 1
    assert "SO-1/order.yaml:2:37: E102 unknown key 'customer.contry' (did you mean 'country'?)" in result.output
