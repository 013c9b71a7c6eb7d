from django.urls import path

from engagement.ballots import views

app_name = "ballots"

urlpatterns = [
    path("", views.ballots, name="list"),
    path("<slug:slug>/", views.ballot, name="ballot"),
    path("<slug:slug>/vote/", views.vote, name="vote"),
    path("<slug:slug>/voted/", views.voted, name="voted"),
    path("<slug:slug>/landlord-offer/", views.landlord_offer, name="landlord_offer"),
    path("<slug:slug>/residents-charter/", views.residents_charter, name="residents_charter"),
]
