from __future__ import annotations

import json

import click

from gendan.commands import options


@click.command(
    epilog="Examples: gendan diff SO-2026-0142 · gendan diff SO-2026-0142 --since 2026-10-20 · "
    "gendan diff SO-2026-0142 --since pi-signed"
)
@options.order_id
@click.option(
    "--since",
    default=None,
    metavar="REV|DATE",
    help="Compare with this git revision, or with the last commit before this date (default: HEAD).",
)
@options.output_format("text", "json", default="text")
@click.pass_context
def diff(ctx: click.Context, order_id: str, since, fmt: str) -> None:
    """Show which fields of an order changed since a revision or a date."""
    from gendan.store import edit, history

    ws = ctx.obj.workspace()
    draft = edit.open_text(ws, order_id)  # a broken file too: the diff shows what broke it
    d = history.order_diff(draft.path, draft.id, draft.text, since)
    if fmt == "json":
        options.echo(
            json.dumps(
                {"order": draft.id, "since": d.rev, "changes": [c.as_dict() for c in d.changes]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    from gendan.core.text import one_line

    # a commit's subject and old file text are anybody's: one line each, escaped
    w = options.words(ctx, ws.config)
    options.echo(
        f"{draft.id} since {one_line(d.described)}"
        if w.lang == "en"
        else w("{id} since {revision}", id=draft.id, revision=one_line(d.described))
    )
    for c in d.changes:
        options.echo(f"  {one_line(str(c))}")
    if not d.changes:
        options.echo("  " + w("no field changed"))
