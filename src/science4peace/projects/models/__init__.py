from .profiles import ProfileTerm, ResearchProfile
from .projects import Project, ProjectMember, ProjectPaper, ProjectTerm

__all__ = [
    "ProfileTerm",
    "Project",
    "ProjectMember",
    "ProjectPaper",
    "ProjectTerm",
    "ResearchProfile",
]
