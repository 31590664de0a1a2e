from science4peace import settings
from tests.conftest import ROOT


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "configuration.md").read_text()
    missing = [s.env for s in settings.TABLE if f"`{s.env}`" not in doc]
    assert missing == []


def test_documented_settings_exist():
    import re

    doc = (ROOT / "docs" / "configuration.md").read_text()
    documented = set(re.findall(r"`(S4P_[A-Z_]+)`", doc))
    assert documented - {s.env for s in settings.TABLE} == set()


def test_bad_boolean_setting_names_the_variable(monkeypatch):
    import pytest

    monkeypatch.setenv("S4P_DEBUG", "maybe")
    with pytest.raises(ValueError, match="S4P_DEBUG: expected a boolean"):
        settings.TABLE[1].read()
