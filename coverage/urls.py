from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, re_path

from coverage import views
from coverage.views import api as api_views
from coverage.views import charts as layer_views
from coverage.views import classroom, journalist, research
from coverage.views import layers as layers_views
from coverage.views import rows as row_views

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

# Classroom: the lesson page, the printable worksheet and its answer key.
urlpatterns += [
    path("events/<slug:slug>/classroom/", classroom.event_classroom, name="event_classroom"),
    path("events/<slug:slug>/worksheet/", classroom.event_worksheet, name="event_worksheet"),
    path(
        "events/<slug:slug>/worksheet/answers/",
        classroom.event_worksheet_answers,
        name="event_worksheet_answers",
    ),
]

# Research: search, outlet statistics, exports and the read-only JSON API.
# Before outlet_detail, which would otherwise take "stats" for an outlet's slug.
urlpatterns[:0] = [path("outlets/stats/", research.outlet_stats, name="outlet_stats")]
urlpatterns += [
    path("search/", research.search_page, name="search"),
    path("outlets/stats.csv", research.outlet_stats_csv, name="outlet_stats_csv"),
    re_path(
        r"^events/(?P<slug>[-\w]+)/export\.(?P<fmt>csv|json)$",
        research.event_export,
        name="event_export",
    ),
    re_path(r"^export/events\.(?P<fmt>csv|json)$", research.export_all, name="export_all"),
    path("api/v1/", api_views.index, name="api_index"),
    path("api/v1/events/", api_views.events, name="api_events"),
    path("api/v1/events/<slug:slug>/", api_views.event, name="api_event"),
    path(
        "api/v1/events/<slug:slug>/assertions/",
        api_views.event_assertions,
        name="api_event_assertions",
    ),
    path(
        "api/v1/events/<slug:slug>/articles/<int:article_id>/",
        api_views.article,
        name="api_article",
    ),
    path("api/v1/outlets/", api_views.outlets, name="api_outlets"),
    path("api/v1/outlets/<slug:slug>/", api_views.outlet, name="api_outlet"),
]

# Journalists: the explainer, its Markdown copy, and the matrix for other sites' iframes.
urlpatterns += [
    path("events/<slug:slug>/explainer/", journalist.event_explainer, name="event_explainer"),
    path(
        "events/<slug:slug>/explainer.md",
        journalist.event_explainer_markdown,
        name="event_explainer_markdown",
    ),
    path("events/<slug:slug>/embed/", journalist.event_embed, name="event_embed"),
]

# Media-literacy layers: who republishes whom, and the matrix as charts.
urlpatterns += [
    path(
        "events/<slug:slug>/layers/syndication/",
        layer_views.event_syndication,
        name="event_syndication",
    ),
    path("events/<slug:slug>/layers/charts/", layer_views.event_charts, name="event_charts"),
]

# The matrix page's permalinks: one row with every outlet's cell.
urlpatterns += [
    path(
        "events/<slug:slug>/rows/<int:assertion_id>/",
        row_views.assertion_detail,
        name="assertion_detail",
    ),
]

# Media-literacy layers: sources and wording.
urlpatterns += [
    path("events/<slug:slug>/layers/sources/", layers_views.event_sources, name="event_sources"),
    path("events/<slug:slug>/layers/wording/", layers_views.event_wording, name="event_wording"),
]
