"""click's usage errors in the user's language (gendan/cli.py calls `usage_text` when it is not
English): the usage line, the help hint and the error, worded from the exception's attributes
(NoSuchOption.option_name and .possibilities, NoSuchCommand, MissingParameter.param,
BadParameter.param and its message), not from click's English. A message gendan worded itself
(`words`: WordedUsageError, WordedBadParameter, a refused date) is said from its words; a message
this module does not know stays as click wrote it, after the translated frame.
"""

from __future__ import annotations

import re

import click


def usage_text(e: click.UsageError, w) -> str:
    """The whole of what click would print for `e`, in `w`'s language (a gendan.render.i18n.Words)."""
    lines = []
    ctx = e.ctx
    if ctx is not None:
        pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
        lines.append(w("Usage: {command}", command=f"{ctx.command_path} {pieces}".rstrip()))
        if ctx.command.get_help_option(ctx) is not None:
            help_option = max(ctx.command.get_help_option_names(ctx), key=len)
            lines.append(w("Try '{command} {option}' for help.", command=ctx.command_path, option=help_option))
        lines.append("")
    lines.append(w("Error: {message}", message=_message(e, w)))
    return "\n".join(lines)


def _message(e: click.UsageError, w) -> str:
    words = getattr(e, "words", ())
    if isinstance(e, click.exceptions.NoSuchOption):
        return w("No such option {name!r}.", name=e.option_name) + _possibilities(e.possibilities, w)
    if isinstance(e, click.exceptions.NoSuchCommand):
        return w("No such command {name!r}.", name=e.command_name) + _possibilities(e.possibilities, w)
    if isinstance(e, click.MissingParameter):
        hint = _param_hint(e)
        kind = e.param_type or (e.param.param_type_name if e.param is not None else "parameter")
        said = {"argument": "Missing argument {name}.", "option": "Missing option {name}."}
        return w(said.get(kind, "Missing parameter {name}."), name=hint)
    if isinstance(e, click.BadParameter):
        hint = _param_hint(e)
        message = w.pieces(words) if words else _bad_value(e, w)
        return w("Invalid value for {name}: {message}", name=hint, message=message) if hint else message
    if words:
        return w.pieces(words)
    return _known(e.format_message(), w)


def _possibilities(possibilities: list[str] | None, w) -> str:
    if not possibilities:
        return ""
    names = sorted(possibilities)
    if len(names) == 1:
        return w(" Did you mean {name!r}?", name=names[0])
    return w(" (Did you mean one of: {names}?)", names=_listed(w, [repr(n) for n in names]))


def _listed(w, items: list[str]) -> str:
    """Items of a list: a, b, c (in Chinese a、b、c)."""
    return (", " if w.lang == "en" else "、").join(items)


def _param_hint(e: click.BadParameter) -> str:
    """The parameter as click names it in the message: '--as-of', 'ID'."""
    hint = e.param_hint if e.param_hint is not None else e.param.get_error_hint(e.ctx) if e.param else ""
    if isinstance(hint, (list, tuple)):  # (as click joins them)
        return " / ".join(repr(h) for h in hint)
    return str(hint or "")


def _bad_value(e: click.BadParameter, w) -> str:
    """click's own refusals of a value, from the parameter's type (the value from the message)."""
    kind = e.param.type if e.param is not None else None
    text = e.message
    if isinstance(kind, click.Choice):
        m = re.match(r"(.*) is not (?:one of )?.*\.$", text, re.S)
        if m:
            choices = _listed(w, [repr(str(c)) for c in kind.choices])
            return w("{value} is not one of {choices}.", value=m[1], choices=choices)
    if isinstance(kind, (click.IntRange, click.FloatRange)):
        m = re.match(r"(.*) is not in the range (.*)\.$", text)
        if m:
            return w("{value} is not in the range {range}.", value=m[1], range=m[2])
    m = re.match(r"(.*) is not a valid (integer|float)\.$", text)
    if m:
        return w(f"{{value}} is not a valid {m[2]}.", value=m[1])
    m = re.match(r"(File|Directory|Path) (.*) does not exist\.$", text)
    if m:
        return w("{path} does not exist.", path=m[2])
    m = re.match(r"(?:File|Directory|Path) (.*) is a (file|directory)\.$", text)
    if m:
        return w(f"{{path}} is a {m[2]}.", path=m[1])
    return text


def _known(message: str, w) -> str:
    """click's usage errors that name no parameter."""
    m = re.match(r"Got unexpected extra arguments? \((.*)\)$", message)
    if m:
        return w("Got unexpected extra arguments ({args})", args=m[1])
    m = re.match(r"Option (.*) requires an argument\.$", message)
    if m:
        return w("Option {name} requires an argument.", name=m[1])
    m = re.match(r"Option (.*) does not take a value\.$", message)
    if m:
        return w("Option {name} does not take a value.", name=m[1])
    if message == "Missing command.":
        return w(message)
    return message
