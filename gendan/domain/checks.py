"""`validate` as a pure function: which files to check, and every problem in them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gendan.core.errors import Finding, Problem, WorkspaceError, said
from gendan.core.progress import Progress, steps
from gendan.domain.rules import check_order
from gendan.store.parse import to_problems
from gendan.store.paths import display
from gendan.store.workspace import CONFIG_NAME, ORDER_NAME, Loaded, Workspace, _walk


def order_files_for(ws: Workspace, targets: list[str]) -> list[Path]:
    """The order files named by ids, order folders, order files or folders of orders.

    A file inside an order folder (as pre-commit passes them) stands for its order;
    `gendan.yaml` and files outside any order are skipped.
    """
    if not targets:
        return ws.order_files()
    files: dict[Path, None] = {}
    for target in targets:
        path = Path(target)
        if path.exists():
            if path.is_dir():
                if (path / ORDER_NAME).is_file():
                    files[path / ORDER_NAME] = None
                else:
                    found: list[str] = []
                    _walk(str(path), found, top=True)
                    if not found:
                        raise WorkspaceError.worded(
                            said(("{target}: no order.yaml in this folder or below", {"target": target}))
                        )
                    files.update(dict.fromkeys(sorted(Path(name) for name in found)))
                continue
            if path.name == CONFIG_NAME:
                continue
            order = _enclosing_order(path)
            if order is not None:
                files[order] = None
            continue
        if "/" in target:
            raise WorkspaceError.worded(said(("{target}: no such file or folder", {"target": target})))
        files[ws.find(target)] = None
    return list(files)


def _enclosing_order(path: Path) -> Path | None:
    folder = path.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / ORDER_NAME).is_file():
            return candidate / ORDER_NAME
        if (candidate / CONFIG_NAME).is_file():
            return None
    return None


def validate_files(
    ws: Workspace, files: list[Path], today: date, everything: bool = False, progress: Progress | None = None
) -> list[Problem]:
    """Schema and single-order rule problems of every file, and the warnings (W4xx) where an open
    order's plan cannot hold, sorted by place (`progress`: gendan/core/progress.py). `everything`:
    `files` are all the workspace's (`order_files_for` without targets), so finding the duplicate
    ids needs no second walk."""
    from gendan.domain.calendar import is_closed, plan_warnings, shared_calendar

    loaded_all, problems = ws.load_all(files, progress=progress)
    checked = {display(f) for f in files}
    problems += [p for p in ws.duplicates(files if everything else None) if p.path in checked]
    open_orders = [lo.order for lo in loaded_all if not is_closed(lo.order, ws.config)]
    cal = shared_calendar(open_orders, ws.config, today) if open_orders else None
    for loaded in steps(loaded_all, "checking orders", progress):
        findings = check_order(loaded.order, loaded.id, ws.config, today)
        if cal is not None and not is_closed(loaded.order, ws.config):
            findings = findings + plan_warnings(loaded.order, ws.config, cal, today)
        problems.extend(located(loaded, findings))
    return sorted(problems)


def located(loaded: Loaded, findings: list[Finding]) -> list[Problem]:
    """Findings about an order as `path:line:col: CODE message` problems, in file order
    (the one way `validate`, `packing` and any other command print them)."""
    if not findings:
        return []
    text = loaded.path.read_text(encoding="utf-8-sig")
    return sorted(to_problems(findings, display(loaded.path), text))
