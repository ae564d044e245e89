"""The public instrument endpoints at /api/instruments/ (outside the versioned, signed-in API)."""

from django.urls import path

from monitoring import api

urlpatterns = [
    path("", api.InstrumentListView.as_view(), name="api_instruments"),
    path("<slug:code>/score/", api.InstrumentScoreView.as_view(), name="api_instrument_score"),
]
