import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
django_application = get_wsgi_application()

# Import the URLconf, and so every view, now rather than on the first request: with
# ``S4P_PRELOAD`` this happens once in gunicorn's master, before the workers are forked.
# Heavy libraries (SciPy, Matplotlib, fpdf2) are imported only by the views that use them.
from django.urls import get_resolver  # noqa: E402

from science4peace.core.interfaces.pagecache import FastPath  # noqa: E402

get_resolver().url_patterns  # noqa: B018

# Public pages that anonymous visitors share are answered from the shared cache before
# Django's request handling starts (core/interfaces/pagecache.py).
application = FastPath(django_application)
