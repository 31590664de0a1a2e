"""The demo's papers acknowledge real-sounding funders, so every output with a place for
them shows one, under every policy."""

import pytest
from django.core.management import call_command

from science4peace.lib.authorlist.formats import render_many
from science4peace.lib.authorlist.policy import prepare
from science4peace.papers.domain.queries import to_authorlist
from science4peace.papers.models import Paper

pytestmark = pytest.mark.django_db
WITH_A_PLACE = {
    "revtex": "We acknowledge the support of ",
    "elsarticle": "We acknowledge the support of ",
    "jheppub": "We acknowledge the support of ",
    "jinstpub": "We acknowledge the support of ",
    "epjc": "We acknowledge the support of ",
    "aastex631": "We acknowledge the support of ",
    "mnras": "We acknowledge the support of ",
    "aa": "We acknowledge the support of ",
    "authors-xml": "<!-- Funding agencies acknowledged: ",
    "json": '"funding": [\n  "',
}


def test_every_demo_paper_acknowledges_funders_in_every_format_with_a_place():
    call_command("load_demo")
    papers = list(Paper.objects.select_related("collaboration").order_by("pk"))
    assert len(papers) == 2
    for paper in papers:
        authorlist = to_authorlist(paper)
        for policy in ("names-only", "names-orcid", "equal-affiliations"):
            outputs = render_many(authorlist, list(WITH_A_PLACE), policy, allow_invalid_ids=True)
            missing = [f for f, text in WITH_A_PLACE.items() if text not in outputs[f]]
            assert (paper.title, policy, missing) == (paper.title, policy, [])
    funding = {
        p.collaboration.name: set(prepare(to_authorlist(p), "names-only").funding) for p in papers
    }
    assert {"DOE", "NSF", "INFN", "MES of Russia"} <= funding["HELIX Collaboration"]
    assert {"MES of Russia", "NRFU", "BMBF", "INSF"} <= funding["Lattice QCD East–West"]
