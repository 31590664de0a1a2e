import datetime as dt

from science4peace.lib.access import AccessRule, ContributionFact, PledgeState, decide
from science4peace.lib.periods import Period

D = dt.date
ECAL = ContributionFact(
    "detector",
    "ECAL construction",
    Period(D(2008, 1, 1), D(2012, 12, 31)),
    True,
    frozenset({"member"}),
)
ACCEPTED = PledgeState(2, 2, D(2026, 3, 1))


def codes(decision):
    return [r.code for r in decision.reasons]


def test_confirmed_contribution_and_pledge_grant_access_with_reasons():
    decision = decide(
        rule=AccessRule(),
        contributions=[ECAL],
        pledge=ACCEPTED,
        completion=D(2041, 12, 31),
        today=D(2026, 11, 22),
    )
    assert decision.allowed
    assert [(r.code, r.detail) for r in decision.reasons] == [
        (
            "contribution",
            {
                "kind": "detector",
                "description": "ECAL construction",
                "from": "2008-01-01",
                "to": "2012-12-31",
            },
        ),
        ("until", {"until": "2041-12-31"}),
        ("pledge-accepted", {"version": "2", "on": "2026-03-01"}),
    ]


def test_old_pledge_version_is_not_enough():
    decision = decide(
        rule=AccessRule(),
        contributions=[ECAL],
        pledge=PledgeState(3, 2),
        completion=None,
        today=D(2026, 11, 22),
    )
    assert (decision.allowed, codes(decision)) == (False, ["pledge-missing"])


def test_unconfirmed_contribution_gives_no_access():
    pending = ContributionFact("analysis", "x", Period(D(2020, 1, 1)), False)
    decision = decide(
        rule=AccessRule(),
        contributions=[pending],
        pledge=ACCEPTED,
        completion=None,
        today=D(2026, 1, 1),
    )
    assert (decision.allowed, codes(decision)) == (False, ["no-contribution"])


def test_rule_by_type_role_and_period():
    rule = AccessRule(frozenset({"software"}), frozenset(), None)
    assert not decide(
        rule=rule, contributions=[ECAL], pledge=ACCEPTED, completion=None, today=D(2026, 1, 1)
    ).allowed
    rule = AccessRule(frozenset(), frozenset({"engineer"}), None)
    assert not decide(
        rule=rule, contributions=[ECAL], pledge=ACCEPTED, completion=None, today=D(2026, 1, 1)
    ).allowed
    rule = AccessRule(frozenset(), frozenset(), D(2010, 1, 1))
    assert not decide(
        rule=rule, contributions=[ECAL], pledge=ACCEPTED, completion=None, today=D(2026, 1, 1)
    ).allowed


def test_access_ends_with_the_collaboration():
    decision = decide(
        rule=AccessRule(),
        contributions=[ECAL],
        pledge=ACCEPTED,
        completion=D(2025, 12, 31),
        today=D(2026, 1, 1),
    )
    assert (decision.allowed, codes(decision)) == (False, ["completed"])
