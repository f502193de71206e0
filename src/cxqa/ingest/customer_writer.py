"""Merging customer records into the 360 record: scalars last-wins, identities and orders unioned.

The merge is idempotent: replaying the same records in the same order leaves the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, insert, select, update

from cxqa.customers.models import Customer, CustomerIdentity, CustomerOrder
from cxqa.ingest.prepared import OrderRow, PreparedCustomer
from cxqa.store.base import core_table
from cxqa.store.bulk import insert_rows

CUSTOMERS = core_table(Customer)
IDENTITIES = core_table(CustomerIdentity)
ORDERS = core_table(CustomerOrder)
ORDER_VALUES = ("placed_at", "total", "currency", "status")


def write_customers(
    connection: Connection, sightings: Iterable[PreparedCustomer]
) -> dict[str, int]:
    """Upsert the customers seen in a batch, in the order seen; return key -> id."""
    seen_by_key: dict[str, list[PreparedCustomer]] = {}
    for customer in sightings:
        seen_by_key.setdefault(customer.key, []).append(customer)
    if not seen_by_key:
        return {}
    stored = _existing(connection, list(seen_by_key))
    new_keys = [key for key in seen_by_key if key not in stored]
    stored |= _insert_new(connection, [seen_by_key[key][0] for key in new_keys])
    for key, seen in seen_by_key.items():
        # a new customer's first sighting is already in its row
        for customer in seen[1:] if key in new_keys else seen:
            if customer.fingerprint != stored[key]["fingerprint"]:
                _merge(connection, stored[key], customer)
    return {key: row["id"] for key, row in stored.items()}


def _existing(connection: Connection, keys: list[str]) -> dict[str, dict[str, Any]]:
    rows = connection.execute(select(CUSTOMERS).where(CUSTOMERS.c.key.in_(keys))).mappings()
    return {row["key"]: dict(row) for row in rows}


def _insert_new(
    connection: Connection, firsts: list[PreparedCustomer]
) -> dict[str, dict[str, Any]]:
    """Insert customers in bulk from their first sighting, with their identities and orders."""
    if not firsts:
        return {}
    rows = [
        {
            "key": customer.key,
            "name": customer.name,
            "acquisition_source": customer.acquisition_source,
            "attributes": customer.attributes,
            "first_seen_at": customer.seen_at,
            "fingerprint": customer.fingerprint,
        }
        for customer in firsts
    ]
    insert_rows(connection, CUSTOMERS, rows)
    ids = dict(
        connection.execute(
            select(CUSTOMERS.c.key, CUSTOMERS.c.id).where(
                CUSTOMERS.c.key.in_([row["key"] for row in rows])
            )
        ).all()
    )
    insert_rows(
        connection,
        IDENTITIES,
        [
            {"customer_id": ids[c.key], "kind": kind, "value": value}
            for c in firsts
            for kind, value in c.identities
        ],
    )
    insert_rows(
        connection,
        ORDERS,
        [
            {"customer_id": ids[c.key], **_order_columns(order)}
            for c in firsts
            for order in c.orders
        ],
    )
    return {c.key: row | {"id": int(ids[c.key])} for c, row in zip(firsts, rows, strict=True)}


def _order_columns(order: OrderRow) -> dict[str, Any]:
    return dict(zip(("ref", *ORDER_VALUES), order, strict=True))


def _merge(connection: Connection, current: dict[str, Any], customer: PreparedCustomer) -> None:
    """Fold one sighting into the stored customer; `current` is updated to match the row."""
    first_seen = current["first_seen_at"]
    if customer.seen_at is not None and (first_seen is None or customer.seen_at < first_seen):
        first_seen = customer.seen_at
    values = {
        "name": customer.name or current["name"],
        "acquisition_source": customer.acquisition_source or current["acquisition_source"],
        "attributes": {**(current["attributes"] or {}), **customer.attributes},
        "first_seen_at": first_seen,
        "fingerprint": customer.fingerprint,
    }
    connection.execute(update(CUSTOMERS).where(CUSTOMERS.c.id == current["id"]).values(**values))
    current.update(values)
    _add_identities(connection, current["id"], customer)
    if customer.orders:
        _upsert_orders(connection, current["id"], customer)


def _add_identities(connection: Connection, customer_id: int, customer: PreparedCustomer) -> None:
    known = {
        (kind, value)
        for kind, value in connection.execute(
            select(IDENTITIES.c.kind, IDENTITIES.c.value).where(
                IDENTITIES.c.customer_id == customer_id
            )
        )
    }
    new = sorted(set(customer.identities) - known)
    if new:
        connection.execute(
            insert(IDENTITIES),
            [{"customer_id": customer_id, "kind": k, "value": v} for k, v in new],
        )


def _upsert_orders(connection: Connection, customer_id: int, customer: PreparedCustomer) -> None:
    stored = {
        row["ref"]: row
        for row in connection.execute(
            select(ORDERS).where(ORDERS.c.customer_id == customer_id)
        ).mappings()
    }
    for order in customer.orders:
        columns = _order_columns(order)
        row = stored.get(columns["ref"])
        if row is None:
            connection.execute(insert(ORDERS).values(customer_id=customer_id, **columns))
        elif any(row[name] != columns[name] for name in ORDER_VALUES):
            values = {name: columns[name] for name in ORDER_VALUES}
            connection.execute(update(ORDERS).where(ORDERS.c.id == row["id"]).values(**values))
