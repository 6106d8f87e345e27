"""Logs as one JSON object per line on stderr: the server's own lines, uvicorn's, one
per request and one per error, all with a timestamp, the level and the worker's pid."""

from __future__ import annotations

import json
import logging
import logging.config
import traceback
from datetime import UTC, datetime
from typing import Any

server = logging.getLogger("hojokin.server")
requests = logging.getLogger("hojokin.request")
errors = logging.getLogger("hojokin.error")

# Fields a record may carry (`extra=`) that belong in its line.
_FIELDS = (
    "request_id",
    "method",
    "path",
    "status",
    "duration_ms",
    "error_type",
    "error",
    "traceback",
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "pid": record.process,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update((name, record.__dict__[name]) for name in _FIELDS if name in record.__dict__)
        if record.exc_info and record.exc_info[1] is not None and "traceback" not in line:
            exc = record.exc_info[1]
            line["error_type"] = type(exc).__name__
            line["error"] = str(exc)
            line["traceback"] = "".join(traceback.format_exception(exc))
        return json.dumps(line, ensure_ascii=False)


def _handler(level: str) -> dict[str, Any]:
    return {"handlers": ["stderr"], "level": level, "propagate": False}


# For logging.config.dictConfig and uvicorn's `log_config`: uvicorn's loggers and ours
# write the same lines (uvicorn's access log is turned off where it runs: the request
# line replaces it).
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": JsonFormatter}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "uvicorn": _handler("INFO"),
        "hojokin": _handler("INFO"),
    },
}


def configure() -> None:
    logging.config.dictConfig(LOG_CONFIG)


def request_done(request_id: str, method: str, path: str, status: int, duration_s: float) -> None:
    requests.info(
        "%s %s %d",
        method,
        path,
        status,
        extra={
            "request_id": request_id,
            "method": method,
            "path": path,
            "status": status,
            "duration_ms": round(duration_s * 1000, 1),
        },
    )


def request_failed(request_id: str, method: str, path: str, exc: BaseException) -> None:
    errors.error(
        "unhandled %s on %s %s",
        type(exc).__name__,
        method,
        path,
        extra={
            "request_id": request_id,
            "method": method,
            "path": path,
            "error_type": type(exc).__name__,
            "error": str(exc),
            "traceback": "".join(traceback.format_exception(exc)),
        },
    )
