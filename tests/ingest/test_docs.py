"""The format documentation stays true to the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import FIXTURES
from cxqa.ingest.formats.base import RECORD_ADAPTER
from cxqa.ingest.jsonschema import canonical_json_schema_text
from cxqa.ingest.schemas import ConversationRecord, CustomerRecord, TeamRecord

DOCS = Path(__file__).parents[2] / "docs"


def test_generated_json_schema_is_current() -> None:
    stored = (DOCS / "canonical-format.schema.json").read_text(encoding="utf-8")

    assert stored == canonical_json_schema_text(), "run scripts/generate-docs"


def test_every_canonical_field_is_documented() -> None:
    page = (DOCS / "import-formats.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", page))

    for model in (ConversationRecord, CustomerRecord, TeamRecord):
        missing = set(model.model_fields) - documented
        assert not missing, f"{model.__name__} fields missing from docs: {missing}"


def test_examples_in_the_docs_are_valid_records() -> None:
    page = (DOCS / "import-formats.md").read_text(encoding="utf-8")
    block = page.split("```json\n", 1)[1].split("```", 1)[0]

    records = [RECORD_ADAPTER.validate_json(line) for line in block.splitlines() if line]

    assert len(records) == 5
    assert FIXTURES.joinpath("canonical_sample.jsonl").is_file()
    assert json.loads(block.splitlines()[0])["type"] == "team"
