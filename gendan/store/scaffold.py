"""New workspaces (`gendan init`) and new order files (`gendan new`).

`init` writes the built-in defaults file itself, comments and all, so what a new
workspace says is exactly what gendan assumes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gendan.core.errors import GendanError, said
from gendan.store.configfile import DEFAULTS_PATH
from gendan.store.paths import display, inside_workspace, output_folder, workspace_folder, write_file
from gendan.store.workspace import CONFIG_NAME, ORDER_NAME, Workspace, check_id

IGNORED = ("out/", ".gendan/", ".order.yaml.lock", ".order.yaml.*.tmp")  # lock, crash leftovers: gendan.store.edit
# `gendan init --ci SERVER`: where each git server reads its pipeline, and the file written there.
CI_FILES = {
    "github": (Path(".github/workflows/gendan.yml"), DEFAULTS_PATH.parent / "ci-workflow.yml"),
    "gitea": (Path(".gitea/workflows/gendan.yml"), DEFAULTS_PATH.parent / "ci-gitea.yml"),
    "gitlab": (Path(".gitlab-ci.yml"), DEFAULTS_PATH.parent / "ci-gitlab.yml"),
}
CI_WORKFLOW, CI_SAMPLE = CI_FILES["github"]


def init_workspace(folder: Path, ci: str = "github") -> list[Path]:
    """Create gendan.yaml, .gitignore, order.schema.json and the CI pipeline for the git server
    `ci` (one of CI_FILES) in `folder`; returns what was written."""
    from gendan.store.schema import SCHEMA_NAME, schema_text

    config = folder / CONFIG_NAME
    if config.exists():
        raise GendanError.worded(said(("{path} already exists; not overwriting it", {"path": display(config)})))
    output_folder(folder, display(folder))  # anywhere, but not inside a .git/ or .gendan/
    ci_path, ci_sample = CI_FILES[ci]
    ignore, schema, workflow = folder / ".gitignore", folder / SCHEMA_NAME, folder / ci_path
    # none may be a link leading out of the folder (an existing CI workflow is left alone)
    for path in (config, ignore, schema, *([] if workflow.exists() else [workflow])):
        inside_workspace(folder, path, display(path))
    write_file(config, DEFAULTS_PATH.read_bytes())  # makes the folder
    written = [config]
    old = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
    missing = [p for p in IGNORED if p not in old.split()]
    if missing:
        sep = "" if not old or old.endswith("\n") else "\n"
        write_file(ignore, (old + sep + "".join(p + "\n" for p in missing)).encode("utf-8"))
        written.append(ignore)
    write_file(schema, schema_text().encode("utf-8"))
    written.append(schema)
    if not workflow.exists():  # a sample for the team's CI; never replaces the team's own
        write_file(workflow, ci_sample.read_bytes())
        written.append(workflow)
    return written


def order_text(
    order_id: str,
    today: date,
    schema_ref: str,
    customer: str | None = None,
    style: str | None = None,
    merchandiser: str | None = None,
) -> str:
    """A commented order.yaml at stage inquiry, for a merchandiser to fill in."""
    from gendan.store import ordertext

    values = {
        "customer": {"name": customer},
        "merchandiser": merchandiser,
        "style": {"number": style},
    }
    comments = (
        f"Order {order_id}, started {today.isoformat()} with `gendan new`. Fill in what you know;",
        f"`gendan validate {order_id}` checks it. From stage `confirmed` on, the four",
        "essentials are needed (R1): lines with prices and quantities, quality, ex_factory.",
    )
    try:
        return ordertext.order_text(
            order_id, "inquiry", values, schema=schema_ref, comments=comments, today=today, hints=True
        )
    except ValueError as e:
        raise GendanError(str(e)) from None


def new_order(
    ws: Workspace,
    order_id: str,
    today: date,
    subdir: str | None = None,
    customer: str | None = None,
    style: str | None = None,
    merchandiser: str | None = None,
) -> Path:
    """Write a new order folder with its order.yaml; refuses an id already in the workspace."""
    from gendan.store.ordertext import schema_ref

    check_id(order_id)
    clash = [p.parent for p in ws.order_files() if p.parent.name == order_id]
    if clash:
        raise GendanError.worded(
            said(("order {id} already exists: {path}", {"id": order_id, "path": display(clash[0])}))
        )
    base = ws.root if subdir is None else workspace_folder(ws.root, subdir, f"--dir {subdir}")
    folder = inside_workspace(ws.root, base / order_id, display(base / order_id))
    path = folder / ORDER_NAME
    if path.exists():
        raise GendanError.worded(said(("{path} already exists", {"path": display(path)})))
    ref = schema_ref(ws.root, folder)
    # exclusively: of two `new` at once, one writes and the other is told
    write_file(path, order_text(order_id, today, ref, customer, style, merchandiser).encode("utf-8"), new=True)
    return path
