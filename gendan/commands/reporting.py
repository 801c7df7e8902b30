"""What the report commands (overdue, status, tracker) share: reading every order."""

from __future__ import annotations

import click

from gendan.commands import options


def load_orders(ctx: click.Context, progress: bool = False):
    """The workspace and its valid orders; each invalid order is reported on stderr
    with its location and left out. Returns (workspace, orders, had_problems). With
    `progress`, a bar on a terminal while the orders are read (commands/progress.py)."""
    from gendan.commands.progress import terminal

    ws = ctx.obj.workspace()
    loaded, problems = ws.load_all(progress=terminal() if progress else None)
    for p in problems:
        options.echo(str(p), err=True)
    if problems:
        files = len({p.path for p in problems})
        options.echo(
            f"gendan: {files} order file{'s' * (files != 1)} with problems left out of the report "
            "(run `gendan validate`)",
            err=True,
        )
    return ws, [item.order for item in loaded], bool(problems)
