from .records import (
    Record,
    RecordFacet,
    RecordFile,
    RecordRelation,
    RecordSearch,
    RecordVersion,
)

__all__ = [
    "Record",
    "RecordFacet",
    "RecordFile",
    "RecordRelation",
    "RecordSearch",
    "RecordVersion",
]
