"""Media types and file endings of the author-list downloads (pages and API)."""

CONTENT_TYPES = {
    "revtex": ("text/x-tex", "tex"),
    "elsarticle": ("text/x-tex", "tex"),
    "jheppub": ("text/x-tex", "tex"),
    "jinstpub": ("text/x-tex", "tex"),
    "epjc": ("text/x-tex", "tex"),
    "aastex631": ("text/x-tex", "tex"),
    "mnras": ("text/x-tex", "tex"),
    "aa": ("text/x-tex", "tex"),
    "arxiv": ("text/plain", "txt"),
    "authors-xml": ("application/xml", "xml"),
    "csv": ("text/csv", "csv"),
    "json": ("application/json", "json"),
}
