"""What customers contact each team about, as data the plan draws from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One reason for contact. `upset` is the base chance the customer writes in annoyed."""

    key: str
    tags: tuple[str, ...]
    upset: float
    difficulty: float  # subtracted from the agent's first-contact resolution chance
    order_age: tuple[int, int] | None  # days between the order and the contact; None: no order
    order_status: str
    owner: str | None = None  # team that can fix it, when another team received it


TOPICS: dict[str, Topic] = {
    t.key: t
    for t in (
        Topic("order_status", ("tra_cuu_don",), 0.15, 0.0, (1, 5), "shipping"),
        Topic("late_delivery", ("giao_hang_tre",), 0.7, 0.15, (4, 12), "shipping", "giao-hang"),
        Topic("refund", ("hoan_tien",), 0.5, 0.2, (8, 25), "returned", "email-bo"),
        Topic("return_exchange", ("doi_tra",), 0.25, 0.1, (2, 7), "delivered"),
        Topic("wrong_item", ("sai_hang", "doi_tra"), 0.7, 0.1, (2, 6), "delivered"),
        Topic("damaged", ("hang_hong", "doi_tra"), 0.65, 0.15, (2, 6), "delivered", "email-bo"),
        Topic("payment", ("thanh_toan",), 0.35, 0.15, (0, 3), "pending_payment", "email-bo"),
        Topic("promotion", ("khuyen_mai",), 0.2, 0.05, None, ""),
        Topic("cancel", ("huy_don",), 0.4, 0.05, (0, 3), "cancelled"),
        Topic("complaint", ("khieu_nai",), 0.9, 0.25, (2, 8), "shipping", "giao-hang"),
        Topic("address_change", ("doi_dia_chi",), 0.15, 0.05, (1, 4), "shipping", "giao-hang"),
        Topic("redelivery", ("giao_lai",), 0.4, 0.05, (3, 8), "delivery_failed", "giao-hang"),
        Topic("product_question", ("tu_van_san_pham",), 0.02, 0.0, None, ""),
    )
}

TEAM_TOPICS: dict[str, dict[str, int]] = {
    "cskh-shop": {
        "order_status": 15,
        "late_delivery": 10,
        "refund": 8,
        "return_exchange": 10,
        "wrong_item": 7,
        "damaged": 4,
        "payment": 10,
        "promotion": 12,
        "cancel": 8,
        "complaint": 4,
        "product_question": 12,
    },
    "giao-hang": {
        "order_status": 25,
        "late_delivery": 20,
        "address_change": 12,
        "redelivery": 12,
        "complaint": 10,
        "damaged": 6,
        "cancel": 5,
        "payment": 5,
        "refund": 3,
    },
    "mang-xa-hoi": {
        "product_question": 20,
        "promotion": 18,
        "order_status": 15,
        "late_delivery": 10,
        "complaint": 6,
        "return_exchange": 6,
        "payment": 6,
        "cancel": 6,
        "wrong_item": 4,
    },
    "email-bo": {
        "refund": 25,
        "return_exchange": 15,
        "wrong_item": 10,
        "damaged": 10,
        "payment": 15,
        "complaint": 15,
        "order_status": 5,
        "cancel": 5,
    },
}

# After a sale, more people ask about vouchers and chase late parcels.
SALE_TOPIC_BOOST = {"late_delivery": 2.2, "promotion": 1.8, "order_status": 1.4}
