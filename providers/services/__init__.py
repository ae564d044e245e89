"""Writes for the provider directory, one module per thing changed."""
