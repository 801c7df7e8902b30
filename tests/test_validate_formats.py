"""`gendan validate --format sarif|github|gitlab|json`: the same located problems, in the formats
git servers show on the lines of a pull or merge request."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.helpers import make_workspace, run

GOOD = """\
id: SO-1
customer: {name: Nordic Outdoor AS, country: NO}
stage: inquiry
"""
# Two errors in one file (unknown key, missing key) and one in a folder with a space and Chinese name.
FILES = {
    "SO-1/order.yaml": GOOD.replace("country: NO", "contry: NO"),
    "北欧 客户/SO-2/order.yaml": GOOD.replace("SO-1", "SO-2").replace("customer:", "custmer:"),
}

# The SARIF 2.1.0 schema (sarif-schema-2.1.0.json, OASIS) is not shipped in any package this project
# can install offline, so this is its required structure for what gendan writes, transcribed from
# the schema's definitions: sarifLog (version, runs), run (tool), tool (driver), toolComponent (name),
# reportingDescriptor (id), result (message), message (text), location/physicalLocation,
# artifactLocation (uri), region (startLine >= 1, startColumn >= 1), result.level's enum.
# additionalProperties is not false in SARIF; unknown keys are allowed there, so they are here.
SARIF_REQUIRED = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "informationUri": {"type": "string", "format": "uri"},
                                    "rules": {
                                        "type": "array",
                                        "uniqueItems": True,
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                },
            },
        },
    },
    "$defs": {
        "result": {
            "type": "object",
            "required": ["message"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": {
                    "type": "object",
                    "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
                    "properties": {"text": {"type": "string"}},
                },
                "locations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "physicalLocation": {
                                "type": "object",
                                "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
                                "properties": {
                                    "artifactLocation": {
                                        "type": "object",
                                        "properties": {
                                            "uri": {"type": "string", "format": "uri-reference"},
                                            "uriBaseId": {"type": "string"},
                                        },
                                    },
                                    "region": {
                                        "type": "object",
                                        "properties": {
                                            "startLine": {"type": "integer", "minimum": 1},
                                            "startColumn": {"type": "integer", "minimum": 1},
                                        },
                                    },
                                },
                            }
                        },
                    },
                },
            },
        }
    },
}


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """The broken workspace, as the current directory: in CI gendan runs from the checkout, and
    problems are named relative to it, which is what the servers match against their files."""
    root = make_workspace(tmp_path, FILES)
    monkeypatch.chdir(root)
    return root


def _text_problems(root) -> list[str]:
    result = run(root, "validate")
    assert result.exit_code == 1
    return [line for line in result.output.splitlines() if "order.yaml:" in line]


def test_sarif_is_valid_and_carries_every_problem(broken):
    result = run(broken, "validate", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.output)
    jsonschema.Draft202012Validator(
        SARIF_REQUIRED, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(log)
    results = log["runs"][0]["results"]
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    again = []
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert rules[r["ruleIndex"]] == r["ruleId"]
        from urllib.parse import unquote

        again.append(
            f"{unquote(loc['artifactLocation']['uri'])}:{loc['region']['startLine']}:"
            f"{loc['region']['startColumn']}: {r['ruleId']} {r['message']['text']}"
        )
    assert sorted(again) == sorted(_text_problems(broken))
    assert len(again) == 3
    # the folder with a space and Chinese characters is percent-encoded in the URI
    assert any(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("%E5%8C%97") for r in results
    )


def test_sarif_of_a_clean_workspace_is_valid_and_empty(examples):
    result = run(examples, "validate", "--format", "sarif", "--as-of", "2026-11-30")
    assert result.exit_code == 0
    log = json.loads(result.output)
    jsonschema.Draft202012Validator(SARIF_REQUIRED).validate(log)
    assert log["runs"][0]["results"] == []


def test_github_workflow_commands(broken):
    result = run(broken, "validate", "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        "::error file=SO-1/order.yaml,line=2,col=37,title=E102::unknown key 'customer.contry' (did you mean 'country'?)"
        in lines
    )
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(_text_problems(broken)) == 3
    assert lines[-1].startswith("3 problems in 2 files")  # the summary stays, as a plain log line


def test_github_escapes_what_the_runner_would_misread(tmp_path, monkeypatch):
    # a folder name with a comma and a colon would end the `file=` property early
    root = make_workspace(tmp_path, {"a,b:c/order.yaml": FILES["SO-1/order.yaml"]})
    monkeypatch.chdir(root)
    out = run(root, "validate", "--format", "github").output
    assert "::error file=a%2Cb%3Ac/order.yaml,line=2,col=37,title=E102::" in out


def test_gitlab_code_quality(broken):
    result = run(broken, "validate", "--format", "gitlab")
    assert result.exit_code == 1
    entries = json.loads(result.output)
    assert len(entries) == 3
    for e in entries:
        assert set(e) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert e["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(e["location"]["lines"]["begin"], int) and e["location"]["lines"]["begin"] >= 1
    assert len({e["fingerprint"] for e in entries}) == 3
    one = next(e for e in entries if e["location"]["path"] == "SO-1/order.yaml")
    assert one["description"] == "E102 unknown key 'customer.contry' (did you mean 'country'?)"
    assert one["location"]["lines"]["begin"] == 2
    # the same problem keeps its fingerprint when lines are added above it (GitLab tracks it as "unchanged")
    order = broken / "SO-1" / "order.yaml"
    order.write_text("# a comment\n" + order.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(run(broken, "validate", "--format", "gitlab").output)
    same = next(e for e in moved if e["location"]["path"] == "SO-1/order.yaml")
    assert same["location"]["lines"]["begin"] == 3
    assert same["fingerprint"] == one["fingerprint"]


def test_json_unchanged(broken):
    data = json.loads(run(broken, "validate", "--format", "json").output)
    assert data["checked"] == 2
    assert {p["code"] for p in data["problems"]} == {"E101", "E102"}
