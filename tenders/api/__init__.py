"""The tenders API: `opportunities` (the REST API, /api/v1/) and `ocds` (the open-data feed,
/api/ocds/)."""
