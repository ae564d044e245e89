"""The panels API (/api/v1/panels/, /api/v1/letters/) and the public 360Giving feed."""
