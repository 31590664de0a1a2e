"""API schemas of the book of abstracts and the audit of the outcome."""

from __future__ import annotations

from ninja import Field, Schema


class OutcomeGroupOut(Schema):
    key: str = Field(
        description='M49 region or sub-region name, "first" or "returning"; "" unknown'
    )
    label: str
    submitted: int | None = Field(description="None when the group is suppressed")
    accepted: int | None
    rate: float | None = Field(description="accepted / submitted, from 0 to 1")
    suppressed: bool


class OutcomeAuditOut(Schema):
    submitted: int
    accepted: int
    rate: float | None
    min_group: int = Field(description="Groups with fewer submissions are suppressed")
    regions: list[OutcomeGroupOut]
    subregions: list[OutcomeGroupOut]
    history: list[OutcomeGroupOut]


def file_response(media_type: str, description: str) -> dict:
    return {
        "responses": {
            200: {
                "description": description,
                "content": {media_type: {"schema": {"type": "string"}}},
            }
        }
    }
