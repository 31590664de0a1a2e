from .records import Record, RecordFacet, RecordFile, RecordRelation, RecordVersion

__all__ = ["Record", "RecordFacet", "RecordFile", "RecordRelation", "RecordVersion"]
