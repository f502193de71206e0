"""Merging customer sightings into the 360 record: scalars last-wins, identities and orders unioned.

Sightings are folded in file order into what is stored, and only what changed is written, so
importing the same file again writes nothing, whatever mix of customer lines and conversations
it holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from cxqa.customers.models import Customer, CustomerIdentity, CustomerOrder
from cxqa.ingest.prepared import OrderRow, PreparedCustomer
from cxqa.store.base import core_table
from cxqa.store.bulk import insert_rows

CUSTOMERS = core_table(Customer)
IDENTITIES = core_table(CustomerIdentity)
ORDERS = core_table(CustomerOrder)
SCALARS = ("name", "acquisition_source", "attributes", "first_seen_at")
ORDER_VALUES = ("placed_at", "total", "currency", "status")


@dataclass
class _Customer:
    """One customer as stored (id None: not yet) and as it becomes after this batch."""

    key: str
    id: int | None
    stored: dict[str, Any]
    values: dict[str, Any]
    stored_identities: set[tuple[str, str]] = field(default_factory=set)
    identities: dict[tuple[str, str], None] = field(default_factory=dict)  # ordered set
    stored_orders: dict[str, OrderRow] = field(default_factory=dict)
    orders: dict[str, OrderRow] = field(default_factory=dict)

    def fold(self, sighting: PreparedCustomer) -> None:
        values = self.values
        values["name"] = sighting.name or values["name"]
        values["acquisition_source"] = sighting.acquisition_source or values["acquisition_source"]
        values["attributes"] = {**(values["attributes"] or {}), **sighting.attributes}
        values["first_seen_at"] = _earliest(values["first_seen_at"], sighting.seen_at)
        self.identities.update(dict.fromkeys(sighting.identities))
        self.orders.update({order[0]: order for order in sighting.orders})


def write_customers(
    connection: Connection, sightings: Iterable[PreparedCustomer]
) -> dict[str, int]:
    """Fold the batch's sightings, in order, into the stored customers; return key -> id."""
    sightings = list(sightings)
    if not sightings:
        return {}
    customers = _load(connection, list(dict.fromkeys(s.key for s in sightings)))
    for sighting in sightings:
        customers[sighting.key].fold(sighting)
    new = [c for c in customers.values() if c.id is None]
    existing = [c for c in customers.values() if c.id is not None]
    _insert_new(connection, new)
    _update_existing(connection, existing)
    return {c.key: int(c.id) for c in customers.values() if c.id is not None}


def _load(connection: Connection, keys: list[str]) -> dict[str, _Customer]:
    """The batch's customers as stored, with their identities and orders (three queries)."""
    customers = {key: _Customer(key, None, {}, dict.fromkeys(SCALARS)) for key in keys}
    by_id: dict[int, _Customer] = {}
    for row in connection.execute(select(CUSTOMERS).where(CUSTOMERS.c.key.in_(keys))).mappings():
        stored = {name: row[name] for name in SCALARS}
        customer = _Customer(row["key"], row["id"], stored, dict(stored))
        customers[row["key"]] = by_id[row["id"]] = customer
    if not by_id:
        return customers
    for customer_id, kind, value in connection.execute(
        select(IDENTITIES.c.customer_id, IDENTITIES.c.kind, IDENTITIES.c.value).where(
            IDENTITIES.c.customer_id.in_(by_id)
        )
    ):
        by_id[customer_id].stored_identities.add((kind, value))
    for row in connection.execute(select(ORDERS).where(ORDERS.c.customer_id.in_(by_id))).mappings():
        order: OrderRow = (row["ref"], *(row[name] for name in ORDER_VALUES))
        by_id[row["customer_id"]].stored_orders[row["ref"]] = order
    return customers


def _insert_new(connection: Connection, customers: list[_Customer]) -> None:
    if not customers:
        return
    insert_rows(connection, CUSTOMERS, [{"key": c.key, **c.values} for c in customers])
    ids = dict(
        connection.execute(
            select(CUSTOMERS.c.key, CUSTOMERS.c.id).where(
                CUSTOMERS.c.key.in_([c.key for c in customers])
            )
        ).all()
    )
    for customer in customers:
        customer.id = ids[customer.key]
    _insert_identities_and_orders(connection, customers)


def _update_existing(connection: Connection, customers: list[_Customer]) -> None:
    for customer in customers:
        if customer.values != customer.stored:
            connection.execute(
                update(CUSTOMERS).where(CUSTOMERS.c.id == customer.id).values(**customer.values)
            )
        for ref, order in customer.orders.items():
            stored = customer.stored_orders.get(ref)
            if stored is not None and stored != order:
                values = dict(zip(ORDER_VALUES, order[1:], strict=True))
                connection.execute(
                    update(ORDERS)
                    .where(ORDERS.c.customer_id == customer.id, ORDERS.c.ref == ref)
                    .values(**values)
                )
    _insert_identities_and_orders(connection, customers)


def _insert_identities_and_orders(connection: Connection, customers: list[_Customer]) -> None:
    insert_rows(
        connection,
        IDENTITIES,
        [
            {"customer_id": c.id, "kind": kind, "value": value}
            for c in customers
            for kind, value in c.identities
            if (kind, value) not in c.stored_identities
        ],
    )
    insert_rows(
        connection,
        ORDERS,
        [
            {"customer_id": c.id, **dict(zip(("ref", *ORDER_VALUES), order, strict=True))}
            for c in customers
            for ref, order in c.orders.items()
            if ref not in c.stored_orders
        ],
    )


def _earliest(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None or second is None:
        return first or second
    return min(first, second)
