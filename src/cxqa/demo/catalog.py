"""What the shop sells and the place names, banks and codes that fill the conversation slots."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    vi: str
    en: str
    min_price: int  # VND
    max_price: int


PRODUCTS: tuple[Product, ...] = (
    Product("áo thun nam", "men's T-shirt", 99_000, 259_000),
    Product("váy hoa nhí", "floral dress", 189_000, 459_000),
    Product("quần jean nữ", "women's jeans", 229_000, 499_000),
    Product("giày thể thao", "running shoes", 390_000, 1_890_000),
    Product("nồi chiên không dầu", "air fryer", 890_000, 2_490_000),
    Product("tai nghe bluetooth", "bluetooth earbuds", 290_000, 1_590_000),
    Product("kem chống nắng", "sunscreen", 149_000, 429_000),
    Product("sữa rửa mặt", "facial cleanser", 99_000, 329_000),
    Product("bình giữ nhiệt", "insulated bottle", 159_000, 389_000),
    Product("ốp lưng điện thoại", "phone case", 59_000, 149_000),
    Product("máy xay sinh tố", "blender", 490_000, 1_290_000),
    Product("balo laptop", "laptop backpack", 299_000, 799_000),
    Product("đồng hồ thông minh", "smartwatch", 690_000, 3_990_000),
    Product("son môi", "lipstick", 129_000, 399_000),
    Product("bộ chăn ga gối", "bedding set", 450_000, 1_650_000),
    Product("quạt điện đứng", "standing fan", 390_000, 990_000),
    Product("sạc dự phòng", "power bank", 249_000, 690_000),
    Product("nồi cơm điện", "rice cooker", 590_000, 1_990_000),
    Product("bàn phím cơ", "mechanical keyboard", 650_000, 2_190_000),
    Product("sữa bột trẻ em", "infant formula", 420_000, 890_000),
)

VOUCHERS = ("SALE50K", "FREESHIP", "SENVANG10", "GIAM30K", "NEWBIE20", "FLASH99", "VIPT10")
BANKS = ("Vietcombank", "Techcombank", "MB Bank", "VPBank", "ACB", "BIDV", "VietinBank", "TPBank")
HUBS = (
    "bưu cục Cầu Giấy",
    "kho Tân Phú",
    "kho Long Biên",
    "bưu cục Thủ Đức",
    "kho trung chuyển Bắc Ninh",
    "bưu cục Hải Châu",
    "kho Bình Tân",
    "bưu cục Hà Đông",
)
HUBS_EN = (
    "the Cau Giay post office",
    "the Tan Phu warehouse",
    "the Long Bien warehouse",
    "the Thu Duc post office",
    "the Bac Ninh sorting centre",
    "the Hai Chau post office",
    "the Binh Tan warehouse",
    "the Ha Dong post office",
)
ADDRESSES = (
    "số 12 ngõ 45 Trần Duy Hưng, Cầu Giấy, Hà Nội",
    "88 Nguyễn Thị Minh Khai, Quận 1, TP.HCM",
    "toà S2.05 Vinhomes Ocean Park, Gia Lâm",
    "23/4 Lê Văn Sỹ, Phú Nhuận, TP.HCM",
    "156 Nguyễn Văn Linh, Hải Châu, Đà Nẵng",
    "chung cư HH4C Linh Đàm, Hoàng Mai",
)
# (city, share of customers); the two big cities dominate e-commerce
CITIES: tuple[tuple[str, int], ...] = (
    ("TP. Hồ Chí Minh", 34),
    ("Hà Nội", 30),
    ("Đà Nẵng", 6),
    ("Hải Phòng", 5),
    ("Cần Thơ", 4),
    ("Biên Hòa", 4),
    ("Nha Trang", 3),
    ("Huế", 3),
    ("Vinh", 3),
    ("Buôn Ma Thuột", 2),
    ("Quy Nhơn", 2),
    ("Thủ Dầu Một", 4),
)
ACQUISITION_SOURCES: tuple[tuple[str, int], ...] = (
    ("facebook_ads", 30),
    ("google", 22),
    ("zalo_oa", 18),
    ("referral", 12),
    ("store", 8),
)
SEGMENTS: tuple[tuple[str, int], ...] = (("regular", 60), ("new", 32), ("vip", 8))
# Mobile prefixes after +84: Viettel 3x/86/96-98, Mobifone 70/76-79/89/90/93,
# Vinaphone 81-85/88/91/94, Vietnamobile 56/58/92.
MOBILE_PREFIXES = (
    "32", "33", "34", "35", "36", "37", "38", "39", "86", "96", "97", "98",
    "70", "76", "77", "78", "79", "89", "90", "93",
    "81", "82", "83", "84", "85", "88", "91", "94",
    "56", "58", "92",
)  # fmt: skip
EMAIL_DOMAINS: tuple[tuple[str, int], ...] = (
    ("gmail.com", 75),
    ("yahoo.com", 10),
    ("outlook.com", 7),
    ("icloud.com", 5),
    ("fpt.com.vn", 3),
)


def vnd(amount: int, language: str) -> str:
    """459000 -> '459.000đ' in Vietnamese, '459,000 VND' in English."""
    if language == "vi":
        return f"{amount:,}".replace(",", ".") + "đ"
    return f"{amount:,} VND"
