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
    w = options.words(ctx, ws.config)
    note = timeline.note if w.lang == "en" or not timeline.note else w(timeline.note)  # history.NO_COMMIT...
    if draft.problems:
        from gendan.core.errors import said
        from gendan.render.i18n import problem

        broken = options.say(
            ctx,
            ws.config,
            said(
                (
                    "{path} does not validate ({problem}): its history entries are left out",
                    {"path": draft.shown, "problem": problem(w, draft.problems[0])},
                )
            ),
        )
        timeline.note = f"{broken}; {timeline.note}" if timeline.note else broken
        note = f"{broken}; {note}" if note else broken
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
    if note:
        options.echo(wrap(f"({one_line(note)})", indent=" "))
    for e in timeline.events:
        label = {"commit": f"commit {e.rev}", "history": "history", "uncommitted": "working file"}[e.kind]
        text = e.text
        if w.lang != "en":
            label = w("commit {rev}", rev=e.rev) if e.kind == "commit" else w(label)
            text = w.pieces(e.words) if e.words else w(text) if e.kind == "uncommitted" else text
        when = "" if e.kind == "uncommitted" else e.when.isoformat()
        who = f"  {one_line(e.who)}" if e.who else ""
        options.echo(wrap(f"{when:10}  {_padded(label, 17)}{who}  {one_line(text)}", indent=" " * 12))
        for c in e.changes:
            options.echo(wrap(f"{'':12}  {one_line(str(c))}", indent=" " * 16))


def _padded(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (a Chinese character takes two)."""
    from wcwidth import wcswidth

    shown = wcswidth(text)
    return text + " " * max(0, width - (len(text) if shown < 0 else shown))
