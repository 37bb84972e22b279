"""Structured editing of an entry's JSON documents: one form field per part of the
definition and metadata, never a raw JSON box. Keys the form does not know (translations,
extra metadata) are kept as they were."""

from __future__ import annotations

from typing import Any

from django import forms

from dictionary.models import DictionaryEntry, ManualReview

LIST_FIELDS = ("categories", "instruments", "related_terms", "synonyms")


class ContentFields(forms.Form):
    concise = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=500, help_text="One or two sentences."
    )
    detailed = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    etymology = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=1500, required=False
    )
    pronunciation = forms.CharField(max_length=200, required=False, help_text="IPA.")
    usage_example = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )
    categories = forms.CharField(max_length=1000, required=False, help_text="Comma-separated.")
    instruments = forms.CharField(max_length=1000, required=False, help_text="Comma-separated.")
    related_terms = forms.CharField(max_length=1000, required=False, help_text="Comma-separated.")
    synonyms = forms.CharField(max_length=1000, required=False, help_text="Comma-separated.")
    wikipedia_url = forms.URLField(max_length=500, required=False, assume_scheme="https")


def initial_from(content: dict[str, Any]) -> dict[str, Any]:
    definition = content.get("definition") or {}
    metadata = content.get("metadata") or {}
    wikipedia = (content.get("references") or {}).get("wikipedia") or {}
    initial = {
        "concise": definition.get("concise", ""),
        "detailed": definition.get("detailed", ""),
        "etymology": definition.get("etymology", ""),
        "pronunciation": (definition.get("pronunciation") or {}).get("ipa", ""),
        "usage_example": definition.get("usage_example", ""),
        "wikipedia_url": wikipedia.get("url", "") if isinstance(wikipedia, dict) else "",
    }
    for name in LIST_FIELDS:
        initial[name] = ", ".join(str(v) for v in metadata.get(name) or [])
    return initial


def content_from(cleaned: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The entry documents from the form, on top of `base` (unknown keys survive)."""
    definition = {**(base.get("definition") or {})}
    definition.update(
        concise=cleaned["concise"].strip(),
        detailed=cleaned["detailed"].strip(),
        etymology=cleaned["etymology"].strip(),
        pronunciation={**(definition.get("pronunciation") or {}), "ipa": cleaned["pronunciation"]},
        usage_example=cleaned["usage_example"].strip(),
    )
    metadata = {**(base.get("metadata") or {})}
    for name in LIST_FIELDS:
        metadata[name] = [v.strip() for v in cleaned[name].split(",") if v.strip()]
    references = {**(base.get("references") or {})}
    if cleaned["wikipedia_url"]:
        references["wikipedia"] = {"url": cleaned["wikipedia_url"]}
    else:
        references.pop("wikipedia", None)
    return {"definition": definition, "metadata": metadata, "references": references}


def _fill(form: forms.BaseForm, content: dict[str, Any]) -> None:
    for name, value in initial_from(content).items():
        form.initial.setdefault(name, value)


class EntryForm(ContentFields, forms.ModelForm):
    class Meta:
        model = DictionaryEntry
        fields = ["term", "lang", "type", "status", "overall_score"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _fill(self, self._content())

    def _content(self) -> dict[str, Any]:
        entry = self.instance
        return {
            "definition": entry.definition or {},
            "metadata": entry.metadata or {},
            "references": entry.references or {},
        }

    def save(self, commit: bool = True) -> DictionaryEntry:
        content = content_from(self.cleaned_data, self._content())
        self.instance.definition = content["definition"]
        self.instance.metadata = content["metadata"]
        self.instance.references = content["references"]
        return super().save(commit=commit)


class ReviewForm(ContentFields, forms.ModelForm):
    """Editing a review item fills its generated content; 'Save and approve' publishes it."""

    class Meta:
        model = ManualReview
        fields = ["type", "reviewer_notes"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _fill(self, self.instance.generated_content or {})

    def content(self) -> dict[str, Any]:
        return content_from(self.cleaned_data, self.instance.generated_content or {})

    def save(self, commit: bool = True) -> ManualReview:
        self.instance.generated_content = self.content()
        return super().save(commit=commit)
