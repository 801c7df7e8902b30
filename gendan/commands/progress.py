"""Progress bars for long work (tracker, site, validate, import), for a person at a terminal.

`terminal()` gives the `gendan.core.progress.Progress` a command hands to the code below it:
a bar on stderr (click's progressbar) when stderr is a terminal, else None, so under cron, in
a pipe, in CI or with stderr redirected nothing at all is written. A bar appears only once its
step has taken longer than DELAY seconds (a small workspace shows none); `GENDAN_PROGRESS_DELAY`
sets another delay (0: always).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

import click

from gendan.core.progress import Progress

DELAY = 0.5


def terminal() -> Progress | None:
    """A progress bar on stderr when it is a terminal (and TERM is not `dumb`), else None."""
    stream = sys.stderr
    try:
        interactive = stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        interactive = False
    if not interactive or os.environ.get("TERM") == "dumb":
        return None
    said = _words()
    if said.lang == "en":
        return bar
    return lambda items, label, length: bar(items, said(label), length)


def _words():
    """The words of the run (--lang, $GENDAN_LANG, gendan.yaml's language) for the bars' labels."""
    from gendan.render.i18n import Words, language_of

    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    chosen = getattr(obj, "lang", None)
    configured = "en"
    if language_of(chosen, "en") == "en" and not os.environ.get("GENDAN_LANG", "").strip() and obj is not None:
        try:
            configured = obj.workspace().config.language
        except Exception:  # no workspace here: the command says so itself
            configured = "en"
    return Words(language_of(chosen, configured))


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get("GENDAN_PROGRESS_DELAY", DELAY)))
    except ValueError:
        return DELAY


def bar(items: Iterable[Any], label: str, length: int | None) -> Iterator[Any]:
    """`items`, one at a time; once they have taken longer than the delay, a bar on stderr
    counting them (redrawn every half percent; finished with a new line when they end, or stop
    early)."""
    delay = _delay()
    start = time.monotonic()
    every = max(1, (length or 0) // 200)
    with ExitStack() as stack:
        shown = None
        pending = 0
        for item in items:
            yield item
            pending += 1
            if shown is None:
                if length and time.monotonic() - start >= delay:
                    shown = stack.enter_context(click.progressbar(length=length, label=label, file=sys.stderr))
                    shown.update(pending)
                    pending = 0
            elif pending >= every:
                shown.update(pending)
                pending = 0
        if shown is not None and pending:
            shown.update(pending)
