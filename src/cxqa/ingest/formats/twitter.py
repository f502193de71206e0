"""Pieces shared by the Twitter adapters (twcs, ibm-twitter-care): agent signatures and rosters.

Brand accounts tweet as one handle ("AppleSupport"); the person behind a reply is only named by
the signature many brands append, such as "^JK", "-Anna" or "*TW". See docs/formats/twcs.md.
"""

from __future__ import annotations

import re

from cxqa.ingest.formats.base import Item, Parsed, ReadContext, validate_record

# Dropped before looking for a signature: brands often sign, then attach a link or number the
# tweet of a series ("-Anna https://t.co/x", "-Anna 2/2").
_TRAILING_EXTRAS = re.compile(r"(?:\s+(?:https?://\S+|\d+/\d+))+\s*$")
# A marker (^ ~ / * or a dash) right after a space, the start or a sentence end, then one word.
# Requiring that left neighbour rules out "T-Mobile", ":-D", "and/or" and paths inside URLs.
_SIGNATURE = re.compile(r"(?:^|(?<=[\s.!?]))(?P<mark>[\^~/*\-–—]) ?(?P<word>[^\W\d_]+)$")
_MAX_INITIALS = 3
_MAX_NAME = 25
# Capitalised words that end tweets after a dash without being anyone's name.
_NOT_NAME_WORDS = """
    thanks thank thx ty cheers regards best love sorry please hi hello hey enjoy ok okay yes no
    welcome soon today tomorrow tonight again everyone all team help support noon midnight
    mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday
    sunday jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
    july august september october november december
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
# Short all-capital words that are abbreviations, not initials.
_ABBREVIATIONS = "DM PM AM OK US UK USA TV ID PS PC FAQ FYI LOL ETA UTC GMT EST EDT CST CDT PST PDT"
_NOT_INITIALS = frozenset(_ABBREVIATIONS.split())


def unescape_tweet(text: str) -> str:
    """Undo the three entities Twitter's API writes into text (&amp; last, for "&amp;lt;")."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def agent_signature(text: str) -> str | None:
    """The initials or first name a brand agent signed the tweet with, e.g. "JK" or "Anna"."""
    text = text.rstrip()
    if "/" in text:  # links and "2/2" both hold one; the regex is the slow part of a read
        text = _TRAILING_EXTRAS.sub("", text)
    # Searching only the tail is enough for "^" + " " + a name and keeps long tweets cheap.
    match = _SIGNATURE.search(text, max(0, len(text) - _MAX_NAME - 8))
    if match is None:
        return None
    word = match["word"]
    if word.isupper():
        # One letter only after a rare marker: "^T" signs a tweet, "-A" may be "plan -A".
        shortest = 2 if match["mark"] in "-–—" else 1
        is_initials = shortest <= len(word) <= _MAX_INITIALS and word not in _NOT_INITIALS
        return word if is_initials else None
    is_name = word[0].isupper() and len(word) <= _MAX_NAME and word.lower() not in _NOT_NAMES
    return word if is_name else None


def agent_key(team: str, signature: str) -> str:
    """Signatures are only unique within one brand: "JK" at Apple is not "JK" at Delta."""
    return f"{team}:{signature}"


def customer_record(screen_name: str) -> dict[str, object]:
    return {"id": f"twitter:{screen_name}", "channel_ids": {"twitter": screen_name}}


class Roster:
    """Teams and agents already emitted in this read, so each comes once, before first use."""

    def __init__(self, context: ReadContext) -> None:
        self._context = context
        self._teams: set[str] = set()
        # key -> whether its record was accepted; a rejected agent is reported once, not per tweet
        self._agents: dict[str, bool] = {}

    def team(self, team: str, line: int) -> list[Item]:
        if team in self._teams:
            return []
        self._teams.add(team)
        record = {"type": "team", "id": team, "create_only": True}
        return validate_record(record, line, self._context)

    def agent(self, team: str, signature: str, line: int) -> tuple[str | None, list[Item]]:
        """The agent's key (None when its record was rejected) and the records to emit first."""
        key = agent_key(team, signature)
        if key in self._agents:
            return (key if self._agents[key] else None), []
        items = self.team(team, line)
        record = {"type": "agent", "id": key, "name": signature, "team": team, "create_only": True}
        created = validate_record(record, line, self._context)
        self._agents[key] = all(isinstance(item, Parsed) for item in created)
        return (key if self._agents[key] else None), items + created
