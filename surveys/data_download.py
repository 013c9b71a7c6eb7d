"""The resident's own sounding-board data for “download my data”.

Anonymous survey answers are not linked to the resident, so they are not here.
"""

from engagement.models import Resident
from surveys.models import Answer, Invitation, Post, PostReport, Topic


def survey_answers(resident: Resident) -> list[dict]:
    answers = (
        Answer.objects.filter(response__resident=resident, response__survey__is_anonymous=False)
        .select_related("question", "choice", "response__survey")
        .order_by("response__submitted_at", "question__section__position", "question__position", "position")
    )
    rows = []
    for answer in answers:
        if answer.choice is None:
            given = answer.text
        elif answer.question.kind == "ranking":
            given = f"{answer.position}. {answer.choice.label}"
        else:
            given = f"{answer.choice.label}: {answer.text}" if answer.text else answer.choice.label
        rows.append(
            {
                "survey": answer.response.survey.title,
                "question": answer.question.text,
                "answer": given,
                "sent_at": answer.response.submitted_at,
            }
        )
    return rows


def discussion_posts(resident: Resident) -> list[dict]:
    topics = [
        {
            "discussion": topic.title,
            "what": "Started the discussion",
            "text": topic.body,
            "status": topic.get_status_display(),
            "posted_at": topic.created_at,
        }
        for topic in Topic.objects.filter(started_by_resident=resident)
    ]
    posts = [
        {
            "discussion": post.topic.title,
            "what": "Reply",
            "text": post.body,
            "status": post.get_status_display(),
            "posted_at": post.created_at,
        }
        for post in Post.objects.filter(resident=resident).select_related("topic")
    ]
    return topics + posts


def posts_reported(resident: Resident) -> list[dict]:
    return [
        {
            "discussion": report.post.topic.title,
            "post": report.post.body,
            "your_reason": report.reason,
            "reported_at": report.created_at,
            "dealt_with_at": report.resolved_at,
        }
        for report in PostReport.objects.filter(reported_by=resident)
        .select_related("post__topic")
        .order_by("created_at")
    ]


def survey_invitations(resident: Resident) -> list[dict]:
    return [
        {"survey": invitation.survey.title, "by": invitation.get_channel_display(), "invited_at": invitation.invited_at}
        for invitation in Invitation.objects.filter(resident=resident).select_related("survey").order_by("invited_at")
    ]
