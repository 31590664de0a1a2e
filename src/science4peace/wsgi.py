import gc
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
django_application = get_wsgi_application()

# Import the URLconf, and so every view, now rather than on the first request: with
# ``S4P_PRELOAD`` this happens once in gunicorn's master, before the workers are forked.
# Heavy libraries (SciPy, Matplotlib, fpdf2) are imported only by the views that use them.
from django.conf import settings  # noqa: E402
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines  # noqa: E402
from django.urls import get_resolver  # noqa: E402
from django.utils import translation  # noqa: E402

from science4peace.core.interfaces.pagecache import FastPath  # noqa: E402

get_resolver().url_patterns  # noqa: B018


def _warm() -> None:
    """Load every language's translations and compile the platform's templates once, here
    (in the master, with ``S4P_PRELOAD``), so that a new worker renders its first page as
    fast as its hundredth."""
    for code, _name in settings.LANGUAGES:
        translation.activate(code)
    translation.deactivate()
    engine = engines["django"]
    package = Path(__file__).resolve().parent
    for folder in sorted(package.glob("*/templates")):
        for path in sorted(folder.rglob("*.html")):
            try:
                engine.get_template(str(path.relative_to(folder)))
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue  # an override's name found first elsewhere: compiled when used


_warm()

# Garbage collection, tuned for a process that holds a large, settled heap (Django, every view,
# the compiled templates and translations: about 140,000 objects) and makes tens of thousands
# of short-lived ones per request (a cold timetable or schedule.xml). With Python's defaults a
# full collection walks the whole heap every few such requests and costs the request it falls
# in 50-200 ms. So: what exists now is frozen (moved out of the collector's sight; with
# S4P_PRELOAD this happens in gunicorn's master and the workers inherit it, which also keeps
# those pages shared between the workers instead of copied when the collector touches them),
# and the youngest generation is collected after 10,000 new objects instead of 700, so most
# of a request's objects are freed by reference counting before any collection sees them.
YOUNG_THRESHOLD = 10_000


def settle_heap() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])


settle_heap()

# Public pages that anonymous visitors share are answered from the shared cache before
# Django's request handling starts (core/interfaces/pagecache.py).
application = FastPath(django_application)
