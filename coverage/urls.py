from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from coverage import views

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/assertions/", views.assertion_create, name="assertion_create"),
    path("events/<slug:slug>/analyse/", views.analysis_start, name="analysis_start"),
    path(
        "events/<slug:slug>/analyses/<int:run_id>/", views.analysis_status, name="analysis_status"
    ),
    path(
        "events/<slug:slug>/cells/<int:assertion_id>/<slug:outlet_slug>/",
        views.cell_detail,
        name="cell_detail",
    ),
    path("events/<slug:slug>/stances/<int:stance_id>/", views.stance_update, name="stance_update"),
    path(
        "events/<slug:slug>/articles/<int:article_id>/",
        views.article_detail,
        name="article_detail",
    ),
    path("events/<slug:slug>/articles/add/", views.article_add, name="article_add"),
    path("events/<slug:slug>/articles/add/paste/", views.article_paste, name="article_paste"),
    path("events/<slug:slug>/articles/add/upload/", views.article_upload, name="article_upload"),
    path("events/<slug:slug>/articles/add/links/", views.article_links, name="article_links"),
    path("events/<slug:slug>/articles/add/feed/", views.feed_items, name="feed_items"),
    path("events/<slug:slug>/articles/add/feed/import/", views.feed_import, name="feed_import"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
]
