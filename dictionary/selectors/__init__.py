"""Reads of the dictionary, one sub-module per sub-domain. Only published entries are served.

- `entries`: `published()` (the rule), an entry by term, id or key, its languages, relations
- `lookup`: the hot path (cached, pre-encoded bodies), term keys, batch lookup
- `search`: ranked search; `fuzzy`: the typo index; `suggestions`: autocomplete, did you
  mean, popular terms
- `exporting`, `pipeline`, `stats`: what the export, the growth pipeline and the rollup read

This face is what other apps may use: looking up a term (by term, id or batch), search,
suggestions, related terms and languages, the wire shapes of the rows these return, and the
search key of a typed text (`term_key`, "" for one that normalises to nothing).
"""

from dictionary.normalize import term_key
from dictionary.payloads import entry_payload, feedback_payload, summary_payload
from dictionary.selectors.entries import (
    entry_get,
    entry_languages,
    entry_lookup,
    entry_related,
    translations_of,
)
from dictionary.selectors.lookup import BatchTerm, batch_lookup, id_body, lookup_body, term_keys
from dictionary.selectors.search import SearchPage, entry_search
from dictionary.selectors.suggestions import (
    did_you_mean,
    near_keys,
    popular_terms,
    term_suggestions,
)

__all__ = [
    "BatchTerm",
    "SearchPage",
    "batch_lookup",
    "did_you_mean",
    "entry_get",
    "entry_languages",
    "entry_lookup",
    "entry_payload",
    "entry_related",
    "entry_search",
    "feedback_payload",
    "id_body",
    "lookup_body",
    "near_keys",
    "popular_terms",
    "summary_payload",
    "term_key",
    "term_keys",
    "term_suggestions",
    "translations_of",
]
