"""Importing conversations: the canonical record format, file adapters and the bulk writer."""
