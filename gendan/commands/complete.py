"""Shell completion of gendan's arguments (click's completion: README "Shell completion").

Each function here is a click `shell_complete` callback: it gets the context parsed so far
and the word being typed, and returns the words that fit. They read as little as they can
(order ids from the id index or a walk of the folders, never the orders; milestone keys,
stages and names from gendan.yaml; one order file for `done ID`/`revise ID`), print nothing,
and give nothing at all on any error: a TAB must never show a traceback or a message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import click
from click.shell_completion import BashComplete, CompletionItem, add_completion_class


class _Bash(BashComplete):
    """Bash puts a completion on the command line as it is: a name with a space ("Chen Li")
    would become two words. Escaped here (Chen\\ Li), it stays one; zsh and fish quote their own.
    The escape is doubled: click's bash function reads each line with `read` (no -r), which
    takes one level of backslashes off."""

    def format_completion(self, item: CompletionItem) -> str:
        if item.type != "plain":
            return super().format_completion(item)
        value = "".join("\\" + c if c in _BASH_SPECIAL else c for c in str(item.value))
        return f"{item.type},{value.replace(chr(92), chr(92) * 2)}"


_BASH_SPECIAL = set(" \t\"'\\$`&|;()<>*?[]{}!#~,")
add_completion_class(_Bash, "bash")


def _silent(f: Callable[..., list]) -> Callable[..., list]:
    """Nothing, rather than a traceback in the middle of someone's command line."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
        try:
            return f(ctx, param, incomplete)
        except Exception:  # noqa: BLE001 - completion is a convenience: any failure offers nothing
            return []

    complete.__name__ = f.__name__
    complete.__doc__ = f.__doc__
    return complete


def _root(ctx: click.Context) -> Path:
    """The workspace folder, as the command would find it (-C / GENDAN_ROOT, else here or above)."""
    from gendan.store.workspace import find_root

    return find_root(ctx.find_root().params.get("root"))


def _config(ctx: click.Context):
    from gendan.store.configfile import load_config
    from gendan.store.workspace import CONFIG_NAME

    return load_config(_root(ctx) / CONFIG_NAME)


def _starting(words: Iterable[str | CompletionItem], incomplete: str) -> list[CompletionItem]:
    """The words that begin with what is typed (in any case), each once, in their order."""
    typed = incomplete.casefold()
    seen: set[str] = set()
    found = []
    for w in words:
        item = w if isinstance(w, CompletionItem) else CompletionItem(w)
        if item.value not in seen and str(item.value).casefold().startswith(typed):
            seen.add(item.value)
            found.append(item)
    return found


@_silent
def order_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """The ids of the workspace's orders (its folder names)."""
    from gendan.store.workspace import order_ids as ids

    return _starting(ids(_root(ctx)), incomplete)


@_silent
def orders_or_paths(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """validate's targets: order ids, or a path once a `/` is typed (the shell completes it)."""
    if "/" in incomplete or incomplete.startswith("."):
        return [CompletionItem(incomplete, type="file")]
    return order_ids(ctx, param, incomplete)


def _milestone_items(config, keys: Iterable[str]) -> list[CompletionItem]:
    names = {m.key: m.name or m.name_zh for t in config.milestone_templates.values() for m in t if m.name or m.name_zh}
    return [CompletionItem(k, help=names.get(k)) for k in keys]


@_silent
def milestones(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """After an order id: that order's milestones not done yet (one order file read), less those
    already on the line; else every milestone of the templates, the default one's first."""
    config = _config(ctx)
    ident = ctx.params.get("order_id")
    keys: list[str] | None = None
    if ident:
        try:
            from gendan.domain.tracking import open_milestones
            from gendan.store.workspace import Workspace

            ws = Workspace(_root(ctx), config, cache=True)  # the id index, as `done ID` itself uses
            keys = open_milestones(ws.load(ws.find(ident)).order, config)
        except Exception:  # noqa: BLE001 - an unknown or broken order: offer the template's keys
            keys = None
    if keys is None:
        keys = [m.key for m in config.template_for(None)] + sorted(config.milestone_keys())
    given = ctx.params.get(param.name or "") or ()
    given = {given} if isinstance(given, str) else set(given)
    return _starting(_milestone_items(config, (k for k in keys if k not in given)), incomplete)


@_silent
def slip(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """whatif --slip MILESTONE=DAYS: the milestone keys, each with its `=`."""
    if "=" in incomplete:
        return []
    config = _config(ctx)
    keys = [m.key for m in config.template_for(None)] + sorted(config.milestone_keys())
    return _starting((f"{k}=" for k in keys), incomplete)


@_silent
def stages(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """The stages of the workflow in gendan.yaml, in their order."""
    return _starting(_config(ctx).stage_keys, incomplete)


@_silent
def any_stage(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """The stages of the workflow, then the side stages (on_hold, cancelled): --stage filters."""
    from gendan.core.config import SIDE_STAGES

    return _starting([*_config(ctx).stage_keys, *SIDE_STAGES], incomplete)


@_silent
def people(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """The names of the people in gendan.yaml (with their role as the description)."""
    return _starting(
        (CompletionItem(p.name, help=p.role) for p in _config(ctx).people if p.name.strip()),
        incomplete,
    )


def words(*choices: str) -> Callable[..., list]:
    """A fixed set of words (for an argument that is not a click.Choice, like pay's KIND)."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
        return _starting(choices, incomplete)

    return complete


@_silent
def document_kinds(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """The document kinds `doc` writes (pi, packing-list, ...), with what each is."""
    from gendan.render.documents import KINDS

    return _starting((CompletionItem(k.name, help=k.title) for k in KINDS.values()), incomplete)
