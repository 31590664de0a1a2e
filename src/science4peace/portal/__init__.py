"""The top of the house: the home page and the demo loader. It may import every app; no app
imports it (docs/development.md, "Layers")."""
