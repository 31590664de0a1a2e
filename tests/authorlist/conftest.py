import pytest

from science4peace.lib.authorlist.parse import parse
from tests.conftest import AUTHORLISTS, DATA

HARD_CASES = DATA / "hard-cases.json"
LISTS = AUTHORLISTS
OPEN_DATA = DATA / "cernopendata"
DTD = DATA / "authors-xml" / "author.dtd"
REAL = {
    "atlas": LISTS / "atlas_authlist.xml",
    "alice": LISTS / "2021-07-13-Alice_Authorlist_2021-07-13.xml",
    "dune": LISTS / "export_xml_authors_2022-01-25.xml",
}


@pytest.fixture
def hard_cases():
    return parse(HARD_CASES.read_bytes())


@pytest.fixture(scope="session")
def real_lists():
    return {name: parse(path.read_bytes()) for name, path in REAL.items()}
