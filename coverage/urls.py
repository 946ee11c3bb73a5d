"""The site's addresses, one list per area, each included once below (as healthchecks'
hc/front/urls.py does). The event pages share the prefix ``events/<slug>/``."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from coverage.views import (
    accounts,
    api,
    articles,
    cells,
    classroom,
    curation,
    events,
    health,
    history,
    journalist,
    layers,
    outlets,
    research,
    rows,
)

event_urls = [
    path("", events.event_detail, name="event_detail"),
    path("assertions/", events.assertion_create, name="assertion_create"),
    path("analyse/", events.analysis_start, name="analysis_start"),
    path("analyses/<int:run_id>/", events.analysis_status, name="analysis_status"),
    path("rows/<int:assertion_id>/", rows.assertion_detail, name="assertion_detail"),
    path("cells/<int:assertion_id>/<slug:outlet_slug>/", cells.cell_detail, name="cell_detail"),
    path("stances/<int:stance_id>/", cells.stance_update, name="stance_update"),
    re_path(r"^export\.(?P<fmt>csv|json)$", research.event_export, name="event_export"),
]

article_urls = [
    path("<int:article_id>/", articles.article_detail, name="article_detail"),
    path("add/", articles.article_add, name="article_add"),
    path("add/paste/", articles.article_paste, name="article_paste"),
    path("add/upload/", articles.article_upload, name="article_upload"),
    path("add/links/", articles.article_links, name="article_links"),
    path("add/feed/", articles.feed_items, name="feed_items"),
    path("add/feed/import/", articles.feed_import, name="feed_import"),
]

curation_urls = [
    path("edit/", curation.event_edit, name="event_edit"),
    path("assertions/<int:assertion_id>/", curation.assertion_edit, name="assertion_edit"),
    path(
        "assertions/<int:assertion_id>/split/",
        curation.assertion_split,
        name="assertion_split",
    ),
    path(
        "assertions/<int:assertion_id>/merge/",
        curation.assertion_merge,
        name="assertion_merge",
    ),
    path("assertions/<int:assertion_id>/move/", curation.assertion_move, name="assertion_move"),
    path(
        "assertions/<int:assertion_id>/delete/",
        curation.assertion_delete,
        name="assertion_delete",
    ),
    path("history/", history.event_history, name="event_history"),
    path("history/<int:revision_id>/undo/", history.revision_undo, name="revision_undo"),
    path(
        "assertions/<int:assertion_id>/history/",
        history.assertion_history,
        name="assertion_history",
    ),
]

reading_urls = [
    path("classroom/", classroom.event_classroom, name="event_classroom"),
    path("worksheet/", classroom.event_worksheet, name="event_worksheet"),
    path(
        "worksheet/answers/",
        classroom.event_worksheet_answers,
        name="event_worksheet_answers",
    ),
    path("explainer/", journalist.event_explainer, name="event_explainer"),
    path(
        "explainer.md",
        journalist.event_explainer_markdown,
        name="event_explainer_markdown",
    ),
    path("embed/", journalist.event_embed, name="event_embed"),
]

layer_urls = [
    path("sources/", layers.event_sources, name="event_sources"),
    path("wording/", layers.event_wording, name="event_wording"),
    path("syndication/", layers.event_syndication, name="event_syndication"),
    path("charts/", layers.event_charts, name="event_charts"),
]

outlet_urls = [
    path("", outlets.outlet_list, name="outlet_list"),
    # Before outlet_detail, which would take "stats" for an outlet's slug.
    path("stats/", research.outlet_stats, name="outlet_stats"),
    path("stats.csv", research.outlet_stats_csv, name="outlet_stats_csv"),
    path("<slug:slug>/", outlets.outlet_detail, name="outlet_detail"),
    path("<slug:slug>/edit/", outlets.outlet_edit, name="outlet_edit"),
    path("<slug:slug>/fill/", outlets.outlet_fill_from_list, name="outlet_fill_from_list"),
]

account_urls = [
    path("login/", accounts.login, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

api_urls = [
    path("", api.index, name="api_index"),
    path("events/", api.events, name="api_events"),
    path("events/<slug:slug>/", api.event, name="api_event"),
    path("events/<slug:slug>/assertions/", api.event_assertions, name="api_event_assertions"),
    path("events/<slug:slug>/articles/<int:article_id>/", api.article, name="api_article"),
    path("outlets/", api.outlets, name="api_outlets"),
    path("outlets/<slug:slug>/", api.outlet, name="api_outlet"),
]

research_urls = [
    path("search/", research.search_page, name="search"),
    re_path(r"^export/events\.(?P<fmt>csv|json)$", research.export_all, name="export_all"),
]

urlpatterns = [
    path("", events.event_list, name="event_list"),
    # Before the event pages, which would take "new" for a slug (services reserves it).
    path("events/new/", curation.event_create, name="event_create"),
    path("events/<slug:slug>/", include(event_urls)),
    path("events/<slug:slug>/articles/", include(article_urls)),
    path("events/<slug:slug>/", include(curation_urls)),
    path("events/<slug:slug>/", include(reading_urls)),
    path("events/<slug:slug>/layers/", include(layer_urls)),
    path("outlets/", include(outlet_urls)),
    path("accounts/", include(account_urls)),
    path("api/v1/", include(api_urls)),
    path("", include(research_urls)),
    path("healthz", health.healthz, name="healthz"),
]
