"""Names of people: Vietnamese (family, middle, given by gender) and a few foreign customers."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from typing import Literal

Gender = Literal["m", "f"]

# Weighted roughly like the population: about four in ten Vietnamese are Nguyễn.
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 3),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trương", 1),
)
# "Thị" and "Văn" repeat: they are still the most common middle names.
MIDDLE_NAMES: dict[Gender, tuple[str, ...]] = {
    "f": ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Phương", "Mai", "Bảo"),
    "m": ("Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Hoàng", "Anh", "Công", "Gia"),
}
GIVEN_NAMES: dict[Gender, tuple[str, ...]] = {
    "f": (
        "Lan", "Hương", "Linh", "Trang", "Hà", "Mai", "Ngọc", "Thảo", "Vy", "Nhung", "Hạnh",
        "Yến", "Quỳnh", "Phương", "Thu", "Nga", "Hoa", "Tâm", "Trâm", "Uyên", "My", "Giang",
        "Hằng", "Diệp", "Oanh", "Nhi", "Thư", "Loan", "Vân", "Huyền", "Thủy", "Anh",
    ),
    "m": (
        "Minh", "Hùng", "Dũng", "Tuấn", "Nam", "Long", "Huy", "Khoa", "Phúc", "Quân", "Sơn",
        "Thắng", "Trung", "Hải", "Đức", "Bình", "Toàn", "Tùng", "Hiếu", "Khánh", "Vinh",
        "Thịnh", "Đạt", "Tài", "Lộc", "Kiên", "Phong", "Bảo", "Tín", "Cường", "Nghĩa",
    ),
}  # fmt: skip
FOREIGN_NAMES: tuple[tuple[str, str, Gender], ...] = (
    ("David", "Miller", "m"),
    ("Emma", "Wilson", "f"),
    ("James", "Taylor", "m"),
    ("Sophie", "Martin", "f"),
    ("Daniel", "Brown", "m"),
    ("Olivia", "Clarke", "f"),
    ("Lucas", "Moreau", "m"),
    ("Hannah", "Schmidt", "f"),
    ("Min-jun", "Kim", "m"),
    ("Ji-woo", "Park", "f"),
    ("Yuki", "Tanaka", "f"),
    ("Kenji", "Sato", "m"),
    ("Michael", "Nguyen", "m"),
    ("Jenny", "Tran", "f"),
    ("Ryan", "Le", "m"),
    ("Priya", "Sharma", "f"),
)


@dataclass(frozen=True)
class Person:
    """A name split the way conversations use it: agents and customers go by the given name."""

    family: str
    middle: str
    given: str
    gender: Gender
    foreign: bool = False

    @property
    def full(self) -> str:
        if self.foreign:
            return f"{self.given} {self.family}"
        return f"{self.family} {self.middle} {self.given}"

    @property
    def slug(self) -> str:
        """'lan.nguyen' for Nguyễn Thị Lan: the login style of the agents' keys."""
        return f"{ascii_fold(self.given)}.{ascii_fold(self.family)}".lower().replace("-", "")


def ascii_fold(text: str) -> str:
    """Vietnamese text without diacritics ('Đặng' -> 'Dang'), as typed on a phone without IME."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


_FAMILIES = [name for name, _ in FAMILY_NAMES]
_FAMILY_WEIGHTS = [weight for _, weight in FAMILY_NAMES]


def vietnamese_person(rng: random.Random, gender: Gender | None = None) -> Person:
    chosen: Gender = gender if gender is not None else "f" if rng.random() < 0.5 else "m"
    return Person(
        family=rng.choices(_FAMILIES, _FAMILY_WEIGHTS)[0],
        middle=rng.choice(MIDDLE_NAMES[chosen]),
        given=rng.choice(GIVEN_NAMES[chosen]),
        gender=chosen,
    )


def foreign_person(rng: random.Random) -> Person:
    given, family, gender = rng.choice(FOREIGN_NAMES)
    return Person(family=family, middle="", given=given, gender=gender, foreign=True)
