import pytest

from science4peace.lib.review_assignment import Uncoverable, assign, normalise_keywords, weight


def _loads(pairs):
    found = {}
    for _s, r in pairs:
        found[r] = found.get(r, 0) + 1
    return found


def test_every_submission_gets_k_reviewers_within_the_load_preferring_weights():
    subs, revs = [1, 2, 3, 4], [10, 20, 30]
    weights = {(s, r): 0.0 for s in subs for r in revs}
    weights[(1, 10)] = 3.0
    weights[(2, 20)] = 3.0
    del weights[(3, 30)]  # a conflict
    result = assign(subs, revs, weights, k=2, max_load=3)
    by_sub = {s: sorted(r for t, r in result.pairs if t == s) for s in subs}
    assert all(len(v) == 2 for v in by_sub.values())
    assert max(_loads(result.pairs).values()) <= 3
    assert (3, 30) not in result.pairs
    assert {(1, 10), (2, 20)} <= set(result.pairs)
    assert result.bound >= result.objective - 1e-6


def test_balance_spreads_the_load_when_weights_tie():
    subs, revs = list(range(1, 7)), [10, 20, 30]
    result = assign(subs, revs, {(s, r): 1.0 for s in subs for r in revs}, k=1, max_load=6)
    assert sorted(_loads(result.pairs).values()) == [2, 2, 2]


def test_too_few_reviewers_without_conflict_names_the_submissions():
    weights = {(1, 10): 1.0, (1, 20): 1.0, (2, 10): 1.0}
    with pytest.raises(Uncoverable) as error:
        assign([1, 2], [10, 20], weights, k=2, max_load=5)
    assert (str(error.value), error.value.submissions) == (
        "Too few reviewers without a conflict for submissions 2",
        [2],
    )


def test_reviewers_shared_by_too_many_submissions_are_found_by_the_slack_lp():
    # submissions 1-3 can each only be reviewed by 10 and 20, who take one each
    weights = {(s, r): 1.0 for s in (1, 2, 3) for r in (10, 20)} | {(4, 30): 1.0, (4, 40): 1.0}
    with pytest.raises(Uncoverable) as error:
        assign([1, 2, 3, 4], [10, 20, 30, 40], weights, k=1, max_load=1)
    assert len(error.value.submissions) == 1
    assert set(error.value.submissions) <= {1, 2, 3}
    assert str(error.value).startswith("The reviewers without a conflict cannot cover submissions ")


def test_total_capacity_short_is_explained():
    with pytest.raises(Uncoverable) as error:
        assign([1, 2], [10], {(1, 10): 0.0, (2, 10): 0.0}, k=1, max_load=1)
    assert str(error.value) == "2 reviews are needed but the reviewers can take 1"


def test_weights_from_keywords_and_bids():
    shared = normalise_keywords("Jets, open  Data") & normalise_keywords(["open data", "QCD"])
    assert (shared, weight(len(shared), "eager"), weight(0, "not_willing")) == (
        frozenset({"open data"}),
        3.0,
        -2.0,
    )
