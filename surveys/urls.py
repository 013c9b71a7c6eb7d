from django.urls import path
from django.views.generic import RedirectView

from surveys.views import answering, discussions, preview, public, results, tsm

app_name = "surveys"

urlpatterns = [
    path("", public.index, name="index"),
    # Letters' codes are typed in at /code/ (messaging); this address is easy to guess from here.
    path("code/", RedirectView.as_view(pattern_name="letter_code")),
    path("surveys/<slug:slug>/", public.survey_detail, name="survey"),
    path("surveys/<slug:slug>/start/", public.survey_start, name="survey_start"),
    # Personal links: the token is the key, so they work without signing in.
    path("s/<str:token>/", answering.answer_start, name="answer"),
    path("s/<str:token>/your-tenancy/", answering.answer_tenancy, name="answer_tenancy"),
    path("s/<str:token>/page/<int:number>/", answering.answer_page, name="answer_page"),
    path("s/<str:token>/check-your-answers/", answering.answer_check, name="answer_check"),
    path("s/<str:token>/saved/", answering.answer_saved, name="answer_saved"),
    path("s/<str:token>/thank-you/", answering.answer_done, name="answer_done"),
    # "You said, we did" is now the decisions register, for every way residents told us.
    path("you-said-we-did/", RedirectView.as_view(pattern_name="decisions:register", permanent=True)),
    # The yearly consultation moved to its own app: old links (letters, bookmarks) still arrive.
    path(
        "community-projects/",
        RedirectView.as_view(pattern_name="community_projects:index", permanent=True),
        name="community_projects",
    ),
    path("tenant-satisfaction/", tsm.tenant_satisfaction, name="tenant_satisfaction"),
    path("discussions/", discussions.topics, name="topics"),
    path("discussions/house-rules/", public.house_rules, name="house_rules"),
    path("discussions/new/", discussions.new_topic, name="new_topic"),
    path("discussions/<int:pk>/", discussions.topic, name="topic"),
    path("discussions/<int:pk>/reply/", discussions.reply, name="reply"),
    path("discussions/posts/<int:pk>/report/", discussions.report, name="report_post"),
    # Staff only.
    path("results/<int:pk>/", results.results, name="results"),
    path("preview/<int:pk>/", preview.preview_start, name="preview"),
    path("preview/<int:pk>/page/<int:number>/", preview.preview_page, name="preview_page"),
    path("preview/<int:pk>/check-your-answers/", preview.preview_end, name="preview_end"),
    path("results/<int:pk>/questions/<int:question_id>/answers/", results.results_text, name="results_text"),
    path("results/<int:pk>/responses.csv", results.export_csv, name="export_csv"),
    path("results/<int:pk>/responses.xlsx", results.export_xlsx, name="export_xlsx"),
    path("tenant-satisfaction/<int:pk>/preview/", tsm.tenant_satisfaction_preview, name="tsm_preview"),
    path("tenant-satisfaction/<int:pk>/return.csv", tsm.tenant_satisfaction_csv, name="tsm_csv"),
    path("tenant-satisfaction/<int:pk>/return.xlsx", tsm.tenant_satisfaction_xlsx, name="tsm_xlsx"),
]
