"""Validation problems in the formats git servers read, so they appear on the lines of a pull or
merge request: JSON (gendan's own), SARIF 2.1.0 (code scanning), GitHub workflow commands and
GitLab Code Quality. Every format is made from the same located `Problem` values.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from urllib.parse import quote

from gendan.core.errors import Problem

FORMATS = ("json", "sarif", "github", "gitlab")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(problems: Sequence[Problem], checked: int, fmt: str) -> str:
    """The problems in `fmt` (one of FORMATS), as the text to print."""
    if fmt == "json":
        return _dump({"checked": checked, "problems": [p.as_dict() for p in problems]})
    if fmt == "sarif":
        return _dump(sarif(problems))
    if fmt == "github":
        return "\n".join(github(p) for p in problems)
    if fmt == "gitlab":
        return _dump(gitlab(problems))
    raise ValueError(f"unknown format {fmt!r}")


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def sarif(problems: Sequence[Problem]) -> dict[str, object]:
    """One SARIF 2.1.0 log with one run; a rule per problem code, a result per problem."""
    from gendan import __version__

    codes = sorted({p.code for p in problems})
    results = []
    for p in problems:
        location: dict[str, object] = {"artifactLocation": _artifact(p.path)}
        if p.line >= 1:
            region: dict[str, int] = {"startLine": p.line}
            if p.col >= 1:
                region["startColumn"] = p.col
            location["region"] = region
        results.append(
            {
                "ruleId": p.code,
                "ruleIndex": codes.index(p.code),
                "level": "error" if p.is_error else "warning",
                "message": {"text": p.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gendan",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/gendan/",
                        "rules": [{"id": code, "name": code} for code in codes],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _artifact(path: str) -> dict[str, str]:
    """A relative path (gendan run from the repository, as in CI) is relative to the checkout."""
    from pathlib import PurePath

    if PurePath(path).is_absolute():
        from pathlib import Path

        return {"uri": Path(path).as_uri()}
    return {"uri": quote(PurePath(path).as_posix()), "uriBaseId": "%SRCROOT%"}


def github(p: Problem) -> str:
    """A GitHub Actions workflow command: `::error file=…,line=…,col=…,title=CODE::message`."""
    props = [f"file={_gh_property(p.path)}"]
    if p.line >= 1:
        props.append(f"line={p.line}")
        if p.col >= 1:
            props.append(f"col={p.col}")
    props.append(f"title={_gh_property(p.code)}")
    level = "error" if p.is_error else "warning"
    return f"::{level} {','.join(props)}::{_gh_data(p.message)}"


def _gh_data(text: str) -> str:
    # The escapes the runner undoes (actions/toolkit, command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def gitlab(problems: Sequence[Problem]) -> list[dict[str, object]]:
    """GitLab Code Quality report entries (a subset of the Code Climate format GitLab reads).

    The fingerprint identifies a problem across pipelines: it hashes the file, code and message
    (not the line, so an edit above a problem does not make it "new"), plus a counter when the
    same problem appears twice in one file.
    """
    seen: dict[str, int] = {}
    entries: list[dict[str, object]] = []
    for p in problems:
        key = f"{p.path}\0{p.code}\0{p.message}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += f"\0{seen[key]}"
        entries.append(
            {
                "description": f"{p.code} {p.message}",
                "check_name": p.code,
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                "severity": "major" if p.is_error else "minor",
                "location": {"path": p.path, "lines": {"begin": max(p.line, 1)}},
            }
        )
    return entries
