from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from commissioning.views import home
from core import views as core_views

handler400 = "core.views.error_400"
handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"

urlpatterns = [
    path("", home, name="home"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("healthz/", core_views.liveness, name="liveness"),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("commissioning.urls")),
    path("", include("providers.urls")),
    path("", include("tenders.urls")),
    path("bids/", include("tenders.urls_bids")),
    path("", include("engagement.urls")),
    path("", include("evaluation.urls")),
    path("", include("monitoring.urls")),
    path("", include("reports.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/ocds/", include("config.ocds_urls")),
    path("api/hsds/", include("config.hsds_urls")),
    path("api/360giving/", include("evaluation.api.threesixty_urls")),
    path("api/instruments/", include("monitoring.instrument_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
