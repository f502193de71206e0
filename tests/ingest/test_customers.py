"""Customer records merge in file order, and importing the same file again writes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from cxqa.customers.models import Customer, CustomerIdentity, CustomerOrder
from cxqa.store.db import transaction
from importing import import_path
from store_snapshot import snapshot


def conversation(external_id: str, customer: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": "s",
        "id": external_id,
        "channel": "zalo",
        "customer": customer,
        "messages": [{"role": "customer", "at": "2026-11-02T09:00:00+07:00", "text": "alo"}],
    }


def run(engine: Engine, path: Path, batch_size: int) -> None:
    import_path(engine, path, batch_size=batch_size)


def write(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


LAYOUTS = {
    "customer line after the conversation": [
        conversation("c1", {"id": "X", "name": "Old"}),
        {"type": "customer", "id": "X", "name": "New", "phones": ["0901234567"]},
    ],
    "customer line first, conversations name only the id": [
        {
            "type": "customer",
            "id": "X",
            "name": "Hà",
            "attributes": {"segment": "vip"},
            "orders": [{"ref": "DH1", "total": 100000, "currency": "VND"}],
        },
        conversation("c1", {"id": "X"}),
        conversation("c2", {"id": "X", "emails": ["ha@example.vn"]}),
    ],
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
@pytest.mark.parametrize("batch_size", [1, 10])
def test_importing_again_writes_nothing(
    engine: Engine, tmp_path: Path, layout: str, batch_size: int
) -> None:
    path = write(tmp_path / "f.jsonl", *LAYOUTS[layout])
    run(engine, path, batch_size)
    first = snapshot(engine)

    run(engine, path, batch_size)

    assert snapshot(engine) == first


def test_later_lines_win_for_names_and_everything_accumulates(
    engine: Engine, tmp_path: Path
) -> None:
    path = write(tmp_path / "f.jsonl", *LAYOUTS["customer line after the conversation"])
    run(engine, path, batch_size=10)

    with transaction(engine) as session:
        customer = session.scalars(select(Customer)).one()
        identities = session.execute(select(CustomerIdentity.kind, CustomerIdentity.value)).all()
    assert customer.name == "New"
    assert [tuple(i) for i in identities] == [("phone", "+84901234567")]


def test_a_changed_order_is_updated_in_place(engine: Engine, tmp_path: Path) -> None:
    layout = LAYOUTS["customer line first, conversations name only the id"]
    run(engine, write(tmp_path / "a.jsonl", *layout), batch_size=10)
    changed = dict(layout[0])
    changed["orders"] = [{"ref": "DH1", "total": 100000, "currency": "VND", "status": "returned"}]

    run(engine, write(tmp_path / "b.jsonl", changed), batch_size=10)

    with transaction(engine) as session:
        order = session.scalars(select(CustomerOrder)).one()
        customer = session.scalars(select(Customer)).one()
    assert order.status == "returned"
    assert customer.attributes == {"segment": "vip"}
    assert customer.name == "Hà"
