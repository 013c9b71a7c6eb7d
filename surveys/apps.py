from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Online sounding board"

    def ready(self):
        from engagement.plugins import register_eraser, register_history, register_involvement, register_section
        from surveys import history, involvement
        from surveys.data_download import discussion_posts, posts_reported, survey_answers, survey_invitations
        from surveys.erasure import surveys_erase

        register_section("Survey answers", survey_answers)
        register_section("Discussion posts", discussion_posts)
        register_section("Discussion posts you reported", posts_reported)
        register_section("Survey invitations", survey_invitations)
        register_eraser(surveys_erase)
        register_involvement("surveys", "Surveys", involvement.responded)
        register_involvement("discussions", "Discussion posts", involvement.posted)
        register_history("surveys", "Named survey answers", history.named_responses, permission="surveys.view_survey")
