from surveys.models.discussions import Post, PostReport, Topic
from surveys.models.responses import Answer, Invitation, Response, ResponseChannel
from surveys.models.surveys import Choice, Question, Section, Survey

__all__ = [
    "Answer",
    "Choice",
    "Invitation",
    "Post",
    "PostReport",
    "Question",
    "Response",
    "ResponseChannel",
    "Section",
    "Survey",
    "Topic",
]
