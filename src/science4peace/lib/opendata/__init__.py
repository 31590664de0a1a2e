"""CERN Open Data portal records: reading, schema validation and search tokens, framework-free."""
