"""Text -> index terms, query -> query terms. Pure functions, no database.

Search engines split text on spaces and punctuation. Thai is written without
spaces and Chinese without any separator, so before anything reaches the
engine (at index time *and* at query time, with the same code) we turn text
into space-separated terms:

* Thai runs are segmented with PyThaiNLP's ``newmm`` (offline dictionary).
  A compound that newmm keeps whole (ผ้าไหม) is indexed with its parts too
  (ผ้า, ไหม), so ไหม finds ผ้าไหม and ผ้าไหมทอมือ. Typing สันกำแพง or
  สัน กำแพง gives the same terms.
* Chinese (Han) runs become overlapping character bigrams, plus single
  characters in the index, so 丝绸 finds 丝绸围巾.
* Latin words are case-folded and stemmed (Snowball English), with the
  -ves -> -f plural that Snowball leaves alone: scarves finds scarf.

Everything else (quotes, ``*``, ``:``, ``-``, emoji...) is dropped, which is
also what makes engine operator syntax impossible to inject.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Long queries are cut: nobody types more, and each term costs the engine.
MAX_QUERY_CHARS = 200
MAX_QUERY_UNITS = 10

_RUNS = re.compile(
    r"(?P<thai>[\u0e01-\u0e4e]+)"
    r"|(?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)"
    r"|(?P<word>[^\W_\u0e00-\u0e7f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)"
)
_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e]")

# Dropped on both sides: they are in every description and would make an
# AND query ("scarf of silk") miss. The operator words too (AND, OR, NOT).
ENGLISH_STOPWORDS = frozenset("a an and are as at be by for from in into is it of on or not near the to with".split())


@lru_cache(maxsize=1)
def _thai_words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def _newmm_all(text: str) -> list[str]:
    """newmm's tokens, stray single clusters included."""
    from pythainlp.tokenize import word_tokenize

    return [t for t in word_tokenize(text, engine="newmm", keep_whitespace=False) if t.strip()]


def _newmm(text: str) -> list[str]:
    return [t for t in _newmm_all(text) if _keep_thai(t)]


def _keep_thai(token: str) -> bool:
    # Single clusters (ๆ, stray vowels) carry no meaning and match everything.
    return len(token) >= 2 and bool(_THAI_LETTER.search(token))


@lru_cache(maxsize=20000)
def thai_parts(token: str) -> tuple[str, ...]:
    """The dictionary words a Thai compound is made of:
    ผ้าไหม -> (ผ้า, ไหม); ผ้าพันคอ -> (ผ้า, พันคอ). Only exact covers
    by at least two dictionary words count (fewest pieces, longest first), so
    ไหม is not split into ไห + ม."""
    words = _thai_words()
    n = len(token)
    if n < 4:
        return ()
    # best[i]: fewest dictionary words covering token[i:], as a list.
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for i in range(n - 1, -1, -1):
        for j in range(n, i + 1, -1):  # longest piece first
            piece = token[i:j]
            if (i, j) == (0, n) or best[j] is None or piece not in words or not _keep_thai(piece):
                continue
            candidate = [piece, *best[j]]
            if best[i] is None or len(candidate) < len(best[i]):
                best[i] = candidate
    if not best[0] or len(best[0]) < 2:
        return ()
    # One level only: กระดาษสา -> กระดาษ, สา, not on to กระ + ดาษ, which
    # would make กระ (tortoiseshell) find paper.
    return tuple(dict.fromkeys(best[0]))


def english_keys(word: str) -> tuple[str, ...]:
    """The forms a Latin word is indexed and searched under: itself, its
    Snowball stem, and for -ves plurals the -f stem (scarves -> scarf)."""
    keys = [word]
    if word.isalpha() and len(word) > 2:
        stemmer = _stemmer()
        keys.append(stemmer.stemWord(word))
        if word.endswith("ves") and len(word) > 4:
            keys.append(stemmer.stemWord(word[:-3] + "f"))
    return tuple(dict.fromkeys(keys))


def _han_bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def normalise(text: str) -> str:
    """NFKC (full-width Latin, compatibility forms) and case folding. NFKC
    splits Thai SARA AM (ำ) into NIKHAHIT + SARA AA: put it back, and mend
    the common typing of แ as two เ, so both spellings meet."""
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0e40\u0e40", "\u0e41")


def index_terms(text: str) -> list[str]:
    """Every term ``text`` is indexed under, in order, without repeats."""
    terms: list[str] = []
    for match in _RUNS.finditer(normalise(text)):
        if match.group("thai"):
            for token in _newmm(match.group("thai")):
                terms.append(token)
                terms.extend(thai_parts(token))
        elif match.group("han"):
            run = match.group("han")
            terms.extend(_han_bigrams(run))
            if len(run) > 1:
                terms.extend(run)  # single characters: 丝 alone still finds 丝绸
        else:
            word = match.group("word")
            if word not in ENGLISH_STOPWORDS:
                terms.extend(english_keys(word))
    return list(dict.fromkeys(terms))


def index_text(*texts: str) -> str:
    """What goes into an indexed field: the terms, separated by spaces."""
    return " ".join(index_terms(" \n ".join(t for t in texts if t)))


@dataclass(frozen=True)
class QueryUnit:
    """One thing the visitor asked for. ``surface`` is what they typed (for
    highlighting), ``alternatives`` the term groups that satisfy it: a
    document matches if it has every term of any one group."""

    surface: str
    alternatives: tuple[tuple[str, ...], ...]

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(term for group in self.alternatives for term in group))


def query_units(query: str) -> list[QueryUnit]:
    """A visitor's query as units. Empty for a query with no searchable
    word (empty, only emoji or operators)."""
    units: list[QueryUnit] = []
    text = normalise(query)[:MAX_QUERY_CHARS]
    for match in _RUNS.finditer(text):
        if match.group("thai"):
            for token in _newmm(match.group("thai")):
                parts = thai_parts(token)
                # A compound matches whole, or as all of its top-level parts
                # (documents segmented differently still have the parts).
                alternatives = ((token,), parts) if parts else ((token,),)
                units.append(QueryUnit(token, alternatives))
        elif match.group("han"):
            run = match.group("han")
            units.append(QueryUnit(run, (tuple(_han_bigrams(run)),)))
        else:
            word = match.group("word")
            if word not in ENGLISH_STOPWORDS:
                units.append(QueryUnit(word, tuple((key,) for key in english_keys(word))))
    # The same unit twice adds nothing.
    unique = list({unit.alternatives: unit for unit in units}.values())
    return unique[:MAX_QUERY_UNITS]


@lru_cache(maxsize=1)
def _thai_words_sorted() -> tuple[str, ...]:
    return tuple(sorted(_thai_words()))


def _starts_a_thai_word(prefix: str) -> bool:
    words = _thai_words_sorted()
    i = bisect.bisect_left(words, prefix)
    return i < len(words) and words[i].startswith(prefix)


def _thai_prefix_terms(run: str) -> list[str]:
    """A Thai run whose last word may be unfinished. newmm cuts an
    unfinished word into a word and a stray piece (กาแ -> กา + แ, การบู ->
    การ + บู); searching กา* then suggests การบูร and การเวก before กาแฟ
    (#19). The pieces after the last finished word are joined back to it
    when together they begin a dictionary word: กาแ*, การบู*."""
    tokens = _newmm_all(run)
    if not tokens:
        return []
    words = _thai_words()
    if tokens[-1] not in words:
        # The longest tail of tokens that still begins some word.
        for start in range(len(tokens) - 1):
            joined = "".join(tokens[start:])
            if _starts_a_thai_word(joined):
                tokens = tokens[:start] + [joined]
                break
    head = [t for t in tokens[:-1] if _keep_thai(t)]
    last = tokens[-1]
    return head + [last] if _THAI_LETTER.search(last) else head


def prefix_query_terms(query: str) -> list[str]:
    """Terms for autocomplete: like the query terms, but the last thing typed
    is kept as a prefix (ผ้าไห -> ผ้า, ไห*; กาแ -> กาแ*)."""
    text = normalise(query)[:MAX_QUERY_CHARS]
    runs = list(_RUNS.finditer(text))
    terms: list[str] = []
    for position, match in enumerate(runs):
        if match.group("thai"):
            run = match.group("thai")
            if position == len(runs) - 1:
                terms.extend(_thai_prefix_terms(run) or [run])
            else:
                terms.extend(_newmm(run) or [run])
        elif match.group("han"):
            terms.extend(_han_bigrams(match.group("han")))
        else:
            terms.append(match.group("word"))
    return terms[-MAX_QUERY_UNITS:]
