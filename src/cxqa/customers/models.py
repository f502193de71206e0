"""Customers, their identities on each channel, and their orders."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cxqa.store.base import Base


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    # an id given (up to 200) or one derived from an identity ("email:" + up to 320)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    acquisition_source: Mapped[str | None] = mapped_column(String(200))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_seen_at: Mapped[datetime | None]


class CustomerIdentity(Base):
    """How the customer is reached on one channel: a phone, an e-mail, a Zalo or Facebook id."""

    __tablename__ = "customer_identities"
    __table_args__ = (
        UniqueConstraint("customer_id", "kind", "value"),
        Index("ix_customer_identities_kind_value", "kind", "value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(320))


class CustomerOrder(Base):
    __tablename__ = "customer_orders"
    __table_args__ = (UniqueConstraint("customer_id", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    ref: Mapped[str] = mapped_column(String(200))
    placed_at: Mapped[datetime | None]
    total: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    status: Mapped[str | None] = mapped_column(String(64))
