"""Django's PostgreSQL backend with the commit hook of ``science4peace.core.db``."""
