"""Merging customer records into the 360 record: scalars last-wins, identities and orders unioned.

The merge is idempotent: replaying the same records in the same order leaves the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from hashlib import blake2b
from typing import Any

from sqlalchemy import Connection, insert, select, update

from cxqa.customers.models import Customer, CustomerIdentity, CustomerOrder
from cxqa.ingest.schemas import CustomerRecord, Order
from cxqa.store.base import core_table
from cxqa.store.bulk import insert_rows

CUSTOMERS = core_table(Customer)
IDENTITIES = core_table(CustomerIdentity)
ORDERS = core_table(CustomerOrder)


def customer_fingerprint(record: CustomerRecord) -> str:
    return blake2b(record.model_dump_json().encode(), digest_size=16).hexdigest()


def write_customers(
    connection: Connection, sightings: Iterable[tuple[CustomerRecord, datetime | None]]
) -> dict[str, int]:
    """Upsert customers seen in a batch (with when each was seen); return key -> id."""
    seen_by_key: dict[str, list[tuple[CustomerRecord, datetime | None]]] = {}
    for record, seen_at in sightings:
        seen_by_key.setdefault(record.key, []).append((record, seen_at))
    if not seen_by_key:
        return {}
    stored = _existing(connection, list(seen_by_key))
    new_keys = [key for key in seen_by_key if key not in stored]
    stored |= _insert_new(connection, [seen_by_key[key][0] for key in new_keys])
    for key, seen in seen_by_key.items():
        # a new customer's first sighting is already in its row
        for record, seen_at in seen[1:] if key in new_keys else seen:
            fingerprint = customer_fingerprint(record)
            if fingerprint != stored[key]["fingerprint"]:
                _merge(connection, stored[key], record, seen_at, fingerprint)
    return {key: row["id"] for key, row in stored.items()}


def _existing(connection: Connection, keys: list[str]) -> dict[str, dict[str, Any]]:
    rows = connection.execute(select(CUSTOMERS).where(CUSTOMERS.c.key.in_(keys))).mappings()
    return {row["key"]: dict(row) for row in rows}


def _insert_new(
    connection: Connection, firsts: list[tuple[CustomerRecord, datetime | None]]
) -> dict[str, dict[str, Any]]:
    """Insert customers in bulk from their first sighting, with their identities and orders."""
    if not firsts:
        return {}
    rows = [
        {
            "key": record.key,
            "name": record.name,
            "acquisition_source": record.acquisition_source,
            "attributes": record.attributes,
            "first_seen_at": seen_at,
            "fingerprint": customer_fingerprint(record),
        }
        for record, seen_at in firsts
    ]
    insert_rows(connection, CUSTOMERS, rows)
    stored_ids = dict(
        connection.execute(
            select(CUSTOMERS.c.key, CUSTOMERS.c.id).where(
                CUSTOMERS.c.key.in_([row["key"] for row in rows])
            )
        ).all()
    )
    ids = [stored_ids[row["key"]] for row in rows]
    identities = [
        {"customer_id": customer_id, "kind": kind, "value": value}
        for customer_id, (record, _) in zip(ids, firsts, strict=True)
        for kind, value in dict.fromkeys(record.identities())
    ]
    orders = [
        {"customer_id": customer_id, "ref": order.ref, **_order_values(order)}
        for customer_id, (record, _) in zip(ids, firsts, strict=True)
        for order in {order.ref: order for order in record.orders}.values()
    ]
    insert_rows(connection, IDENTITIES, identities)
    insert_rows(connection, ORDERS, orders)
    return {
        record.key: row | {"id": int(i)}
        for (record, _), row, i in zip(firsts, rows, ids, strict=True)
    }


def _order_values(order: Order) -> dict[str, Any]:
    return {
        "placed_at": order.placed_at,
        "total": order.total,
        "currency": order.currency,
        "status": order.status,
    }


def _merge(
    connection: Connection,
    current: dict[str, Any],
    record: CustomerRecord,
    seen_at: datetime | None,
    fingerprint: str,
) -> None:
    """Fold one record into the stored customer; `current` is updated to match the row."""
    first_seen = current["first_seen_at"]
    if seen_at is not None and (first_seen is None or seen_at < first_seen):
        first_seen = seen_at
    values = {
        "name": record.name or current["name"],
        "acquisition_source": record.acquisition_source or current["acquisition_source"],
        "attributes": {**(current["attributes"] or {}), **record.attributes},
        "first_seen_at": first_seen,
        "fingerprint": fingerprint,
    }
    connection.execute(update(CUSTOMERS).where(CUSTOMERS.c.id == current["id"]).values(**values))
    current.update(values)
    _add_identities_and_orders(connection, current["id"], record)


def _add_identities_and_orders(
    connection: Connection, customer_id: int, record: CustomerRecord
) -> None:
    identities = set(record.identities())
    if identities:
        known = {
            (kind, value)
            for kind, value in connection.execute(
                select(IDENTITIES.c.kind, IDENTITIES.c.value).where(
                    IDENTITIES.c.customer_id == customer_id
                )
            )
        }
        new = sorted(identities - known)
        if new:
            connection.execute(
                insert(IDENTITIES),
                [{"customer_id": customer_id, "kind": k, "value": v} for k, v in new],
            )
    if record.orders:
        _upsert_orders(connection, customer_id, record)


def _upsert_orders(connection: Connection, customer_id: int, record: CustomerRecord) -> None:
    stored = {
        row["ref"]: row
        for row in connection.execute(
            select(ORDERS).where(ORDERS.c.customer_id == customer_id)
        ).mappings()
    }
    for order in {order.ref: order for order in record.orders}.values():
        values = _order_values(order)
        row = stored.get(order.ref)
        if row is None:
            connection.execute(
                insert(ORDERS).values(customer_id=customer_id, ref=order.ref, **values)
            )
        elif any(row[name] != value for name, value in values.items()):
            connection.execute(update(ORDERS).where(ORDERS.c.id == row["id"]).values(**values))
