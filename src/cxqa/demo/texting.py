"""How customers really type: abbreviations, lower case, and Vietnamese without diacritics.

Phrase data is written properly once; this turns it into the casual or accent-less text many
customers send from their phones, so the same template yields several surface forms.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from cxqa.demo.customers import Style
from cxqa.demo.names import ascii_fold

_Rule = tuple[re.Pattern[str], tuple[str, ...]]


def _rules(table: dict[str, tuple[str, ...]]) -> tuple[_Rule, ...]:
    return tuple(
        (re.compile(rf"(?<![\w/]){re.escape(word)}(?![\w/])", re.IGNORECASE), forms)
        for word, forms in table.items()
    )


_VI_RULES = _rules(
    {
        "không": ("ko", "k", "hok", "không"),
        "được": ("dc", "đc", "được"),
        "anh/chị": ("a/c",),
        "sản phẩm": ("sp",),
        "inbox": ("ib",),
        "rồi": ("r", "rồi"),
        "vậy": ("v", "vậy", "z"),
        "bao giờ": ("bh", "bao giờ"),
        "gì": ("j", "gì"),
        "mình": ("mk", "mình", "mik"),
        "với": ("vs", "với"),
        "thế nào": ("ntn",),
        "cảm ơn": ("cảm ơn", "cám ơn", "tks"),
        "biết": ("bít", "biết"),
        "nhé": ("nhé", "nha", "nhe"),
        "em": ("e", "em"),
        "chị": ("c", "chị"),
    }
)
_EN_RULES = _rules(
    {
        "you": ("u", "you"),
        "please": ("pls", "plz"),
        "thanks": ("thx", "thanks", "ty"),
        "thank you": ("thx", "ty"),
        "are": ("r", "are"),
        "okay": ("ok", "k"),
    }
)
# "MB Bank", "DH2408123", "COD": a first word with capitals after its first letter stays as is
_KEEP_CASE = re.compile(r"^\S[^\s]*[A-Z0-9]")


def _chooser(forms: tuple[str, ...], rng: random.Random) -> Callable[[re.Match[str]], str]:
    """A re.sub replacement picking one of `forms` per match, so one message can mix forms."""

    def choose(_match: re.Match[str]) -> str:
        return rng.choice(forms)

    return choose


def restyle(text: str, style: Style, language: str, rng: random.Random) -> str:
    """`text` as a customer with this typing style would send it."""
    if style == "proper":
        return text
    rules = _VI_RULES if language == "vi" else _EN_RULES
    for pattern, forms in rules:
        if rng.random() < 0.6:
            text = pattern.sub(_chooser(forms, rng), text)
    if not _KEEP_CASE.match(text):
        text = text[:1].lower() + text[1:]
    text = text.removesuffix(".")
    if style == "no_accents" and language == "vi":
        text = ascii_fold(text)
    return text
