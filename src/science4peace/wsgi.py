import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
application = get_wsgi_application()

# Import the URLconf, and so every view, now rather than on the first request: with
# ``S4P_PRELOAD`` this happens once in gunicorn's master, before the workers are forked.
# Heavy libraries (SciPy, Matplotlib, fpdf2) are imported only by the views that use them.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
