import json

from tests.helpers import make_workspace, run


def test_aql_prints_the_plan():
    result = run(
        None, "aql", "--lot", "3000", "--level", "II", "--aql", "2.5", "--aql", "4.0", "--cartons", "120", "--wide"
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Lot 3000, inspection level II: code letter K (ISO 2859-1 single sampling, normal inspection)\n"
        "AQL    letter    sample    accept (Ac)    reject (Re)    note\n"
        "-----  --------  --------  -------------  -------------  ------\n"
        "2.5    K         125       7              8\n"
        "4.0    K         125       10             11\n"
        "\n"
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


# -- one sampling computation: the command, validate's E240 and the inspection report ----------

SETTINGS = "company: {name: Test Co}\naql: {level: I, major: 1.5, minor: 6.5, critical: 0.065}\n"
INSPECTED = """\
id: SO-1
customer: {name: Buyer}
stage: inquiry
style: {number: ST-1}
inspections:
  - {type: final, lot: 3000, sample_size: 200, defects: {major: 2, minor: 7}, result: pass}
"""


def test_aql_reads_the_workspace_settings_including_critical(tmp_path):
    root = make_workspace(tmp_path, {}, config=SETTINGS)
    data = json.loads(run(root, "aql", "--lot", "3000", "--format", "json").stdout)
    assert (data["level"], data["code_letter"]) == ("I", "H")
    assert [(p["aql"], p["sample"], p["accept"], p["reject"]) for p in data["plans"]] == [
        ("1.5", 50, 2, 3),
        ("6.5", 50, 7, 8),
        ("0.065", 200, 0, 1),  # the critical AQL of gendan.yaml (before: left out)
    ]


def test_aql_outside_a_workspace_takes_the_defaults_file(tmp_path, monkeypatch):
    from gendan.store import configfile

    text = configfile.DEFAULTS_PATH.read_text(encoding="utf-8")
    assert "  level: II\n" in text
    changed = tmp_path / "gendan.yaml"
    changed.write_text(text.replace("  level: II\n", "  level: III\n"), encoding="utf-8")
    monkeypatch.setattr(configfile, "DEFAULTS_PATH", changed)
    configfile.default_data.cache_clear()
    configfile.default_config.cache_clear()
    try:
        bare = tmp_path / "bare"
        bare.mkdir()
        monkeypatch.chdir(bare)
        result = run(None, "aql", "--lot", "3000")
    finally:
        configfile.default_data.cache_clear()
        configfile.default_config.cache_clear()
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Lot 3000, inspection level III: code letter L ")
    assert "\n2.5    L         200       10             11\n" in result.stdout


def test_aql_with_a_broken_gendan_yaml_says_so_instead_of_guessing(tmp_path):
    root = make_workspace(tmp_path, {}, config="company: {name: Test Co}\naql: {level: IV}\n")
    result = run(root, "aql", "--lot", "3000")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "gendan.yaml:2:" in result.stderr and "E10" in result.stderr


def test_validate_and_the_inspection_report_use_the_same_plan_as_the_command(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": INSPECTED}, config=SETTINGS)
    plans = json.loads(run(root, "aql", "--lot", "3000", "--format", "json").stdout)["plans"]
    major, minor, critical = ((p["sample"], p["accept"], p["reject"]) for p in plans)
    # validate: level I from gendan.yaml (the record gives none), so 200 is enough (critical 0.065: 200)
    result = run(root, "validate", "--as-of", "2026-11-30")
    assert "E240" not in result.output
    # the report prints the same level, letter and numbers
    assert run(root, "doc", "SO-1", "inspection-report", "--format", "md").exit_code == 0
    report = (root / "SO-1" / "out" / "inspection-report.md").read_text(encoding="utf-8")
    assert "- Lot size: 3,000 pcs; level I, code letter H\n" in report
    assert f"| major | 1.5 | {major[0]} | {major[1]} | {major[2]} | 2 | ACCEPT |" in report
    assert f"| minor | 6.5 | {minor[0]} | {minor[1]} | {minor[2]} | 7 | ACCEPT |" in report
    assert f"| critical | 0.065 | {critical[0]} | {critical[1]} | {critical[2]} | 0 | ACCEPT |" in report
    # one more minor defect breaks the plan in all three places
    (root / "SO-1" / "order.yaml").write_text(INSPECTED.replace("minor: 7", "minor: 8"), encoding="utf-8")
    out = run(root, "validate", "--as-of", "2026-11-30").output
    lines = [x.split("ws/", 1)[1] for x in out.splitlines() if "ws/" in x]
    assert "SO-1/order.yaml:6:87: E240 inspection 1: result pass with 8 minor defect(s), above the accept number 7" in (
        lines
    )
    run(root, "doc", "SO-1", "inspection-report", "--format", "md")
    report = (root / "SO-1" / "out" / "inspection-report.md").read_text(encoding="utf-8")
    assert "| minor | 6.5 | 50 | 7 | 8 | 8 | REJECT |" in report


def test_an_inspection_level_in_the_record_overrides_the_workspace(tmp_path):
    ten = INSPECTED.replace("minor: 7", "minor: 10")
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ten}, config=SETTINGS)
    out = run(root, "validate", "--as-of", "2026-11-30").output  # level I (gendan.yaml): minor Ac 7
    assert "E240 inspection 1: result pass with 10 minor defect(s), above the accept number 7" in out
    (root / "SO-1" / "order.yaml").write_text(ten.replace("lot: 3000,", "lot: 3000, level: II,"), encoding="utf-8")
    assert "E240" not in run(root, "validate", "--as-of", "2026-11-30").output  # level II: minor Ac 14
