"""Forms for the event page: adding a row and judging a cell by hand."""

from __future__ import annotations

from django import forms

from coverage.models import Sentence, Stance


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
