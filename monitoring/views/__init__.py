"""Monitoring pages, one module per part of the journey."""
