import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weiquan.settings")
application = get_wsgi_application()

# Web processes only (gunicorn and runserver load this module; commands and tests do not):
# build the message screener now, beside the first requests, not inside the first POST
# /messages.
from weiquan.screening.screener import warm_up_in_background  # noqa: E402

warm_up_in_background()
