from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from coverage import views

urlpatterns = [
    path("", views.event_list, name="event_list"),
    # Before event_detail, which would take "new" for a slug (services reserves it).
    path("events/new/", views.event_create, name="event_create"),
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
    path("accounts/login/", views.login, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += [
    path("outlets/", views.outlet_list, name="outlet_list"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet_detail"),
    path("outlets/<slug:slug>/edit/", views.outlet_edit, name="outlet_edit"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

urlpatterns += [
    path("events/<slug:slug>/edit/", views.event_edit, name="event_edit"),
    path("events/<slug:slug>/history/", views.event_history, name="event_history"),
    path(
        "events/<slug:slug>/history/<int:revision_id>/undo/",
        views.revision_undo,
        name="revision_undo",
    ),
    path(
        "events/<slug:slug>/assertions/<int:assertion_id>/",
        views.assertion_edit,
        name="assertion_edit",
    ),
    path(
        "events/<slug:slug>/assertions/<int:assertion_id>/split/",
        views.assertion_split,
        name="assertion_split",
    ),
    path(
        "events/<slug:slug>/assertions/<int:assertion_id>/merge/",
        views.assertion_merge,
        name="assertion_merge",
    ),
    path(
        "events/<slug:slug>/assertions/<int:assertion_id>/move/",
        views.assertion_move,
        name="assertion_move",
    ),
    path(
        "events/<slug:slug>/assertions/<int:assertion_id>/delete/",
        views.assertion_delete,
        name="assertion_delete",
    ),
    path(
        "events/<slug:slug>/assertions/<int:assertion_id>/history/",
        views.assertion_history,
        name="assertion_history",
    ),
]
