"""Django's "hello world", the floor ``public_pages.py`` compares with: one view answering a
short text, the middleware of a new ``django-admin startproject``, no database. Served by the
same gunicorn command line as ``s4p serve`` (``science4peace.cli.gunicorn_argv``)."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="hello-world-floor-benchmark-only",  # noqa: S106  (no secret: a benchmark)
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    DATABASES={},
    USE_TZ=True,
)


def hello(request):
    return HttpResponse("Hello, world.")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
