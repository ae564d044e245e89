"""Entries for this app."""
