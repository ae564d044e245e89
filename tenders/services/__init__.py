"""Writes for opportunities, one module per concern."""
