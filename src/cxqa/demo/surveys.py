"""Survey answers that follow from what the customer went through.

One latent satisfaction (1-5) per conversation drives CSAT, NPS and CES alike, so the three agree
with each other and with the behaviour QA reviewers will see in the transcript.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from cxqa.demo.plan import Plan
from cxqa.ingest.schemas import Channel, SurveyKind, SurveyRecord

# A first reply slower than this starts to cost satisfaction (phones: time in queue).
PATIENCE = {
    Channel.PHONE: 60.0,
    Channel.CHAT: 120.0,
    Channel.FACEBOOK: 600.0,
    Channel.ZALO: 600.0,
    Channel.EMAIL: 8 * 3600.0,
}
RESPONSE_RATE = {Channel.PHONE: 0.3}  # post-call IVR survey; written channels: WRITTEN_RATE
WRITTEN_RATE = 0.38
NPS_RATE = 0.12
CES_RATE = 0.1
COMMENT_RATE = 0.4


@dataclass(frozen=True)
class Experience:
    """What happened, measured from the stamped conversation rather than from the plan."""

    first_wait: float  # seconds until an agent first replied (phones: answered)
    held: float  # seconds on hold
    resolved: bool
    done_at: datetime  # resolution or end of the call


def _satisfaction(plan: Plan, seen: Experience) -> tuple[float, str]:
    """Latent score and the main reason behind it, for the comment."""
    agent = plan.final_agent
    penalties: dict[str, float] = {}
    slowness = seen.first_wait / PATIENCE[plan.channel]
    if slowness > 1:
        penalties["slow"] = min(1.6, 0.5 * slowness)
    if agent.curt or plan.agent.curt:
        penalties["curt"] = 1.4
    if not seen.resolved:
        penalties["unresolved"] = 1.4
    if plan.upset and not plan.apologizes:
        penalties["no_apology"] = 0.7
    penalties["manners"] = 0.25 * (not plan.greets) + 0.35 * (not plan.closes)
    penalties["hold"] = min(0.6, seen.held / 300)
    penalties["transfer"] = 0.3 if plan.handover else 0.0
    penalties["repeat"] = 0.4 if plan.arrival.repeat_of else 0.0
    bonus = 0.3 if agent.archetype in ("excellent", "resolver") else 0.0
    score = 4.9 + bonus - sum(penalties.values())
    return score, max(penalties, key=lambda k: penalties[k])


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _comment(plan: Plan, csat: int, reason: str, rng: random.Random) -> str | None:
    """Happy customers praise; unhappy ones name the main cause; the middle shrugs."""
    if rng.random() >= COMMENT_RATE:
        return None
    comments = plan.book.survey_comments
    if csat >= 4:
        lines = comments["great"]
    elif csat == 3 or reason not in comments:
        lines = comments["meh"]
    else:
        lines = comments[reason]
    return rng.choice(lines).format_map({"agent": plan.final_agent.given})


def surveys(
    plan: Plan, seen: Experience, cutoff: datetime, rng: random.Random
) -> list[SurveyRecord]:
    """The answers the customer gave, if they answered, all before `cutoff`."""
    rate = RESPONSE_RATE.get(plan.channel, WRITTEN_RATE) + (0.08 if plan.upset else 0.0)
    if rng.random() >= rate:
        return []
    latent, reason = _satisfaction(plan, seen)
    latent += rng.gauss(0, 0.55)
    answered = seen.done_at + timedelta(seconds=rng.uniform(40, 6 * 3600))
    if answered >= cutoff:
        return []
    csat = _clamp(latent, 1, 5)
    found = [
        SurveyRecord(
            type=SurveyKind.CSAT, score=csat, at=answered, comment=_comment(plan, csat, reason, rng)
        )
    ]
    if rng.random() < NPS_RATE:
        nps = (latent - 1) * 2.5 + rng.gauss(0, 1.2)
        found.append(SurveyRecord(type=SurveyKind.NPS, score=_clamp(nps, 0, 10), at=answered))
    if rng.random() < CES_RATE:
        ces = 1 + (latent - 1) * 1.5 + rng.gauss(0, 0.8)
        found.append(SurveyRecord(type=SurveyKind.CES, score=_clamp(ces, 1, 7), at=answered))
    return found
