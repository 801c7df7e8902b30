"""The one pipeline of the commands that change an order: open → pure change → write → print
(docs/architecture.md §3).

advance, hold, resume, cancel, done, revise, change and plan --write each parse their
options and call `edit_order` with a function of the order as read (a
`gendan.store.edit.Draft`) that returns a `Change`: a pure domain function's patch and
message. This module is the only place (with `gendan import`/`new`, which create files)
that opens an order for writing, writes it, and says what was done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from gendan.commands import options

if TYPE_CHECKING:
    from gendan.core.model import Order
    from gendan.core.patch import Change
    from gendan.store.edit import Draft
    from gendan.store.workspace import Workspace


def edit_order(
    ws: Workspace,
    order_id: str,
    change: Callable[[Draft], Change],
    *,
    after: Callable[[Order], Iterable[str]] | None = None,
    err: bool = False,
    today: date | None = None,
) -> Order:
    """Open the order, ask `change` what to do, write it, print what was done; the order as now on disk.

    An order file that does not read as a valid order is refused before `change` runs (fix
    it first); a change that would make it invalid writes nothing (`gendan.store.edit.edit`:
    read, `change` and write happen in one turn under the order's lock, so concurrent writers
    each apply their change to the file as the one before them left it).
    The message and each of the change's notes (indented) go to stdout, or stderr with `err`;
    `after` adds notes about the order as written. A change with an empty patch writes
    nothing and its message goes to stderr. With `today`, a change that would make the order
    break a company rule it kept (`gendan.domain.workflow.guard`) writes nothing either.
    """
    from gendan.store import edit
    from gendan.store.paths import display

    path = ws.find(order_id)
    results: list[Change] = []

    def patch(draft: Draft):
        results.append(change(draft))
        return results[-1].patch

    def verify(draft: Draft):
        if today is None:
            return None
        from gendan.domain.workflow import guard

        return guard(draft, ws.config, today)

    draft, written = edit.edit(path, display(path), patch, verify)
    result = results[-1]
    message, said_notes = _in_language(result, ws)
    if written is None:
        options.echo(message, err=True)
        return draft.order
    order = written
    notes = [*said_notes, *(after(order) if after else ())]
    options.echo(message, err=err)
    from gendan.core.text import one_line

    for note in notes:  # one line each: a note may quote the order's text
        options.echo(f"  {one_line(str(note))}", err=err)
    return order


def _in_language(result: Change, ws: Workspace) -> tuple[str, list[str]]:
    """The change's message and notes in the user's language (--lang, $GENDAN_LANG, gendan.yaml)
    where the domain gave their words (Change.words, Change.note_words), else as worded."""
    if not result.words and not result.note_words:
        return result.message, list(result.notes)
    import click

    ctx = click.get_current_context(silent=True)
    if ctx is None:  # (called outside a command: as worded)
        return result.message, list(result.notes)
    words = options.words(ctx, ws.config)
    if words.lang == "en":
        return result.message, list(result.notes)
    message = "\n".join(words.pieces(line) for line in result.words) if result.words else result.message
    notes = [words.pieces(n) for n in result.note_words] if result.note_words else list(result.notes)
    return message, notes
