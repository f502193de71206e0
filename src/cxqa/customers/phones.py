"""Phone numbers in one written form, so that one customer is one record however it was typed."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-()/]")
DEFAULT_CALLING_CODE = "84"
# shorter strings starting with 0 are extensions or typos, not national numbers
NATIONAL_MIN_DIGITS = 9


def normalise_phone(raw: str, *, calling_code: str = DEFAULT_CALLING_CODE) -> str:
    """'090 123 4567', '84-90-123-4567' and '+84901234567' all become '+84901234567'.

    A national number (leading 0) takes `calling_code`. Numbers that are not plainly digits
    (extensions, letters) are kept as given, without separators.
    """
    compact = _SEPARATORS.sub("", raw)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    digits = compact.removeprefix("+")
    if not digits.isdigit():
        return compact
    if compact.startswith("+"):
        return compact
    if digits.startswith("0") and len(digits) >= NATIONAL_MIN_DIGITS:
        return f"+{calling_code}{digits[1:]}"
    if digits.startswith(calling_code) and len(digits) >= len(calling_code) + 8:
        return f"+{digits}"
    return digits
