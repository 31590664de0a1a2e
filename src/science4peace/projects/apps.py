from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "science4peace.projects"
    label = "projects"
    verbose_name = "Projects on open data"

    def ready(self) -> None:
        # A record's catalog page lists the projects that use it; the catalog imports no app.
        from science4peace.catalog.domain.queries import register_record_users
        from science4peace.projects.domain.queries import projects_using

        register_record_users(projects_using)
