"""Teams (time zone, business hours, holidays) and agents (with their status events)."""
