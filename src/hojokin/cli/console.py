"""What every command shares: the consoles, failing with exit 2, JSON output and the
settings."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from hojokin.server.settings import Settings

out = Console()
err = Console(stderr=True)

JsonOption = Annotated[bool, typer.Option("--json", help="print JSON (docs/contract.md)")]


def fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[bold red]エラー:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def read_settings() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as exc:
        fail(str(exc))
