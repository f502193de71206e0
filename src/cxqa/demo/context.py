"""Everything a conversation builder reads or draws from, passed around as one object."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from cxqa.demo.clock import Window
from cxqa.demo.customers import CustomerPool
from cxqa.demo.org import TeamSpec
from cxqa.demo.phrasebook import PhraseBook
from cxqa.demo.phrases_en import EN
from cxqa.demo.phrases_vi import VI
from cxqa.demo.shifts import ScheduleBook

BOOKS: Mapping[str, PhraseBook] = {"vi": VI, "en": EN}


@dataclass(frozen=True)
class Context:
    rng: random.Random  # the one stream every conversation draws from, in arrival order
    window: Window
    teams: Mapping[str, TeamSpec]
    schedules: ScheduleBook
    customers: CustomerPool
