"""Reading the user's JSON or YAML input files (company profiles, plans) with clear errors."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from hojokin.catalog.primitives import error_path

MAX_INPUT_BYTES = 1024 * 1024
# A whole number longer than this is beyond every bound of a company or plan field.
MAX_JSON_DIGITS = 30
M = TypeVar("M", bound=BaseModel)


def _whole_number(digits: str) -> int | float:
    """A JSON integer; one too long to be any field's value becomes ±infinity, which the
    field then refuses by name ("too large"), instead of int() refusing 4,300 digits for
    the whole document or spending time on fewer."""
    if len(digits.lstrip("-")) > MAX_JSON_DIGITS:
        return -math.inf if digits.startswith("-") else math.inf
    return int(digits)


# JSON may escape half of a UTF-16 pair ("\ud800"); Python keeps it as a code point that
# no UTF-8 can carry, and a message quoting it could not be sent.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_lone_surrogate(k) or _lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_lone_surrogate(v) for v in value)
    return False


def read_json(text: str | bytes) -> Any:
    """A JSON document of input (company and plan files, API bodies); malformed JSON,
    and text with half a surrogate pair, raise json.JSONDecodeError."""
    document = text.decode("utf-8-sig") if isinstance(text, bytes) else text
    data = json.loads(document, parse_int=_whole_number)
    escape = _SURROGATE_ESCAPE.search(document)
    if escape is not None and _lone_surrogate(data):
        raise json.JSONDecodeError("half a surrogate pair", document, escape.start())
    return data


class InputError(ValueError):
    """An input file that cannot be used; the message names file, field and value.

    `errors` keeps pydantic's structured details (field location, error type, limits) so
    that the API can word each problem in Japanese for its field."""

    def __init__(self, message: str, errors: list[ErrorDetails] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


# A refused value is quoted this far: enough to find it, while a pasted document or a
# 100,000-character name does not fill the message (and every page that shows it).
MAX_QUOTED = 40


def _quoted(value: Any) -> str:
    """`value` as repr quotes it (control and invisible characters escaped), cut short."""
    text = repr(value)
    return text if len(text) <= MAX_QUOTED else f"{text[:MAX_QUOTED]}…"


def parse_input(
    model: type[M], data: Any, source: str, what: str, context: Mapping[str, Any] | None = None
) -> M:
    """`context` carries what validation checks against (the fact vocabulary)."""
    if not isinstance(data, dict):
        message = f"{source}: expected an object with the {what}'s fields"
        raise InputError(message, [{"type": "dict_type", "loc": (), "msg": message, "input": data}])
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            value = "" if err["type"] == "missing" else f" (value: {_quoted(err['input'])})"
            # Our validators' messages are the whole explanation; pydantic's prefix is noise.
            said = err["msg"].removeprefix("Value error, ")
            lines.append(f"{source}: {error_path(err['loc'])}: {said}{value}")
        raise InputError("\n".join(lines), exc.errors()) from None


def load_input(
    model: type[M], path: Path, what: str, context: Mapping[str, Any] | None = None
) -> M:
    """Read `path` (JSON if it ends in .json, else YAML) into `model`; problems raise InputError."""
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: file is larger than {MAX_INPUT_BYTES:,} bytes")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    try:
        data = read_json(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        kind = path.suffix.lstrip(".") or "YAML"
        raise InputError(f"{path}: not valid {kind}: {exc}") from None
    except ValueError:
        # int() refuses more than 4,300 digits while YAML is parsed; no real
        # employee count or fiscal year is that long, so say so instead of a traceback.
        raise InputError(f"{path}: 桁数が多すぎる数があります（数は4,300桁まで）") from None
    return parse_input(model, data, str(path), what, context)
