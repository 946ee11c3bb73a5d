"""Forms for the event page (adding a row, judging a cell) and for adding articles."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat

from coverage.ingest.importers import UPLOAD_SUFFIXES
from coverage.models import Assertion, Event, Outlet, Sentence, Stance
from coverage.services.events import RESERVED_EVENT_SLUGS


class SearchForm(forms.Form):
    q = forms.CharField(label="Search events", required=False, max_length=200)


class AssertionForm(forms.Form):
    text = forms.CharField(
        label="New assertion",
        max_length=2000,
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": "A factual claim, e.g. “The bridge closed on Monday.”"}
        ),
    )

    def clean_text(self) -> str:
        text = " ".join(self.cleaned_data["text"].split())
        if len(text) < 3:
            raise forms.ValidationError("Write the claim as a short sentence.")
        return text


class StanceForm(forms.Form):
    label = forms.ChoiceField(choices=Stance.Label.choices, widget=forms.RadioSelect)
    hedged = forms.BooleanField(
        required=False, label="Hedged or attributed (“reportedly”, “according to …”)"
    )
    evidence = forms.ModelChoiceField(
        queryset=Sentence.objects.none(), required=False, label="Evidence sentence"
    )
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Note"
    )
    # The cell as the form showed it (services.stance_version), so a save on top of
    # someone else's newer correction is refused and shown instead of replacing it.
    version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, stance: Stance, sentences: list[Sentence], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stance = stance
        self.fields["evidence"].queryset = Sentence.objects.filter(article_id=stance.article_id)
        self.fields["evidence"].choices = [("", "— none —")] + [
            (sentence.pk, f"{sentence.index + 1}. {sentence.text[:140]}") for sentence in sentences
        ]
        self.fields["label"].widget.attrs["id"] = f"stance-{stance.pk}-label"

    def clean(self) -> dict:
        cleaned = super().clean()
        label = cleaned.get("label")
        if label in (Stance.Label.AGREE, Stance.Label.CONTRADICT) and not cleaned.get("evidence"):
            self.add_error("evidence", "Pick the sentence that shows this stance.")
        return cleaned


MAX_LINKS_PER_IMPORT = 10


def _web_address(value: str) -> str:
    """A full http(s) URL; a pasted address without a scheme gets https://."""
    value = value.strip()
    if "://" not in value:
        value = f"https://{value}"
    URLValidator(schemes=["http", "https"])(value)
    return value


class PasteArticleForm(forms.Form):
    outlet = forms.CharField(
        label="Outlet", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    title = forms.CharField(label="Title", max_length=500)
    text = forms.CharField(label="Article text", widget=forms.Textarea(attrs={"rows": 10}))
    url = forms.URLField(label="Web address (optional)", required=False, max_length=2000)
    author = forms.CharField(label="Author (optional)", required=False, max_length=300)
    published_at = forms.DateField(
        label="Published on (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def article(self) -> dict[str, str]:
        """The article in the import_event schema that services.add_articles validates."""
        data = self.cleaned_data
        return {
            "outlet": data["outlet"],
            "title": data["title"],
            "text": data["text"],
            "url": data["url"],
            "author": data["author"],
            "published_at": data["published_at"].isoformat() if data["published_at"] else "",
        }


class UploadArticlesForm(forms.Form):
    file = forms.FileField(
        label="File",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )
    outlet = forms.CharField(
        label="Outlet (for a .txt or .html file)", required=False, max_length=200
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.PARALLAX_MAX_UPLOAD_BYTES)
        self.fields["file"].help_text = f".txt, .html, .json or .csv, up to {limit}"

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        limit = settings.PARALLAX_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the limit is "
                f"{filesizeformat(limit)}. Split it into smaller files."
            )
        return upload


class ArticleLinksForm(forms.Form):
    urls = forms.CharField(
        label="Web addresses of articles, one per line",
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "placeholder": "https://…",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
    )

    def clean_urls(self) -> list[str]:
        urls: list[str] = []
        for number, line in enumerate(self.cleaned_data["urls"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                url = _web_address(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    f"Line {number}, “{line.strip()[:100]}”, is not a web address."
                ) from None
            if url not in urls:
                urls.append(url)
        if len(urls) > MAX_LINKS_PER_IMPORT:
            raise forms.ValidationError(
                f"That is {len(urls)} addresses; add at most {MAX_LINKS_PER_IMPORT} at a time."
            )
        return urls


class FeedSearchForm(forms.Form):
    feed_url = forms.URLField(label="Feed address (RSS or Atom)", max_length=2000)
    keyword = forms.CharField(label="Words to look for (optional)", required=False, max_length=200)
    since = forms.DateField(
        label="Published on or after (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_feed_url(self) -> str:
        return _web_address(self.cleaned_data["feed_url"])


class FeedLinksField(forms.MultipleChoiceField):
    """Links ticked in a feed listing. Any web address is acceptable: each one is fetched
    with the same checks as a link typed by hand."""

    def valid_value(self, value: str) -> bool:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except forms.ValidationError:
            return False
        return True


class FeedChoiceForm(forms.Form):
    links = FeedLinksField(
        label="Items to import",
        error_messages={"required": "Tick at least one item to import."},
    )

    def clean_links(self) -> list[str]:
        links = list(dict.fromkeys(self.cleaned_data["links"]))
        if len(links) > MAX_LINKS_PER_IMPORT:
            raise forms.ValidationError(
                f"You ticked {len(links)} items; import at most {MAX_LINKS_PER_IMPORT} at a time."
            )
        return links


class OutletSearchForm(forms.Form):
    SORTS = {
        "name": "Name",
        "-articles": "Most articles",
        "-events": "Most events",
        "country": "Country",
    }

    q = forms.CharField(label="Search outlets", required=False, max_length=200)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(SORTS.items()))


class OutletForm(forms.ModelForm):
    class Meta:
        model = Outlet
        fields = ["name", "homepage", "country", "language", "ownership_kind", "notes", "aliases"]
        labels = {"ownership_kind": "Ownership"}
        help_texts = {
            "homepage": "e.g. https://www.bbc.co.uk",
            "language": "The language it publishes in, e.g. en, ar, ru.",
            "ownership_kind": "State-controlled: the state directs what it reports.",
        }
        widgets = {
            # The form replaces the details in place; start typing where it appears.
            "name": forms.TextInput(attrs={"autofocus": True}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "aliases": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        # The database refuses names that differ only in case; say so in words.
        taken = Outlet.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"Another outlet is already called “{taken[0].name}”.")
        return name

    def clean_language(self) -> str:
        return self.cleaned_data["language"].strip()


# Curating events and their rows.


class EventForm(forms.ModelForm):
    slug = forms.SlugField(
        label="Web address",
        required=False,
        max_length=200,
        help_text="Lowercase letters, digits and hyphens; leave empty to make one from the title.",
    )

    class Meta:
        model = Event
        fields = ["title", "slug", "summary", "date", "status"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "status": forms.RadioSelect,
        }
        help_texts = {"status": "Drafts are seen only by this event's editors."}

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_EVENT_SLUGS:
            raise forms.ValidationError(f"“{slug}” is reserved; choose another.")
        if slug and Event.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Another event already uses this web address.")
        return slug

    def validate_unique(self) -> None:
        """Slugs are checked in clean_slug; an empty one is filled in when saving."""


class AssertionTextForm(forms.Form):
    text = forms.CharField(
        label="Wording", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_text(self) -> str:
        return _claim(self.cleaned_data["text"])


def _claim(value: str) -> str:
    text = " ".join(value.split())
    if len(text) < 3:
        raise forms.ValidationError("Write the claim as a short sentence.")
    return text


class SplitForm(forms.Form):
    first = forms.CharField(
        label="First part (keeps this row)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    second = forms.CharField(
        label="Second part (a new row below)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_first(self) -> str:
        return _claim(self.cleaned_data["first"])

    def clean_second(self) -> str:
        return _claim(self.cleaned_data["second"])


class MergeForm(forms.Form):
    """Merge other rows into one; the person picks whose wording survives."""

    others = forms.ModelMultipleChoiceField(
        queryset=Assertion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Rows to merge into this one",
        error_messages={"required": "Tick at least one row to merge into this one."},
    )
    wording = forms.ChoiceField(label="Wording to keep", widget=forms.RadioSelect)

    def __init__(self, *args, assertion: Assertion, rows: list[Assertion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.assertion = assertion
        others = [row for row in rows if row.pk != assertion.pk]
        self.fields["others"].queryset = Assertion.objects.filter(
            event_id=assertion.event_id
        ).exclude(pk=assertion.pk)
        self.fields["others"].choices = [(row.pk, row.text) for row in others]
        self.fields["wording"].choices = [(str(assertion.pk), assertion.text)] + [
            (str(row.pk), row.text) for row in others
        ]
        self.initial.setdefault("wording", str(assertion.pk))

    def clean(self) -> dict:
        cleaned = super().clean()
        others = cleaned.get("others")
        wording = cleaned.get("wording")
        if others is not None and wording:
            texts = {str(self.assertion.pk): self.assertion.text} | {
                str(row.pk): row.text for row in others
            }
            if wording not in texts:
                self.add_error("wording", "Pick the wording of this row or of a ticked row.")
            else:
                cleaned["text"] = texts[wording]
        return cleaned


class MoveForm(forms.Form):
    position = forms.IntegerField(label="Move to row", min_value=1)
