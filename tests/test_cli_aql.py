from tests.helpers import make_workspace, run


def test_aql_prints_the_plan():
    result = run(None, "aql", "--lot", "3000", "--level", "II", "--aql", "2.5", "--aql", "4.0", "--cartons", "120")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Lot 3000, inspection level II: code letter K (ISO 2859-1 single sampling, normal inspection)\n"
        "AQL    letter    sample    accept (Ac)    reject (Re)    note\n"
        "-----  --------  --------  -------------  -------------  ------\n"
        "2.5    K         125       7              8\n"
        "4.0    K         125       10             11\n"
        "Cartons to open: at least 11 of 120 (√120)\n"
    )


def test_aql_bad_input_exit_2():
    result = run(None, "aql", "--lot", "0", "--aql", "2.5")
    assert result.exit_code == 2
    assert "lot size must be a whole number of at least 1, got 0" in result.stderr
    result = run(None, "aql", "--lot", "100", "--aql", "3")
    assert result.exit_code == 2
    assert "AQL 3 is not in the table" in result.stderr and "0.065" in result.stderr


ORDER = """\
id: SO-1
customer: {name: Buyer}
stage: inquiry
inspections:
  - {type: final, lot: 3000, sample_size: 80, defects: {major: 2}, result: pending}
  - {type: final, lot: 3000, sample_size: 125, defects: {major: 8, minor: 3}, result: pass}
  - {type: final, lot: 3000, sample_size: 125, defects: {major: 7, minor: 10}, result: pass}
  - {type: final, lot: 3000, sample_size: 125, defects: {critical: 1}, result: pass}
"""


def test_validate_checks_inspections_against_the_plan(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    result = run(root, "validate", "--as-of", "2026-11-30")
    assert result.exit_code == 1
    lines = [line.split("ws/", 1)[1] for line in result.output.splitlines() if "E240" in line]
    assert lines == [
        "SO-1/order.yaml:5:43: E240 inspection 1: sample size 80 is too small for lot 3000 at level II "
        "(major AQL 2.5: 125, minor AQL 4.0: 125); inspect at least 125",
        "SO-1/order.yaml:6:87: E240 inspection 2: result pass with 8 major defect(s), above the accept number 7",
        "SO-1/order.yaml:8:80: E240 inspection 4: result pass with 1 critical defect(s), above the accept number 0",
    ]


CARTONS = """\
id: SO-1
customer: {name: Buyer}
stage: inquiry
lines: [{colour: Navy, unit_price: 1, sizes: {S: 1200}}]
packing:
  rules: [{pieces_per_carton: 12}]
inspections:
  - {type: final, lot: 1200, sample_size: 80, cartons_opened: 9, result: pending}
"""


def test_validate_checks_cartons_opened_against_the_square_root(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": CARTONS})
    result = run(root, "validate", "--as-of", "2026-11-30")
    lines = [line.split("ws/", 1)[1] for line in result.output.splitlines() if "E240" in line]
    assert lines == [
        "SO-1/order.yaml:8:63: E240 inspection 1: 9 cartons opened; a final inspection opens at least 10 of 100 (√N)"
    ]
    (root / "SO-1/order.yaml").write_text(CARTONS.replace("cartons_opened: 9", "cartons_opened: 10"))
    assert "E240" not in run(root, "validate", "--as-of", "2026-11-30").output
