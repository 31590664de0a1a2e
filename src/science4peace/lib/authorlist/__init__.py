"""Collaboration author lists: a model, parsers, equal-treatment policies, renderers and an
audit. Framework-free: plain dataclasses in and out."""

from .model import Affiliation, Author, AuthorList, AuthorListError, Organisation

__all__ = ["Affiliation", "Author", "AuthorList", "AuthorListError", "Organisation"]
