"""WSGI entry point for every benchmark target: the settings module comes
from DJANGO_SETTINGS_MODULE (bench.shop_settings, bench.oscar_reference_settings
or bench.ceiling_settings), so all three are served by the same gunicorn
command line."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
