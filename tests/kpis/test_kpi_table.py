"""Every KPI of the registry, pinned against values worked out by hand on a small fixture.

The fixture (tests/fixtures/kpi_small.jsonl, loaded by tests/kpi_fixture.py) is imported into
the parametrized store (SQLite and PostgreSQL) with two SLA policies, its measures derived, the
DuckDB copy built, and `kpi_table` asked for the fortnight Monday 2026-03-02 .. Sunday
2026-03-15. The same expected numbers hold on both stores.

Conventions the working below relies on (KpiRules defaults, workspace time zone
Asia/Ho_Chi_Minh):
- a conversation's day is the workspace's local day (UTC+7) of its start, also for the New York
  team; presence is cut into workspace-local days too;
- service level 20 s, short abandon < 5 s, repeat-contact window 7 days;
- written handle time: each gap before a human reply, capped at 300 s;
- percentiles interpolate linearly (numpy.percentile's default, PostgreSQL percentile_cont):
  with n sorted values, p lies at rank p * (n - 1) counted from 0.

The fortnight's 19 conversations, every measure worked out by hand ("vn" = cskh-vn, Mon-Fri
08:00-17:30 and Sat 08:00-12:00 in Asia/Ho_Chi_Minh, holiday Tue 03-10; "us" = support-us,
Mon-Fri 09:00-17:00 in America/New_York, EST (UTC-5) until Sun 03-08, EDT (UTC-4) after;
times are the team's local times; FR = first response, "b" = business seconds):

C01 chat vn lan kh-01(vip) 03-02  cust 09:00, lan 09:02, cust 09:05, lan 09:06:30, resolved 09:10
    FR 120 (b 120); waits 120, 90; resolution 600 (b 600); 2 replies; handle 120+90 = 210;
    CSAT 5. SLA chat: FR due 09:30 met; resolution due 17:00 met. Next contact of kh-01: C05
    two days later: repeat contact.
C02 chat vn minh kh-02(std) Fri 03-06 19:00 -> minh Mon 03-09 08:15, resolved 08:30
    FR 61 h 15 min = 220500 s; business: Sat 08:00-12:00 (14400) + Mon 08:00-08:15 (900) = 15300;
    resolution 221400 (b 14400 + 1800 = 16200); 1 reply; handle 300 (capped); CSAT 2, CES 3.
    SLA chat: FR due Sat 08:30, replied Monday: breached; resolution due Mon 12:00: met.
    Repeat: kh-02 calls again (C10) on Wed 03-11, within 7 days.
C03 email vn lan kh-03(std) Mon 03-09 16:00 -> lan Wed 03-11 09:00 (over the holiday), resolved
    09:30. FR 41 h = 147600 (b: Mon 16:00-17:30 5400 + Tue holiday 0 + Wed 08:00-09:00 3600 =
    9000); resolution 149400 (b 10800); 1 reply; handle 300; NPS 9. SLA catch-all: FR due Wed
    10:30 met; resolution due Thu 13:00 met. Repeat: kh-03 writes again (C18) Sun 03-15.
C04 zalo vn minh kh-05(std) Tue 03-03  cust 10:00, bot 10:00:05, cust 10:01, bot 10:01:10
    (hand-off), minh 10:04:10, cust 10:06, resolved 10:08. FR from the hand-off: 180 (b 180);
    waits 180 (the bot's messages move the start of the wait); resolution 480 (b 480); 1 reply;
    handle 180; CSAT 4. SLA catch-all met twice. Repeat: kh-05 again (C07) on Thu.
C05 facebook vn lan kh-01 Wed 03-04  cust 14:00, lan 14:10, resolved 14:20, cust 15:00,
    reopened 15:00, lan 15:05, resolved 15:30. FR 600 (b 600); waits 600, 300; resolution to the
    last resolution 5400 (b 5400); reopened; 2 replies; handle 300 (capped) + 300 = 600;
    CSAT 3; priority high. SLA catch-all met twice. No later contact of kh-01.
C06 chat vn (no agent) kh-07(std) Sat 03-14 11:00, open, no reply yet.
    No FR, no wait, unresolved, no handle time. SLA chat: FR due Sat 11:30, resolution due
    Mon 03-16 15:00 (Sat 11:00-12:00 + Mon 08:00-15:00): both past at AS_OF, both breached.
C07 chat vn (no agent) kh-05 Thu 03-05 20:00, bot 20:00:03, cust 20:01, resolved 20:02 (the bot
    settled it). No FR and no FR SLA verdict (settled without a person); resolution 120 (b 0:
    Thursday night); 0 replies to resolve; no handle time. SLA chat resolution due Fri 16:00: met.
C08 email us amy us-01(std) Tue 03-03 10:00 EST (03-03 22:00 in Hanoi), cust 10:30 "never mind",
    closed 11:00. No FR and no FR verdict; resolution 3600 (b 3600); 0 replies; no handle
    time. Repeat: us-01 writes again (C14) on Friday.
C09 phone vn hoa kh-03 Mon 03-02 queued 10:00:00, answered 10:00:15, hold 10:03:00-10:04:30,
    ended 10:08:15, wrap-up until 10:09:15, resolved 10:09:15. Answer 15 s (within 20 s);
    talk 480 - 90 = 390, hold 90, wrap-up 60, handle 540; resolution 555 (b 555); no replies
    to resolve (a call); CSAT 4, CES 6, NPS 10. Next contact of kh-03 (C03) is 7 d 6 h
    later: no repeat contact.
C10 phone vn minh kh-02 Wed 03-11 leg 1 hoa queued 14:00:00, answered 14:00:30, hold
    14:02-14:03, ended 14:05:00, transferred; leg 2 minh queued 14:05:00, answered 14:05:20,
    ended 14:12:00, wrap-up until 14:13:30; resolved 14:13:30. Answer 30 s (first leg, not
    within 20 s); talk 210 + 400 = 610, hold 60, wrap-up 90, handle 760; 1 transfer;
    resolution 810 (b 810); no replies to resolve; NPS 7, CES 5.
C11 phone vn (no agent) +84907770001 Thu 03-05 09:00:00-09:00:03: abandoned after 3 s, a short
    abandon. Nobody spoke with the caller: no resolution SLA verdict.
C12 phone vn (no agent) +84907770002 Sat 03-07 09:30:00-09:30:40: abandoned after 40 s. No
    resolution SLA verdict (nobody spoke with the caller).
C13 phone us amy us-02 Mon 03-09 09:30:00 EDT (20:30 in Hanoi), answered 09:30:05, ended
    09:40:05, wrap-up 09:41:05, resolved. Answer 5 s; talk 600, hold 0, wrap-up 60, handle 660;
    resolution 665 (b 665); no replies to resolve; CSAT 5. Repeat: us-02 writes again (C16)
    on Tuesday.
C14 email us amy us-01 Fri 03-06 16:00 EST (Sat 03-07 04:00 in Hanoi) -> amy Mon 03-09 10:00 EDT,
    resolved 11:00 EDT. FR 65 h = 234000 (the night of the clock change has 23 h); business:
    Fri 16:00-17:00 EST 3600 + Mon 09:00-10:00 EDT 3600 = 7200; resolution 237600 (b 10800);
    1 reply; handle 300; CSAT 1, NPS 3; priority high. SLA catch-all: FR due Mon 12:00 EDT
    met; resolution due Tue 16:00 EDT met.
C15 chat us amy us-03(vip) Wed 03-11 11:00 EDT (22:00 in Hanoi), amy 11:01:30, cust 11:03,
    amy 11:04, resolved 11:10. FR 90 (b 90); waits 90, 60; resolution 600 (b 600); 2 replies;
    handle 90 + 60 = 150; CSAT 4, NPS 8. SLA chat met twice.
C16 chat us amy us-02 Tue 03-10 16:45 EDT (Wed 03-11 03:45 in Hanoi) -> amy Wed 09:15 EDT,
    resolved 09:20. FR 16 h 30 min = 59400 (b 900 + 900 = 1800); resolution 59700 (b 2100);
    1 reply; handle 300. SLA chat FR due exactly Wed 09:15 (15 min on Tuesday, 15 on Wednesday):
    replied at the due time, met; resolution met.
C17 zalo vn lan kh-09(vip) Thu 03-12 cust 10:00, internal note 10:10, lan 10:20, cust 10:25,
    lan 10:26, resolved 10:30. FR 1200 (b 1200; the note is not a reply); waits 1200, 60;
    resolution 1800 (b 1800); 2 replies; handle min(600, 300) + 60 = 360; CSAT 5, CES 7.
C18 chat vn minh kh-03 Sun 03-15 23:50 -> minh Mon 03-16 08:05, resolved 08:10. Starts on the
    last day of the range. FR 8 h 15 min = 29700 (b 300: Mon 08:00-08:05); resolution 30000
    (b 600); 1 reply; handle 300. SLA chat: FR due Mon 08:30, resolution due Mon 16:00: met.
C19 phone vn hoa kh-08(std) Fri 03-13 OUTBOUND, queued 15:00:00, answered 15:00:12, ended
    15:03:12, resolved then. Talk 180, hold 0, wrap-up 0, handle 180; resolution 192 (b 192);
    no replies to resolve. Not an inbound call: no speed of answer, abandonment or service
    level; and not the customer coming back (no repeat contact, no retention activity).

Before the range (they must count nowhere, except in the retention cohort and the previous
contact of a customer): X1 chat kh-04(vip) 02-25 (CSAT 1), X2 email us-02 02-27 10:00 EST,
X3 chat kh-01 03-01 23:30 in Hanoi (NPS 0, CSAT 1).

AS_OF is 2026-03-20 00:00 in Hanoi (2026-03-19 17:00 UTC): the 7-day repeat window is over
for conversations that started up to 2026-03-12 17:00 UTC, so not for C06 (03-14), C18 (03-15)
and C19 (03-13); every SLA due time of the fixture lies before AS_OF.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from conftest import empty_store
from cxqa.kpis.engine import KpiData
from cxqa.kpis.registry import FIGURE_BY_NAME, KPIS, Figure, Kind, Kpi, Source, Unit, kpis_named
from cxqa.kpis.table import KpiQuery, KpiRules, Row, kpi_table
from cxqa.settings import Settings
from kpi_fixture import FIRST_DAY, LAST_DAY, load_kpi_fixture

AS_OF = datetime(2026, 3, 19, 17, 0, tzinfo=UTC)  # 2026-03-20 00:00 in Asia/Ho_Chi_Minh


@pytest.fixture(scope="module")
def data(migrated_engine: Engine, store_settings: Settings) -> Iterator[KpiData]:
    """The fixture in a fresh store, copied into DuckDB once for the module's tests."""
    empty_store(migrated_engine)
    load_kpi_fixture(migrated_engine, store_settings)
    kpi_data = KpiData(migrated_engine, timezone=store_settings.timezone)
    try:
        assert kpi_data.refresh() is True
        yield kpi_data
    finally:
        kpi_data.close()


def table(
    data: KpiData,
    *by: str,
    kpis: Sequence[str] | None = None,
    filters: Sequence[tuple[str, str]] = (),
    first: date = FIRST_DAY,
    last: date = LAST_DAY,
    as_of: datetime = AS_OF,
) -> list[Row]:
    query = KpiQuery(
        first_day=first,
        last_day=last,
        by=by,
        kpis=kpis_named(list(kpis) if kpis else None),
        filters=tuple(filters),
    )
    return kpi_table(data, query, rules=KpiRules(), as_of=as_of)


def _same(actual: Any, expected: Any) -> bool:
    if expected is None or isinstance(expected, (str, date)):
        return actual == expected and type(actual) is type(expected)
    if actual is None or isinstance(actual, (str, date)):
        return False
    return bool(actual == pytest.approx(expected, rel=1e-9, abs=1e-6))


def differences(row: Row, expected: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """{figure: (expected by hand, engine)} for every figure that is not as worked out."""
    return {
        name: (value, row.get(name, "<missing>"))
        for name, value in expected.items()
        if not _same(row.get(name, "<missing>"), value)
    }


def check(rows: list[Row], key: str, expected: dict[Any, dict[str, Any]]) -> None:
    """Rows keyed by `key` are exactly the expected groups, each with the expected figures."""
    found = {row[key]: row for row in rows}
    assert list(found) == list(expected)
    wrong = {group: differences(found[group], figures) for group, figures in expected.items()}
    assert {group: diff for group, diff in wrong.items() if diff} == {}


# -- the whole fortnight, every figure of every KPI ---------------------------------------------

WHOLE_RANGE: dict[str, Any] = {
    # 19 conversations started in the fortnight (X1, X2 and X3 are before it)
    "conversations_count": 19,
    # first response, elapsed: the 10 conversations with a human reply, sorted:
    #   C15 90, C01 120, C04 180, C05 600, C17 1200, C18 29700, C16 59400, C03 147600,
    #   C02 220500, C14 234000 (sum 693390)
    # none: C06 (no reply yet), C07 (bot only), C08 (withdrawn), the calls C09-C13 and C19
    "first_response_time_median": (1200 + 29700) / 2,  # 15450
    "first_response_time_mean": 693390 / 10,  # 69339
    "first_response_time_p90": 220500 + 0.1 * (234000 - 220500),  # rank 8.1: 221850
    "first_response_time_count": 10,
    # the same in business seconds, sorted:
    #   C15 90, C01 120, C04 180, C18 300, C05 600, C17 1200, C16 1800, C14 7200, C03 9000,
    #   C02 15300 (sum 35790)
    "first_response_business_time_median": (600 + 1200) / 2,  # 900
    "first_response_business_time_mean": 35790 / 10,  # 3579
    "first_response_business_time_p90": 9000 + 0.1 * (15300 - 9000),  # rank 8.1: 9630
    "first_response_business_time_count": 10,
    # every wait ended by a human reply (14), sorted:
    #   60 (C15), 60 (C17), 90 (C01), 90 (C15), 120 (C01), 180 (C04), 300 (C05), 600 (C05),
    #   1200 (C17), 29700 (C18), 59400 (C16), 147600 (C03), 220500 (C02), 234000 (C14)
    #   (sum 693900)
    "response_time_median": (300 + 600) / 2,  # rank 6.5: 450
    "response_time_mean": 693900 / 14,  # 49564.285714
    "response_time_p90": 147600 + 0.7 * (220500 - 147600),  # rank 11.7: 198630
    "response_time_count": 14,
    # resolution, elapsed: the 16 resolved conversations (not C06, C11, C12), sorted:
    #   C07 120, C19 192, C04 480, C09 555, C01 600, C15 600, C13 665, C10 810, C17 1800,
    #   C08 3600, C05 5400, C18 30000, C16 59700, C03 149400, C02 221400, C14 237600
    #   (sum 712922)
    "resolution_time_median": (810 + 1800) / 2,  # rank 7.5: 1305
    "resolution_time_mean": 712922 / 16,  # 44557.625
    "resolution_time_p90": 149400 + 0.5 * (221400 - 149400),  # rank 13.5: 185400
    "resolution_time_count": 16,
    # the same in business seconds, sorted:
    #   C07 0, C19 192, C04 480, C09 555, C01 600, C15 600, C18 600, C13 665, C10 810,
    #   C17 1800, C16 2100, C08 3600, C05 5400, C03 10800, C14 10800, C02 16200 (sum 55202)
    "resolution_business_time_median": (665 + 810) / 2,  # rank 7.5: 737.5
    "resolution_business_time_mean": 55202 / 16,  # 3450.125
    "resolution_business_time_p90": 10800.0,  # rank 13.5, between 10800 and 10800
    "resolution_business_time_count": 16,
    # replies up to the resolution, over the 12 resolved written conversations (a call's
    # transcript lines are not replies: C09, C10, C13 and C19 have no value): 0 for C07 and
    # C08; 1 for C02, C03, C04, C14, C16, C18; 2 for C01, C05, C15, C17
    "replies_to_resolve_median": 1.0,  # rank 5.5, between 1 and 1
    "replies_to_resolve_mean": (6 * 1 + 4 * 2) / 12,  # 1.166667
    "replies_to_resolve_p90": 2.0,  # rank 9.9, between 2 and 2
    "replies_to_resolve_count": 12,
    # handle time: written conversations with a reply and answered calls (14), sorted:
    #   C15 150, C04 180, C19 180, C01 210, C02/C03/C14/C16/C18 300 x5, C17 360, C09 540,
    #   C05 600, C13 660, C10 760 (sum 5140); none for C06, C07, C08 (nobody replied) and the
    #   abandoned C11, C12
    "handle_time_median": 300.0,  # rank 6.5
    "handle_time_mean": 5140 / 14,  # 367.142857
    "handle_time_p90": 600 + 0.7 * (660 - 600),  # rank 11.7: 642
    "handle_time_count": 14,
    # answered calls: C19 180, C09 390, C13 600, C10 610
    "talk_time_median": (390 + 600) / 2,  # 495
    "talk_time_mean": 1780 / 4,  # 445
    "talk_time_p90": 600 + 0.7 * (610 - 600),  # rank 2.7: 607
    "talk_time_count": 4,
    # holds of the answered calls: C13 0, C19 0, C10 60, C09 90
    "hold_time_median": 30.0,
    "hold_time_mean": 150 / 4,  # 37.5
    "hold_time_p90": 60 + 0.7 * (90 - 60),  # 81
    "hold_time_count": 4,
    # wrap-up: C19 0, C09 60, C13 60, C10 90
    "wrap_up_time_median": 60.0,
    "wrap_up_time_mean": 210 / 4,  # 52.5
    "wrap_up_time_p90": 60 + 0.7 * (90 - 60),  # 81
    "wrap_up_time_count": 4,
    # answered inbound calls: C13 5, C09 15, C10 30 (C19 is outbound)
    "speed_of_answer_median": 15.0,
    "speed_of_answer_mean": 50 / 3,  # 16.666667
    "speed_of_answer_p90": 15 + 0.8 * (30 - 15),  # rank 1.8: 27
    "speed_of_answer_count": 3,
    # offered inbound calls: C09, C10, C12, C13 (C11 is a short abandon, C19 outbound);
    # abandoned: C12
    "abandonment_rate_pct": 25.0,
    "abandonment_rate_abandoned": 1,
    "abandonment_rate_count": 4,
    # answered within 20 s: C09 (15 s), C13 (5 s); not C10 (30 s) nor C12
    "service_level_pct": 50.0,
    "service_level_in_time": 2,
    "service_level_count": 4,
    # first-response SLA: verdicts for C01, C02 (breached), C03, C04, C05, C14, C15, C16, C17,
    # C18, plus C06 pending but past its due time (breached); C07 and C08 were settled without
    # a reply (no verdict), calls have no first-response clock
    "sla_first_response_pct": 100 * 9 / 11,  # 81.818182
    "sla_first_response_met": 9,
    "sla_first_response_breached": 2,
    "sla_first_response_count": 11,
    # resolution SLA: the 16 resolved all met; C06 never resolved and is past due; the
    # abandoned calls C11 and C12 had no conversation to resolve: no verdict
    "sla_resolution_pct": 100 * 16 / 17,  # 94.117647
    "sla_resolution_met": 16,
    "sla_resolution_breached": 1,
    "sla_resolution_count": 17,
    # FCR: resolved and the repeat window over (not C18, C19): C01 C02 C03 C04 C05 C07 C08 C09
    # C10 C13 C14 C15 C16 C17 (14); first time: not reopened (C05 is) and no repeat contact
    # (C01, C02, C03, C04, C08, C13 have one): C07, C09, C10, C14, C15, C16, C17
    "fcr_pct": 50.0,
    "fcr_resolved_first_time": 7,
    "fcr_count": 14,
    # resolved now: 16 of 19
    "resolution_rate_pct": 100 * 16 / 19,
    "resolution_rate_resolved": 16,
    "resolution_rate_count": 19,
    # ever resolved: the 16; reopened: C05
    "reopen_rate_pct": 100 / 16,  # 6.25
    "reopen_rate_reopened": 1,
    "reopen_rate_count": 16,
    # every conversation has a customer; window over for all but C06, C18, C19 (16);
    # repeated: C01, C02, C03, C04, C08, C13
    "repeat_contact_rate_pct": 100 * 6 / 16,  # 37.5
    "repeat_contact_rate_repeated": 6,
    "repeat_contact_rate_count": 16,
    # one transfer (C10) over 19 conversations
    "transfers_per_conversation_mean": 1 / 19,  # 0.052632
    "transfers_per_conversation_count": 19,
    # presence, in Hanoi days. lan: Mon 03-02 online 08:00-12:00 and 13:00-17:30 (30600),
    # away 12:00-13:00 (3600); night shift Tue 22:00 - Wed 03:00 cut at midnight: 03-03 online
    # 7200; 03-04 online 3600 + 5400 = 9000, away 1800. amy: Sat 03-07 22:00 EST to Sun
    # 04:00 EDT is 5 h (18000 online, 03-08 10:00-15:00 in Hanoi); Mon 03-09 09:00-17:00 EDT
    # = 20:00-04:00 in Hanoi: 03-09 online 10800, away 3600; 03-10 online 14400.
    # online 46800 + 43200 = 90000; logged in 90000 + 5400 + 3600 = 99000
    "availability_pct": 100 * 90000 / 99000,  # 90.909091
    "availability_online_seconds": 90000.0,
    "availability_logged_in_seconds": 99000.0,
    # handle time of the agents' conversations on the days they were online (a day without
    # presence has no online time to set its handling against): lan 03-02 C01 210, 03-03
    # nothing, 03-04 C05 600 (not C03 on 03-09 nor C17 on 03-12: no presence those days);
    # amy 03-09 C13 660 (not C08, C14, C15, C16); minh and hoa never online; total 1470
    "occupancy_pct": 100 * 1470 / 90000,  # 1.633333
    "occupancy_handle_seconds": 1470.0,
    "occupancy_online_seconds": 90000.0,
    # agent-days with a conversation or presence: lan 03-02 03-03 03-04 03-09 03-12 (5), minh
    # 03-03 03-06 03-11 03-15 (4), hoa 03-02 03-13 (2), amy 03-03 03-07 03-08 03-09 03-10 03-11
    # (6); conversations with an agent: 19 less C06, C07, C11, C12 = 15
    "conversations_per_agent_day_value": 15 / 17,  # 0.882353
    "conversations_per_agent_day_conversations": 15,
    "conversations_per_agent_day_agent_days": 17,
    # CSAT answers: C01 5, C02 2, C04 4, C05 3, C09 4, C13 5, C14 1, C15 4, C17 5 (X1, X3 are
    # before the range); satisfied (4-5): 6 of 9; sum 33
    "csat_pct": 100 * 6 / 9,  # 66.666667
    "csat_satisfied": 6,
    "csat_count": 9,
    "csat_score_mean": 33 / 9,  # 3.666667
    "csat_score_count": 9,
    # resolved conversations with a CSAT answer: all 9 of them are resolved, of 16
    "csat_response_rate_pct": 100 * 9 / 16,  # 56.25
    "csat_response_rate_answered": 9,
    "csat_response_rate_count": 16,
    # CES: C02 3, C09 6, C10 5, C17 7
    "ces_mean": 21 / 4,  # 5.25
    "ces_count": 4,
    # NPS: C03 9, C09 10 (promoters), C10 7, C15 8 (passives), C14 3 (detractor); X2's and X3's
    # 0 are before the range
    "nps_score": 100 * (2 - 1) / 5,  # 20
    "nps_promoters": 2,
    "nps_passives": 2,
    "nps_detractors": 1,
    "nps_count": 5,
    # retention: active (a conversation or an order, Hanoi days) in the 14 days before,
    # 02-16..03-01: kh-01 (order 02-20, X3 03-01), kh-02 (order 02-16 00:10), kh-04 (X1 02-25),
    # us-02 (X2 02-27 22:00 in Hanoi); not kh-06 (order 02-15 23:30). Active again in the
    # fortnight: kh-01, kh-02, us-02; not kh-04.
    "retention_rate_pct": 75.0,
    "retention_rate_retained": 3,
    "retention_rate_count": 4,
    "churn_rate_pct": 25.0,
    "churn_rate_churned": 1,
    "churn_rate_count": 4,
}


def test_every_figure_of_every_kpi_is_pinned() -> None:
    assert set(WHOLE_RANGE) == set(FIGURE_BY_NAME)


def test_every_kpi_over_the_fortnight(data: KpiData) -> None:
    [row] = table(data)

    assert differences(row, WHOLE_RANGE) == {}
    assert set(row) == set(WHOLE_RANGE)


def test_the_repeat_window_and_sla_due_times_depend_on_as_of(data: KpiData) -> None:
    # long after: every repeat window is over, so C18 and C19 (resolved, no later contact,
    # not reopened) join FCR as first-time resolutions, and C06, C18, C19 join the repeat base
    late = datetime(2026, 6, 1, tzinfo=UTC)
    [row] = table(data, kpis=["fcr", "repeat_contact_rate", "sla_resolution"], as_of=late)
    assert (
        differences(
            row,
            {
                "fcr_pct": 100 * 9 / 16,
                "fcr_resolved_first_time": 9,
                "fcr_count": 16,
                "repeat_contact_rate_pct": 100 * 6 / 19,
                "repeat_contact_rate_repeated": 6,
                "repeat_contact_rate_count": 19,
                "sla_resolution_pct": 100 * 16 / 17,  # the same: all due times were past already
            },
        )
        == {}
    )

    # Saturday 03-14 11:20 in Hanoi: C06's first reply is due at 11:30, its resolution on
    # Monday: both still pending, so counted nowhere
    before_due = datetime(2026, 3, 14, 4, 20, tzinfo=UTC)
    # ... and at 11:40 its first reply is overdue: breached
    after_due = datetime(2026, 3, 14, 4, 40, tzinfo=UTC)
    kpis = ["sla_first_response", "sla_resolution"]
    [pending] = table(data, kpis=kpis, as_of=before_due)
    [overdue] = table(data, kpis=kpis, as_of=after_due)

    assert (
        differences(
            pending,
            {
                "sla_first_response_pct": 90.0,
                "sla_first_response_met": 9,
                "sla_first_response_breached": 1,
                "sla_first_response_count": 10,
                "sla_resolution_pct": 100.0,
                "sla_resolution_breached": 0,
                "sla_resolution_count": 16,
            },
        )
        == {}
    )
    assert (
        differences(
            overdue,
            {
                "sla_first_response_breached": 2,
                "sla_first_response_count": 11,
                "sla_resolution_count": 16,
            },
        )
        == {}
    )


# -- grouped ----------------------------------------------------------------------------------

NOT_SPLIT = None  # a KPI whose source cannot be split by the grouping: no value, not even 0


def test_by_team_including_business_time_across_the_clock_change(data: KpiData) -> None:
    kpis = [
        "conversations",
        "first_response_time",
        "first_response_business_time",
        "resolution_business_time",
        "sla_first_response",
        "ces",
        "nps",
        "availability",
        "occupancy",
        "conversations_per_agent_day",
        "retention_rate",
    ]
    rows = table(data, "team", kpis=kpis)

    check(
        rows,
        "team",
        {
            "cskh-vn": {
                "team_name": "Chăm sóc khách hàng Việt Nam",
                # C01 C02 C03 C04 C05 C06 C07 C09 C10 C11 C12 C17 C18 C19
                "conversations_count": 14,
                # 120, 180, 600, 1200, 29700, 147600, 220500 (sum 399900)
                "first_response_time_median": 1200.0,
                "first_response_time_mean": 399900 / 7,
                "first_response_time_p90": 147600 + 0.4 * (220500 - 147600),  # rank 5.4
                "first_response_time_count": 7,
                # business: 120, 180, 300, 600, 1200, 9000, 15300 (sum 26700)
                "first_response_business_time_median": 600.0,
                "first_response_business_time_mean": 26700 / 7,
                "first_response_business_time_p90": 9000 + 0.4 * (15300 - 9000),  # 11520
                "first_response_business_time_count": 7,
                # resolved: 0, 192, 480, 555, 600, 600, 810, 1800, 5400, 10800, 16200 (37437)
                "resolution_business_time_median": 600.0,
                "resolution_business_time_mean": 37437 / 11,
                "resolution_business_time_p90": 10800.0,  # rank 9
                "resolution_business_time_count": 11,
                # C01 C03 C04 C05 C17 C18 met; C02 breached, C06 overdue
                "sla_first_response_pct": 75.0,
                "sla_first_response_met": 6,
                "sla_first_response_breached": 2,
                "sla_first_response_count": 8,
                "ces_mean": 5.25,
                "ces_count": 4,
                # 9, 10, 7
                "nps_score": 100 * 2 / 3,
                "nps_promoters": 2,
                "nps_passives": 1,
                "nps_detractors": 0,
                "nps_count": 3,
                # lan's presence only: 46800 online of 52200; handle of lan, minh and hoa
                "availability_pct": 100 * 46800 / 52200,
                "availability_online_seconds": 46800.0,
                "availability_logged_in_seconds": 52200.0,
                # lan's handling on her online days: C01 210 + C05 600
                "occupancy_pct": 100 * 810 / 46800,
                "occupancy_handle_seconds": 810.0,
                "occupancy_online_seconds": 46800.0,
                "conversations_per_agent_day_value": 10 / 11,
                "conversations_per_agent_day_conversations": 10,
                "conversations_per_agent_day_agent_days": 11,
                "retention_rate_pct": NOT_SPLIT,
                "retention_rate_retained": NOT_SPLIT,
                "retention_rate_count": NOT_SPLIT,
            },
            "support-us": {
                "team_name": "US Support",
                # C08 C13 C14 C15 C16
                "conversations_count": 5,
                # C15 90, C16 59400, C14 234000
                "first_response_time_median": 59400.0,
                "first_response_time_mean": 293490 / 3,  # 97830
                "first_response_time_p90": 59400 + 0.8 * (234000 - 59400),  # 199080
                "first_response_time_count": 3,
                # C15 90, C16 1800 (Tue 16:45-17:00 + Wed 09:00-09:15 EDT), C14 7200 (Fri
                # 16:00-17:00 EST + Mon 09:00-10:00 EDT: the Monday hour counts in EDT)
                "first_response_business_time_median": 1800.0,
                "first_response_business_time_mean": 9090 / 3,  # 3030
                "first_response_business_time_p90": 1800 + 0.8 * (7200 - 1800),  # 6120
                "first_response_business_time_count": 3,
                # C15 600, C13 665, C16 2100, C08 3600, C14 10800
                "resolution_business_time_median": 2100.0,
                "resolution_business_time_mean": 17765 / 5,  # 3553
                "resolution_business_time_p90": 3600 + 0.6 * (10800 - 3600),  # 7920
                "resolution_business_time_count": 5,
                # C14 C15 C16 met (C16 exactly at its due time)
                "sla_first_response_pct": 100.0,
                "sla_first_response_met": 3,
                "sla_first_response_breached": 0,
                "sla_first_response_count": 3,
                # no CES answer: no value, not 0
                "ces_mean": None,
                "ces_count": 0,
                # C15 8 (passive), C14 3 (detractor)
                "nps_score": -50.0,
                "nps_promoters": 0,
                "nps_passives": 1,
                "nps_detractors": 1,
                "nps_count": 2,
                "availability_pct": 100 * 43200 / 46800,
                "availability_online_seconds": 43200.0,
                "availability_logged_in_seconds": 46800.0,
                # amy's handling on her online days: C13 660 on 03-09
                "occupancy_pct": 100 * 660 / 43200,
                "occupancy_handle_seconds": 660.0,
                "occupancy_online_seconds": 43200.0,
                "conversations_per_agent_day_value": 5 / 6,
                "conversations_per_agent_day_conversations": 5,
                "conversations_per_agent_day_agent_days": 6,
                "retention_rate_pct": NOT_SPLIT,
                "retention_rate_retained": NOT_SPLIT,
                "retention_rate_count": NOT_SPLIT,
            },
        },
    )


def test_by_channel(data: KpiData) -> None:
    kpis = [
        "conversations",
        "first_response_time",
        "talk_time",
        "abandonment_rate",
        "sla_first_response",
        "nps",
        "availability",
        "retention_rate",
    ]
    not_split = {
        "availability_pct": NOT_SPLIT,
        "availability_online_seconds": NOT_SPLIT,
        "availability_logged_in_seconds": NOT_SPLIT,
        "retention_rate_pct": NOT_SPLIT,
        "retention_rate_retained": NOT_SPLIT,
        "retention_rate_count": NOT_SPLIT,
    }
    no_calls = {
        "talk_time_median": None,
        "talk_time_mean": None,
        "talk_time_p90": None,
        "talk_time_count": 0,
        "abandonment_rate_pct": None,
        "abandonment_rate_abandoned": 0,
        "abandonment_rate_count": 0,
    }

    check(
        table(data, "channel", kpis=kpis),
        "channel",
        {
            "chat": {
                # C01 C02 C06 C07 C15 C16 C18
                "conversations_count": 7,
                # 90, 120, 29700, 59400, 220500 (sum 309810)
                "first_response_time_median": 29700.0,
                "first_response_time_mean": 309810 / 5,
                "first_response_time_p90": 59400 + 0.6 * (220500 - 59400),  # 156060
                "first_response_time_count": 5,
                **no_calls,
                # C01 C15 C16 C18 met; C02 late, C06 overdue; C07 no verdict
                "sla_first_response_pct": 100 * 4 / 6,
                "sla_first_response_met": 4,
                "sla_first_response_breached": 2,
                "sla_first_response_count": 6,
                # one passive answer (C15 8): a real 0, with its count
                "nps_score": 0.0,
                "nps_promoters": 0,
                "nps_passives": 1,
                "nps_detractors": 0,
                "nps_count": 1,
                **not_split,
            },
            "email": {
                "conversations_count": 3,  # C03 C08 C14
                "first_response_time_median": (147600 + 234000) / 2,
                "first_response_time_mean": (147600 + 234000) / 2,
                "first_response_time_p90": 147600 + 0.9 * (234000 - 147600),  # 225360
                "first_response_time_count": 2,
                **no_calls,
                "sla_first_response_pct": 100.0,
                "sla_first_response_met": 2,
                "sla_first_response_breached": 0,
                "sla_first_response_count": 2,
                # C03 9, C14 3
                "nps_score": 0.0,
                "nps_promoters": 1,
                "nps_passives": 0,
                "nps_detractors": 1,
                "nps_count": 2,
                **not_split,
            },
            "facebook": {
                "conversations_count": 1,  # C05
                "first_response_time_median": 600.0,
                "first_response_time_mean": 600.0,
                "first_response_time_p90": 600.0,
                "first_response_time_count": 1,
                **no_calls,
                "sla_first_response_pct": 100.0,
                "sla_first_response_met": 1,
                "sla_first_response_breached": 0,
                "sla_first_response_count": 1,
                "nps_score": None,
                "nps_count": 0,
                **not_split,
            },
            "phone": {
                "conversations_count": 6,  # C09 C10 C11 C12 C13 C19
                "first_response_time_median": None,
                "first_response_time_mean": None,
                "first_response_time_p90": None,
                "first_response_time_count": 0,
                "talk_time_median": 495.0,
                "talk_time_mean": 445.0,
                "talk_time_p90": 607.0,
                "talk_time_count": 4,
                "abandonment_rate_pct": 25.0,
                "abandonment_rate_abandoned": 1,
                "abandonment_rate_count": 4,
                # calls have no first-response clock: nothing counted, no value
                "sla_first_response_pct": None,
                "sla_first_response_met": 0,
                "sla_first_response_breached": 0,
                "sla_first_response_count": 0,
                # C09 10, C10 7
                "nps_score": 50.0,
                "nps_promoters": 1,
                "nps_passives": 1,
                "nps_detractors": 0,
                "nps_count": 2,
                **not_split,
            },
            "zalo": {
                "conversations_count": 2,  # C04 C17
                "first_response_time_median": 690.0,  # 180, 1200
                "first_response_time_mean": 690.0,
                "first_response_time_p90": 180 + 0.9 * (1200 - 180),  # 1098
                "first_response_time_count": 2,
                **no_calls,
                "sla_first_response_pct": 100.0,
                "sla_first_response_met": 2,
                "sla_first_response_breached": 0,
                "sla_first_response_count": 2,
                # no NPS answer on Zalo: no score, not 0
                "nps_score": None,
                "nps_promoters": 0,
                "nps_passives": 0,
                "nps_detractors": 0,
                "nps_count": 0,
                **not_split,
            },
        },
    )


def _day(number: int) -> date:
    return date(2026, 3, number)


def test_by_day_every_day_of_the_range_with_empty_days_null(data: KpiData) -> None:
    rows = table(
        data,
        "day",
        kpis=["conversations", "first_response_time", "abandonment_rate", "availability"],
    )

    assert [row["day"] for row in rows] == [FIRST_DAY + timedelta(days=n) for n in range(14)]
    by_day = {row["day"]: row for row in rows}
    # (conversations, first response median and count, abandonment % and calls offered,
    #  availability % and online seconds); Hanoi days
    expected = {
        # C01, C09; lan online 30600 of 34200 (hoa's day has no presence)
        _day(2): (2, 120.0, 1, 0.0, 1, 100 * 30600 / 34200, 30600.0),
        # C04, C08 (22:00 in Hanoi); lan's night shift 22:00-24:00
        _day(3): (2, 180.0, 1, None, 0, 100.0, 7200.0),
        # C05; lan 9000 online, 1800 away after midnight
        _day(4): (1, 600.0, 1, None, 0, 100 * 9000 / 10800, 9000.0),
        # C07 (bot), C11 (short abandon: not offered); no agent at all that day
        _day(5): (2, None, 0, None, 0, None, None),
        # C02; minh handled it but has no presence: no availability
        _day(6): (1, 220500.0, 1, None, 0, None, 0.0),
        # C12 abandoned after 40 s; C14 (Friday 16:00 in New York)
        _day(7): (2, 234000.0, 1, 100.0, 1, None, 0.0),
        # no conversation; amy's 5 h over the clock change
        _day(8): (0, None, 0, None, 0, 100.0, 18000.0),
        # C03, C13; amy 20:00-23:00 online, 23:00-24:00 away
        _day(9): (2, 147600.0, 1, 0.0, 1, 75.0, 10800.0),
        # the holiday: no conversation; amy's afternoon in New York
        _day(10): (0, None, 0, None, 0, 100.0, 14400.0),
        # C10 (call), C15 90, C16 59400 (Tuesday afternoon in New York)
        _day(11): (3, (90 + 59400) / 2, 2, 0.0, 1, None, 0.0),
        _day(12): (1, 1200.0, 1, None, 0, None, 0.0),  # C17
        _day(13): (1, None, 0, None, 0, None, 0.0),  # C19, outbound
        _day(14): (1, None, 0, None, 0, None, None),  # C06, no reply, no agent
        _day(15): (1, 29700.0, 1, None, 0, None, 0.0),  # C18
    }
    names = (
        "conversations_count",
        "first_response_time_median",
        "first_response_time_count",
        "abandonment_rate_pct",
        "abandonment_rate_count",
        "availability_pct",
        "availability_online_seconds",
    )
    wrong = {
        day: differences(by_day[day], dict(zip(names, values, strict=True)))
        for day, values in expected.items()
    }
    assert {day: diff for day, diff in wrong.items() if diff} == {}
    assert sum(row["conversations_count"] for row in rows) == 19


def test_by_week_with_the_retention_cohort_of_the_week_before(data: KpiData) -> None:
    rows = table(data, "week", kpis=["conversations", "retention_rate", "churn_rate"])

    check(
        rows,
        "week",
        {
            # cohort: active in the week of 02-23 (kh-01 X3, kh-04 X1, us-02 X2); back in the
            # week of 03-02: kh-01 only
            _day(2): {
                "conversations_count": 10,
                "retention_rate_pct": 100 / 3,
                "retention_rate_retained": 1,
                "retention_rate_count": 3,
                "churn_rate_pct": 200 / 3,
                "churn_rate_churned": 2,
                "churn_rate_count": 3,
            },
            # cohort: active in the week of 03-02: kh-01, kh-02, kh-03, kh-05, us-01 and the two
            # callers; back in the week of 03-09: kh-01 (an order on 03-11), kh-02 (C10),
            # kh-03 (C03, C18)
            _day(9): {
                "conversations_count": 9,
                "retention_rate_pct": 300 / 7,
                "retention_rate_retained": 3,
                "retention_rate_count": 7,
                "churn_rate_pct": 400 / 7,
                "churn_rate_churned": 4,
                "churn_rate_count": 7,
            },
        },
    )


def test_retention_by_week_judges_only_whole_weeks_that_are_over(data: KpiData) -> None:
    """A week cut by the range's first day, or not over at `as_of`, has no cohort to judge
    (cxqa.kpis.table._cohort_statement); its conversation KPIs count the asked days."""
    kpis = ["conversations", "retention_rate", "churn_rate"]
    cut = table(data, "week", kpis=kpis, first=_day(4))
    # Friday 03-13 12:00 in Hanoi: the week of 03-09 is not over
    early = table(data, "week", kpis=kpis, as_of=datetime(2026, 3, 13, 5, 0, tzinfo=UTC))
    week_of_2 = {
        "retention_rate_pct": 100 / 3,
        "retention_rate_retained": 1,
        "retention_rate_count": 3,
        "churn_rate_pct": 200 / 3,
    }
    week_of_9 = {
        "retention_rate_pct": 300 / 7,
        "retention_rate_retained": 3,
        "retention_rate_count": 7,
        "churn_rate_pct": 400 / 7,
    }
    not_judged = {"retention_rate_pct": None, "churn_rate_pct": None}

    check(
        cut,
        "week",
        {
            # Wednesday 03-04 to Sunday: C05, C07, C11, C02, C12, C14 (not C01 C04 C08 C09)
            _day(2): {"conversations_count": 6, **not_judged},
            _day(9): {"conversations_count": 9, **week_of_9},
        },
    )
    check(
        early,
        "week",
        {
            _day(2): {"conversations_count": 10, **week_of_2},
            _day(9): {"conversations_count": 9, **not_judged},
        },
    )
    # a week that is not judged has a cohort (3 customers for the week of 03-02, 7 for that
    # of 03-09) that is not evaluated: "0 of 0" would claim an empty cohort, so no value
    not_judged_counts = [
        (row["retention_rate_retained"], row["retention_rate_count"], row["churn_rate_count"])
        for row in (cut[0], early[1])
    ]
    assert not_judged_counts == [(None, None, None), (None, None, None)]


def test_by_tag_counts_a_conversation_under_each_of_its_tags(data: KpiData) -> None:
    rows = table(data, "tag", kpis=["conversations", "response_time", "csat", "availability"])

    def tag(count: int, waits: tuple[float, float, float, int], csat: tuple[Any, int, int]) -> Any:
        median, mean, p90, waited = waits
        pct, satisfied, answers = csat
        return {
            "conversations_count": count,
            "response_time_median": median,
            "response_time_mean": mean,
            "response_time_p90": p90,
            "response_time_count": waited,
            "csat_pct": pct,
            "csat_satisfied": satisfied,
            "csat_count": answers,
            "availability_pct": NOT_SPLIT,
        }

    none: Any = (None, None, None, 0)
    # untagged C11, C12, C13 and C18 are in no group
    check(
        rows,
        "tag",
        {
            "account": tag(1, none, (None, 0, 0)),  # C08: no reply, no survey
            "bao_hanh": tag(2, none, (100.0, 1, 1)),  # calls C09 (CSAT 4), C19
            # C14 234000; C15 90, 60; C16 59400; CSAT C14 1, C15 4
            "billing": tag(3, (29745.0, 293550 / 4, 59400 + 0.7 * 174600, 4), (50.0, 1, 2)),
            "bot": tag(2, (180.0, 180.0, 180.0, 1), (100.0, 1, 1)),  # C04, C07
            # C02 220500, C10 none, C17 1200 and 60; CSAT C02 2, C17 5
            "doi_tra": tag(3, (1200.0, 221760 / 3, 1200 + 0.8 * 219300, 3), (50.0, 1, 2)),
            # C01 120, 90; C05 600, 300; CSAT 5 and 3
            "giao_hang": tag(2, (210.0, 277.5, 300 + 0.7 * 300, 4), (50.0, 1, 2)),
            "hoan_tien": tag(1, (147600.0, 147600.0, 147600.0, 1), (None, 0, 0)),  # C03
            "hoi_hang": tag(1, none, (None, 0, 0)),  # C06, not answered yet
            "phi_ship": tag(1, (180.0, 180.0, 180.0, 1), (100.0, 1, 1)),  # C04
            "vip": tag(1, (630.0, 630.0, 60 + 0.9 * 1140, 2), (100.0, 1, 1)),  # C17
        },
    )


def test_by_agent_occupancy_and_availability(data: KpiData) -> None:
    kpis = [
        "conversations",
        "handle_time",
        "availability",
        "occupancy",
        "conversations_per_agent_day",
    ]
    rows = table(data, "agent", kpis=kpis)

    def presence(online: float | None, logged_in: float | None, handle: float | None) -> Any:
        return {
            "availability_pct": 100 * online / logged_in if online and logged_in else None,
            "availability_online_seconds": online,
            "availability_logged_in_seconds": logged_in,
            "occupancy_pct": 100 * handle / online if handle and online else None,
            "occupancy_handle_seconds": handle,
            "occupancy_online_seconds": online,
        }

    check(
        rows,
        "agent",
        {
            "amy.chen": {
                "agent_name": "Amy Chen",
                "conversations_count": 5,  # C08 C13 C14 C15 C16
                "handle_time_mean": 1410 / 4,  # 660, 300, 150, 300 (C08: nobody replied)
                "handle_time_count": 4,
                **presence(43200.0, 46800.0, 660.0),  # C13 on 03-09 only
                "conversations_per_agent_day_value": 5 / 6,
                "conversations_per_agent_day_conversations": 5,
                "conversations_per_agent_day_agent_days": 6,
            },
            "hoa.le": {
                "agent_name": "Lê Thị Hoa",
                # C09, C19 (C10's first leg was hers, but C10 ended with minh)
                "conversations_count": 2,
                "handle_time_mean": 360.0,  # 540, 180
                "handle_time_count": 2,
                # no presence events: no availability and no occupancy, not 0 %
                **presence(0.0, 0.0, None),
                "conversations_per_agent_day_value": 1.0,
                "conversations_per_agent_day_conversations": 2,
                "conversations_per_agent_day_agent_days": 2,
            },
            "lan.nguyen": {
                "agent_name": "Nguyễn Thị Lan",
                "conversations_count": 4,  # C01 C03 C05 C17
                "handle_time_mean": 1470 / 4,  # 210, 300, 600, 360
                "handle_time_count": 4,
                **presence(46800.0, 52200.0, 810.0),  # C01 on 03-02, C05 on 03-04
                # 03-02, 03-03 (night shift only), 03-04, 03-09, 03-12
                "conversations_per_agent_day_value": 0.8,
                "conversations_per_agent_day_conversations": 4,
                "conversations_per_agent_day_agent_days": 5,
            },
            "minh.tran": {
                "agent_name": "Trần Văn Minh",
                "conversations_count": 4,  # C02 C04 C10 C18
                "handle_time_mean": 1540 / 4,  # 300, 180, 760, 300
                "handle_time_count": 4,
                **presence(0.0, 0.0, None),
                "conversations_per_agent_day_value": 1.0,
                "conversations_per_agent_day_conversations": 4,
                "conversations_per_agent_day_agent_days": 4,
            },
            # C06, C07, C11, C12 have no agent: no agent-days at all
            None: {
                "agent_name": None,
                "conversations_count": 4,
                "handle_time_mean": None,
                "handle_time_count": 0,
                **presence(None, None, None),
                "conversations_per_agent_day_value": None,
                "conversations_per_agent_day_conversations": None,
                "conversations_per_agent_day_agent_days": None,
            },
        },
    )


def test_by_priority(data: KpiData) -> None:
    rows = table(data, "priority", kpis=["conversations", "reopen_rate"])

    check(
        rows,
        "priority",
        {
            # C05 (reopened) and C14
            "high": {"conversations_count": 2, "reopen_rate_pct": 50.0, "reopen_rate_count": 2},
            # the other 14 resolved, none reopened
            "normal": {"conversations_count": 17, "reopen_rate_pct": 0.0, "reopen_rate_count": 14},
        },
    )


def test_filtered_by_segment(data: KpiData) -> None:
    kpis = ["conversations", "first_response_time", "csat", "retention_rate", "availability"]
    [row] = table(data, kpis=kpis, filters=[("segment", "vip")])

    # vip customers: kh-01 (C01, C05), kh-09 (C17), us-03 (C15); kh-04 only before the range
    assert (
        differences(
            row,
            {
                "conversations_count": 4,
                # 90, 120, 600, 1200
                "first_response_time_median": 360.0,
                "first_response_time_mean": 502.5,
                "first_response_time_p90": 600 + 0.7 * 600,  # 1020
                "first_response_time_count": 4,
                # 5, 3, 4, 5
                "csat_pct": 75.0,
                "csat_satisfied": 3,
                "csat_count": 4,
                # the vip cohort: kh-01 (back), kh-04 (not)
                "retention_rate_pct": 50.0,
                "retention_rate_retained": 1,
                "retention_rate_count": 2,
                # presence has no customer segment
                "availability_pct": NOT_SPLIT,
                "availability_online_seconds": NOT_SPLIT,
            },
        )
        == {}
    )


def _is_a_count(kpi: Kpi, figure: Figure) -> bool:
    """How many rows were counted or met a condition: 0 when there are none. Every other
    figure (medians, means, percentages, scores, sums of a ratio) has no value then."""
    if figure.name == f"{kpi.name}_count":
        return True
    return kpi.kind in (Kind.RATE, Kind.NPS) and figure.unit is Unit.COUNT


def test_a_range_without_data_has_no_values_and_zero_counts(data: KpiData) -> None:
    [row] = table(data, first=date(2026, 4, 6), last=date(2026, 4, 12))

    expected = {
        figure.name: 0 if _is_a_count(kpi, figure) else None
        for kpi in KPIS
        for figure in kpi.figures
    }
    assert differences(row, expected) == {}


def test_an_empty_day_has_no_values_and_zero_counts(data: KpiData) -> None:
    """03-08 (Sunday) and 03-10 (the holiday) have no conversation, only amy's presence: the
    day rows exist, and a conversation KPI has zero counts and no values there."""
    kpis = [kpi for kpi in KPIS if kpi.source in (Source.CONVERSATIONS, Source.WAITS)]
    rows = {row["day"]: row for row in table(data, "day", kpis=[kpi.name for kpi in kpis])}

    expected = {
        figure.name: 0 if _is_a_count(kpi, figure) else None
        for kpi in kpis
        for figure in kpi.figures
    }
    # as SQL over no rows gives: counts 0, and no median or mean of replies or transfers
    assert differences(rows[_day(8)], expected) == {}
    assert differences(rows[_day(10)], expected) == {}
