"""Conversations and the facts recorded about them: messages, call legs, events, surveys."""
