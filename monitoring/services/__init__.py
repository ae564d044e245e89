"""Writes for monitoring, one module per part of the domain."""
