from surveys.models.discussions import Post, PostReport, Topic
from surveys.models.responses import Answer, Invitation, Response, ResponseChannel
from surveys.models.surveys import Choice, Question, Section, Survey
from surveys.models.themes import Theme, WrittenAnswer
from surveys.models.tsm import ManagementInformation, TsmQuestion, TsmSampleMember, TsmSurvey

__all__ = [
    "Answer",
    "Choice",
    "Invitation",
    "ManagementInformation",
    "Post",
    "PostReport",
    "Question",
    "Response",
    "ResponseChannel",
    "Section",
    "Survey",
    "Theme",
    "Topic",
    "TsmQuestion",
    "TsmSampleMember",
    "TsmSurvey",
    "WrittenAnswer",
]
