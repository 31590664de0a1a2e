"""Django's SQLite backend with the commit hook of ``science4peace.core.db``."""
