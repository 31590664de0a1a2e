from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "science4peace.people"
    label = "people"
    verbose_name = "People"
