import pytest
from hypothesis import given
from hypothesis import strategies as st

from science4peace.lib.matching import (
    EXPERIMENT,
    KEYWORD,
    SKILL,
    SUBJECT,
    InvertedIndex,
    Profile,
    Suggestion,
    Term,
    TermError,
    normalise,
    rank,
    split,
    terms_of,
)

HEP_PH = Term(SUBJECT, "hep-ph")
HEP_EX = Term(SUBJECT, "hep-ex")
JETS = Term(KEYWORD, "jets")
CMS = Term(EXPERIMENT, "CMS")
ROOT = Term(SKILL, "root")


def test_subject_classes_are_canonical_whatever_the_case():
    assert [normalise(SUBJECT, v) for v in ["HEP-PH", " astro-ph.co ", "physics.Data-An"]] == [
        "hep-ph",
        "astro-ph.CO",
        "physics.data-an",
    ]


def test_unknown_subject_class_is_named_in_the_error():
    with pytest.raises(TermError, match="'hep-xx' is not an arXiv subject class"):
        normalise(SUBJECT, "hep-xx")


@pytest.mark.parametrize(
    ("raw", "message"),
    [("", "empty term"), ("a\x00b", "NUL"), ("x" * 61, "longer than 60")],
)
def test_bad_keywords_are_refused_with_a_reason(raw, message):
    with pytest.raises(TermError, match=message):
        normalise(KEYWORD, raw)


def test_keywords_fold_case_and_spaces_and_experiments_keep_their_spelling():
    assert terms_of(KEYWORD, ["Jet  Substructure", "jet substructure", "ROOT"]) == [
        Term(KEYWORD, "jet substructure"),
        Term(KEYWORD, "root"),
    ]
    assert terms_of(EXPERIMENT, ["LHCb"]) == [Term(EXPERIMENT, "LHCb")]


def test_split_reads_commas_semicolons_and_lines():
    assert split("jets, ROOT;unfolding\n\n b-tagging ,") == [
        "jets",
        "ROOT",
        "unfolding",
        "b-tagging",
    ]


def test_term_keys_round_trip():
    assert Term.from_key(Term(KEYWORD, "a:b").key) == Term(KEYWORD, "a:b")
    with pytest.raises(TermError):
        Term.from_key("colour:red")


def test_shared_rare_terms_outrank_shared_common_ones():
    index = InvertedIndex.build(
        [
            Profile(1, frozenset({HEP_PH})),
            Profile(2, frozenset({HEP_PH, JETS})),
            Profile(3, frozenset({HEP_PH, JETS, CMS})),
            Profile(4, frozenset({HEP_EX})),
        ]
    )
    found = index.suggest({HEP_PH, JETS, CMS}, limit=3)
    assert [(s.key, s.reasons) for s in found] == [
        (3, (CMS, JETS, HEP_PH)),
        (2, (JETS, HEP_PH)),
        (1, (HEP_PH,)),
    ]


def test_no_shared_term_no_suggestion_and_excluded_keys_stay_out():
    index = InvertedIndex.build([Profile(1, frozenset({HEP_PH})), Profile(2, frozenset({ROOT}))])
    assert [s.key for s in index.suggest({HEP_PH, ROOT}, exclude={1})] == [2]
    assert index.suggest({HEP_EX}) == []


def test_ties_go_to_the_smaller_key():
    postings = {JETS: [9, 4, 7]}
    assert [s.key for s in rank({JETS}, postings, 10, limit=2)] == [4, 7]


terms = st.sampled_from([HEP_PH, HEP_EX, JETS, CMS, ROOT, Term(KEYWORD, "unfolding")])
profiles = st.lists(st.frozensets(terms, max_size=4), max_size=30)


@given(profiles, st.frozensets(terms, min_size=1, max_size=4))
def test_index_agrees_with_scoring_every_profile_by_hand(sets, query):
    index = InvertedIndex.build(Profile(k, t) for k, t in enumerate(sets))
    found = index.suggest(query, limit=len(sets) or 1)
    expected = {k for k, t in enumerate(sets) if t & query}
    assert {s.key for s in found} == expected
    assert all(set(s.reasons) == sets[s.key] & query for s in found)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert all(isinstance(s, Suggestion) for s in found)
