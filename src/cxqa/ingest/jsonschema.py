"""The JSON Schema of the canonical import format, generated from the validation models."""

from __future__ import annotations

import json
from typing import Any

from cxqa.ingest.formats.base import RECORD_ADAPTER

SCHEMA_ID = "urn:cxqa:canonical-record"


def canonical_json_schema() -> dict[str, Any]:
    schema = RECORD_ADAPTER.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "cxqa canonical record (one line of a JSONL import file)",
        "description": 'A line without "type" is a conversation.',
    } | schema


def canonical_json_schema_text() -> str:
    return json.dumps(canonical_json_schema(), ensure_ascii=False, indent=2) + "\n"
