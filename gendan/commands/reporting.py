"""What the report commands (overdue, status, list, tracker...) share: reading every order."""

from __future__ import annotations

from datetime import date

import click

from gendan.commands import options


def load_orders(ctx: click.Context, progress: bool = False):
    """The workspace and its valid orders; each invalid order is reported on stderr
    with its location and left out. Returns (workspace, orders, had_problems). With
    `progress`, a bar on a terminal while the orders are read (commands/progress.py)."""
    from gendan.commands.progress import terminal

    ws = ctx.obj.workspace()
    loaded, problems = ws.load_all(progress=terminal() if progress else None)
    _left_out(ctx, ws, problems)
    return ws, [item.order for item in loaded], bool(problems)


def load_digests(ctx: click.Context, today: date, items: bool = False, within: int | None = None):
    """The workspace and what the reports need of its valid orders as of `today`, with (`items`)
    their overdue items for `within` days (default: alert_days of gendan.yaml); from the day's
    cache when it can be (gendan/reports/daily.py). Each invalid order is reported on stderr and
    left out. Returns (workspace, digests, had_problems)."""
    from gendan.reports import daily

    ws = ctx.obj.workspace()
    if items and within is None:
        within = ws.config.alert_days
    found, problems = daily.digests(ws, today, within if items else None)
    _left_out(ctx, ws, problems)
    return ws, found, bool(problems)


def _left_out(ctx: click.Context, ws, problems) -> None:
    if not problems:
        return
    from gendan.core.errors import said
    from gendan.render.i18n import problem

    config = ws.config
    w = options.words(ctx, config)
    for p in problems:
        options.echo(problem(w, p), err=True)
    files = len({p.path for p in problems})
    left_out = said(
        (
            "gendan: {n} order file with problems left out of the report (run `gendan validate`)"
            if files == 1
            else "gendan: {n} order files with problems left out of the report (run `gendan validate`)",
            {"n": files},
        )
    )
    options.echo(options.say(ctx, config, left_out), err=True)
