"""The customers: a growing pool, so some come back (repeat contacts drive the FCR numbers)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Literal

from cxqa.demo.catalog import (
    ACQUISITION_SOURCES,
    CITIES,
    EMAIL_DOMAINS,
    MOBILE_PREFIXES,
    PRODUCTS,
    SEGMENTS,
    Product,
)
from cxqa.demo.names import Person, ascii_fold, foreign_person, vietnamese_person
from cxqa.ingest.schemas import Channel, CustomerRecord, Order

# How customers type in written channels; phone transcripts are always "proper".
Style = Literal["proper", "casual", "no_accents"]
STYLES: tuple[tuple[Style, int], ...] = (("proper", 45), ("casual", 30), ("no_accents", 25))
# Share of new customers writing in English, per channel: expats chat and e-mail, rarely call.
ENGLISH_SHARE = {
    Channel.PHONE: 0.03,
    Channel.CHAT: 0.24,
    Channel.EMAIL: 0.3,
    Channel.FACEBOOK: 0.18,
    Channel.ZALO: 0.03,
}
RETURNING_SHARE = 0.22  # fresh contacts from someone already seen, about something new


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in table], [weight for _, weight in table])[0]


@dataclass
class OrderInfo:
    ref: str  # the shop's order code, e.g. DH2408123
    tracking: str  # the courier's code the delivery hotline asks for
    placed_at: datetime
    product: Product
    total: int  # VND
    status: str

    def record(self) -> Order:
        return Order(
            ref=self.ref,
            placed_at=self.placed_at,
            total=Decimal(self.total),
            currency="VND",
            status=self.status,
        )


@dataclass
class Customer:
    id: str
    person: Person
    language: str
    style: Style
    temper: float  # added to the chance of being upset: some people are always annoyed
    phone: str
    segment: str
    city: str
    source: str
    email: str | None = None
    channel_ids: dict[str, str] = field(default_factory=dict)
    orders: list[OrderInfo] = field(default_factory=list)

    def record(self, as_of: datetime) -> CustomerRecord:
        """The customer as the CRM knows them at `as_of`: orders placed later are left out."""
        return CustomerRecord(
            id=self.id,
            name=self.person.full,
            phones=[self.phone],
            emails=[self.email] if self.email else [],
            channel_ids=dict(self.channel_ids),
            acquisition_source=self.source,
            attributes={"segment": self.segment, "city": self.city},
            orders=[order.record() for order in self.orders if order.placed_at <= as_of],
        )


class CustomerPool:
    """Creates customers on first contact and remembers them for returning contacts."""

    def __init__(self, rng: random.Random, scale: float):
        self._rng = rng
        self._known: list[Customer] = []
        self._phones: set[str] = set()
        self._orders_per_month: dict[str, int] = {}
        # recent customers are the likely returners; the window grows with the volume
        self._recent = max(50, int(4000 * scale))

    def for_contact(self, channel: Channel) -> Customer:
        """A returning customer sometimes, else a new one; either way reachable on `channel`."""
        rng = self._rng
        if self._known and rng.random() < RETURNING_SHARE:
            customer = rng.choice(self._known[-self._recent :])
        else:
            customer = self._new(channel)
        self.reach(customer, channel)
        return customer

    def reach(self, customer: Customer, channel: Channel) -> None:
        """Give the customer an identity on `channel` the first time they use it."""
        rng = self._rng
        if channel is Channel.EMAIL and customer.email is None:
            customer.email = self._email(customer)
        elif channel is Channel.ZALO and "zalo" not in customer.channel_ids:
            customer.channel_ids["zalo"] = str(rng.randrange(10**17, 10**18))
        elif channel is Channel.FACEBOOK and "facebook" not in customer.channel_ids:
            customer.channel_ids["facebook"] = str(rng.randrange(10**15, 10**16))

    def _new(self, channel: Channel) -> Customer:
        rng = self._rng
        english = rng.random() < ENGLISH_SHARE.get(channel, 0.05)
        person = foreign_person(rng) if english and rng.random() < 0.7 else vietnamese_person(rng)
        customer = Customer(
            id=f"KH{len(self._known) + 1:06d}",
            person=person,
            language="en" if english else "vi",
            style=rng.choices([s for s, _ in STYLES], [w for _, w in STYLES])[0],
            temper=rng.choice((0.0, 0.0, 0.0, 0.1, 0.25)),
            phone=self._phone(),
            segment=_weighted(rng, SEGMENTS),
            city=_weighted(rng, CITIES),
            source=_weighted(rng, ACQUISITION_SOURCES),
        )
        if rng.random() < 0.35:
            customer.email = self._email(customer)
        self._known.append(customer)
        return customer

    def _phone(self) -> str:
        while True:
            number = f"+84{self._rng.choice(MOBILE_PREFIXES)}{self._rng.randrange(10**7):07d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def _email(self, customer: Customer) -> str:
        # the customer number keeps two namesakes from sharing (and merging on) one address
        person = customer.person
        local = ascii_fold(f"{person.given}{person.family}").lower().replace("-", "")
        domain = _weighted(self._rng, EMAIL_DOMAINS)
        return f"{local}{customer.id[-4:]}@{domain}"

    def order_for(
        self, customer: Customer, age_days: tuple[int, int], status: str, now: datetime
    ) -> OrderInfo:
        """A recent order of the customer placed within `age_days` before now, or a new one."""
        rng = self._rng
        oldest, newest = now - timedelta(days=age_days[1]), now - timedelta(days=age_days[0])
        for order in reversed(customer.orders):
            if oldest <= order.placed_at <= newest and rng.random() < 0.7:
                order.status = status
                return order
        placed = now - timedelta(seconds=rng.uniform(age_days[0], age_days[1]) * 86400 + 600)
        product = rng.choice(PRODUCTS)
        quantity = rng.choices((1, 2, 3), (80, 15, 5))[0]
        price = rng.randrange(product.min_price, product.max_price + 1, 1000)
        order = OrderInfo(
            ref=self._order_ref(placed),
            tracking=f"SVX{rng.randrange(10**9):09d}",
            placed_at=placed,
            product=product,
            total=price * quantity + rng.choice((0, 0, 15_000, 30_000)),
            status=status,
        )
        customer.orders.append(order)
        return order

    def _order_ref(self, placed: datetime) -> str:
        """'DH2408123': month of the order, then a counter that starts somewhere in the month."""
        month = f"{placed:%y%m}"
        number = self._orders_per_month.get(month, self._rng.randrange(100, 400)) + 1
        self._orders_per_month[month] = number
        return f"DH{month}{number:03d}"
