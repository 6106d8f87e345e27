"""The workflow's records as the API and the CLI's `--json` show them: times as ISO
8601 in UTC, statuses as codes with their Japanese labels."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from hojokin.views.accounts import time_json
from hojokin.workflow.records import Call
from hojokin.workflow.states import CALL_STATUS_LABELS


def call_json(call: Call) -> dict[str, Any]:
    return {
        "id": call.id,
        "issuer_id": call.issuer_id,
        "code": call.code,
        "program_id": call.program_id,
        "frame_id": call.frame_id,
        "name": call.name,
        "status": call.status,
        "status_label": CALL_STATUS_LABELS[call.status],
        "window_start": time_json(call.window_start),
        "window_end": time_json(call.window_end),
        "booking_start": time_json(call.booking_start),
        "booking_end": time_json(call.booking_end),
        "slot_minutes": call.slot_minutes,
        "slot_capacity": call.slot_capacity,
        "sources": [asdict(s) | {"lines": list(s.lines)} for s in call.sources],
        "created_at": time_json(call.created_at),
        "published_at": time_json(call.published_at),
        "closed_at": time_json(call.closed_at),
    }
