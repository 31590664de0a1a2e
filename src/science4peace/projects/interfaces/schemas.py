from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from science4peace.core.interfaces.types import CHOICES, BodyIn, ObjectId, Text
from science4peace.papers.models import Paper
from science4peace.projects.models import Project

TermText = Field(max_length=60)


class ProjectOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    open_for_members: bool
    auto_accept: bool
    created: dt.datetime
    member_count: int = 0
    terms: list[str] = Field(
        description="What the project is about and looks for, as kind:value "
        "(subject, keyword, skill, experiment)."
    )

    @staticmethod
    def resolve_terms(obj: Project | dict) -> list[str]:
        if isinstance(obj, dict):
            return list(obj["terms"])
        return [t.term for t in obj.terms.all()]


class ProjectDetailOut(ProjectOut):
    description: str
    records: list[int] = Field(description="Record IDs (recids) of the catalog records used.")
    members: list[ProjectMemberOut]
    papers: list[int]


class ProjectIn(BodyIn):
    title: Text = Field(min_length=1, max_length=200)
    kind: Annotated[Project.Kind, CHOICES]
    description: Text = Field("", max_length=20000)
    open_for_members: bool = True
    auto_accept: bool = False
    records: list[ObjectId] = Field(default=[], max_length=200)
    subjects: list[Text] = Field(default=[], max_length=40, description="arXiv subject classes")
    keywords: list[Text] = Field(default=[], max_length=40)
    skills: list[Text] = Field(default=[], max_length=40)


class ProjectMemberOut(Schema):
    person: int = Field(alias="person_id")
    name: str
    role: str
    status: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.person)


class JoinIn(BodyIn):
    message: Text = Field("", max_length=500)


class ProjectPaperIn(BodyIn):
    title: Text = Field(min_length=1, max_length=300)
    policy: Annotated[Paper.Policy, CHOICES] = Paper.Policy.EQUAL_AFFILIATIONS


class PaperStartedOut(Schema):
    paper: int
    authors: int


class InterestsIO(BodyIn):
    subjects: list[Text] = Field(default=[], max_length=40)
    keywords: list[Text] = Field(default=[], max_length=40)
    skills: list[Text] = Field(default=[], max_length=40)
    experiments: list[Text] = Field(default=[], max_length=40)
    suggestable: bool = True


class SuggestedProjectOut(Schema):
    project: int
    title: str
    score: float
    reasons: list[str]


class SuggestedPersonOut(Schema):
    person: int
    name: str
    score: float
    reasons: list[str]


ProjectDetailOut.model_rebuild()
