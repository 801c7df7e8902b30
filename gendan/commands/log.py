from __future__ import annotations

import json

import click

from gendan.commands import options


@click.command(epilog="Examples: gendan log SO-2026-0142 · gendan log SO-2026-0142 --format json")
@options.order_id
@options.as_of
@options.output_format("text", "json", default="text")
@options.wide
@click.pass_context
def log(ctx: click.Context, order_id: str, as_of, fmt: str) -> None:
    """Show an order's timeline: its history entries and the git commits that changed it, field by field."""
    from gendan.store import edit, history

    ws = ctx.obj.workspace()
    draft = edit.open_text(ws, order_id)  # a broken file too: its history shows what broke it
    entries = draft.order.history if draft.order is not None else []
    timeline = history.order_log(draft.path, entries, draft.text, options.today(ctx, as_of))
    if draft.problems:
        broken = f"{draft.shown} does not validate ({draft.problems[0]}): its history entries are left out"
        timeline.note = f"{broken}; {timeline.note}" if timeline.note else broken
    if fmt == "json":
        options.echo(
            json.dumps(
                {
                    "order": draft.id,
                    "git": timeline.in_git,
                    "note": timeline.note,
                    "events": [e.as_dict() for e in timeline.events],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    from gendan.core.text import one_line
    from gendan.render.tables import wrap

    # a commit's author and subject, and old file text, are anybody's: one line each, escaped;
    # long ones wrap to the terminal under their entry (--wide: one line each)
    options.echo(f"{draft.id}  {one_line(draft.shown)}")
    if timeline.note:
        options.echo(wrap(f"({one_line(timeline.note)})", indent=" "))
    for e in timeline.events:
        label = {"commit": f"commit {e.rev}", "history": "history", "uncommitted": "working file"}[e.kind]
        when = "" if e.kind == "uncommitted" else e.when.isoformat()
        who = f"  {one_line(e.who)}" if e.who else ""
        options.echo(wrap(f"{when:10}  {label:17}{who}  {one_line(e.text)}", indent=" " * 12))
        for c in e.changes:
            options.echo(wrap(f"{'':12}  {one_line(str(c))}", indent=" " * 16))
