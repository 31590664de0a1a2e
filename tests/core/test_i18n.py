import os
import shutil
import subprocess

import polib
import pytest

from tests.conftest import BIN, ROOT

pytestmark = pytest.mark.django_db
LOCALE = ROOT / "src" / "science4peace" / "locale"
LANGUAGES = ["ru", "uk", "ar"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_translates_every_interface_string(tmp_path, language):
    """Extract the strings from the code now, and check each has a translation."""
    source = tmp_path / "science4peace"
    shutil.copytree(
        ROOT / "src" / "science4peace", source, ignore=shutil.ignore_patterns("__pycache__")
    )
    subprocess.run(
        ["django-admin", "makemessages", "-l", language, "--no-location", "--no-obsolete"],
        cwd=source,
        check=True,
        capture_output=True,
        env={
            "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", os.defpath)]),
            "DJANGO_SETTINGS_MODULE": "science4peace.settings",
        },
    )
    catalog = polib.pofile(str(source / "locale" / language / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_matches_its_source(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    translated = {e.msgid: e.msgstr or e.msgstr_plural for e in po.translated_entries()}
    compiled = {e.msgid: e.msgstr or e.msgstr_plural for e in mo if e.msgid}
    assert compiled == translated


@pytest.mark.parametrize(
    ("language", "text", "direction"),
    [
        ("ru", "Участвующие учреждения по странам", "ltr"),
        ("uk", "Установи-учасники за країнами", "ltr"),
        ("ar", "المؤسسات المشاركة حسب البلد", "rtl"),
    ],
)
def test_language_switch_translates_page_and_sets_direction(client, language, text, direction):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = client.get(response.url).content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert text in html


def test_allauth_pages_are_translated_too(client):
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    html = client.get("/accounts/signup/").content.decode()
    assert "Регистрация" in html
