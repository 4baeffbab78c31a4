"""How a command is registered: one top-level parser per command, its actions below it, the
examples of the command in every ``--help`` (re-exported by :mod:`chainpower.cli.options`).

``chainpower NAME`` without an action prints the command's help and exits 1. Option groups
(:mod:`chainpower.cli.options`) are passed as ``options``: callables applied in order, so the
groups appear in ``--help`` in the order given.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["FORMATTER", "CommandGroup", "Handler", "OptionGroup", "add_command"]

#: Examples and descriptions keep their line breaks.
FORMATTER = argparse.RawDescriptionHelpFormatter

#: What runs a command: parsed arguments → exit status.
Handler = Callable[[argparse.Namespace], int]
#: Adds options (an option group of :mod:`chainpower.cli.options`, or a command's own).
OptionGroup = Callable[[argparse.ArgumentParser], None]
#: ``(name, handler, help, options)`` or ``(name, handler, help, options, description)`` of one
#: action (:meth:`CommandGroup.add_actions`).
Action = (
    tuple[str, Handler, str, Sequence[OptionGroup]]
    | tuple[str, Handler, str, Sequence[OptionGroup], str]
)


def add_command(
    subparsers: Any,
    name: str,
    handler: Handler | None,
    *,
    help: str,
    description: str | None = None,
    epilog: str | None = None,
    parents: Sequence[argparse.ArgumentParser] = (),
    options: Sequence[OptionGroup] = (),
) -> argparse.ArgumentParser:
    """``subparsers.add_parser(name, …)`` with the examples formatter, the ``options`` groups
    applied in order and ``handler`` as what runs (``None``: set none)."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=help,
        description=description,
        epilog=epilog,
        formatter_class=FORMATTER,
        parents=list(parents),
    )
    for add_options in options:
        add_options(p)
    if handler is not None:
        p.set_defaults(handler=handler)
    return p


class CommandGroup:
    """``chainpower NAME ACTION``: the command's parser (:attr:`parser`) and :meth:`add` for
    its actions, which show the command's ``epilog`` unless given their own.

    ``required=True``: a missing action is an argparse usage error; otherwise ``chainpower
    NAME`` prints the command's help and returns 1.
    """

    def __init__(
        self,
        subparsers: Any,
        name: str,
        *,
        help: str,
        epilog: str | None = None,
        description: str | None = None,
        metavar: str = "ACTION",
        required: bool = False,
    ) -> None:
        self.epilog = epilog
        self.parser = add_command(
            subparsers, name, None, help=help, description=description, epilog=epilog
        )
        self._actions = self.parser.add_subparsers(
            dest=f"{name}_command", metavar=metavar, required=required
        )
        if not required:
            self.parser.set_defaults(handler=self._print_help)

    @classmethod
    def of_module(cls, subparsers: Any, module: str, *, help: str, **kwargs: Any) -> CommandGroup:
        """The group of the command module ``module`` (pass ``__name__``): its name is the
        module's last part, its ``description`` the module docstring and its ``epilog`` the
        module's ``EXAMPLES``; other keywords as for the constructor."""
        import sys

        mod = sys.modules[module]
        return cls(
            subparsers, module.rsplit(".", 1)[-1], help=help, description=mod.__doc__,
            epilog=getattr(mod, "EXAMPLES", None), **kwargs,
        )  # fmt: skip

    def _print_help(self, _args: argparse.Namespace) -> int:
        self.parser.print_help()
        return 1

    def add(
        self, name: str, handler: Handler, *, epilog: str | None = None, **kwargs: Any
    ) -> argparse.ArgumentParser:
        """One action: :func:`add_command` with its keywords (``help``, ``description``,
        ``parents``, ``options``); ``epilog=None``: the command's examples."""
        return add_command(
            self._actions,
            name,
            handler,
            epilog=self.epilog if epilog is None else epilog,
            **kwargs,
        )

    def add_actions(self, actions: Iterable[Action]) -> None:
        """``(name, handler, help, options[, description])`` per action (each with the
        command's examples)."""
        for action in actions:
            name, handler, help_text, options = action[:4]
            description = action[4] if len(action) == 5 else None
            self.add(name, handler, help=help_text, options=options, description=description)
