"""Phone numbers typed in different ways identify the same customer."""

from __future__ import annotations

import pytest

from cxqa.customers.phones import normalise_phone
from cxqa.ingest.schemas import CustomerRecord


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0901234567", "+84901234567"),
        ("090 123 4567", "+84901234567"),
        ("090.123.4567", "+84901234567"),
        ("+84 90 123 4567", "+84901234567"),
        ("84-90-123-4567", "+84901234567"),
        ("0084901234567", "+84901234567"),
        ("(028) 3822 1234", "+842838221234"),
        ("+1 (415) 555-0100", "+14155550100"),
        ("1900 1234", "19001234"),  # a short service number stays national
        ("0901234567 ext 12", "0901234567ext12"),
    ],
)
def test_normalise_phone(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored


def test_customer_key_is_the_same_for_both_spellings() -> None:
    national = CustomerRecord(phones=["0901 234 567"])
    international = CustomerRecord(phones=["+84901234567", "84901234567"])

    assert national.key == international.key == "phone:+84901234567"
    assert international.phones == ["+84901234567"]
