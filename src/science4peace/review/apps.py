from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "science4peace.review"
    label = "review"
    verbose_name = "Calls for abstracts and review"
