from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "science4peace.portal"
    label = "portal"
    verbose_name = "Portal"
