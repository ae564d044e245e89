"""The WSGI application for gunicorn.

Each worker loads the URLconf (and with it every app's views, serializers and the chart
libraries they import) while it boots, before it accepts a connection: otherwise the first
request each worker serves after a deploy or a restart waits seconds for those imports.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every URL's views now, not on a request
