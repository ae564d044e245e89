"""Writes for events, split by what they change (each module's docstring says what)."""
