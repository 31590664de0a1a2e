"""Demo data: fictional people at real institutions, loaded idempotently by ``s4p demo``.

Identifiers are real where the reference author lists give them (ROR, INSPIRE codes);
where we have no verified identifier the field stays empty rather than invented. The only
ORCID iD used is ORCID's own documented test identity (Josiah Carberry).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from science4peace.institutions.domain.institutions import do_import_organisations
from science4peace.institutions.models import Institution
from science4peace.lib.orgrecords import INTERGOVERNMENTAL, LABORATORY, UNIVERSITY, OrgRecord
from science4peace.people.models import Affiliation, Person

ADMIN_EMAIL = "admin@demo.science4peace.org"
ADMIN_PASSWORD = "demo-admin-password"  # noqa: S105 (demo only, printed by `s4p demo`)

# key, name, country, kind, ROR (bare), INSPIRE code, address
INSTITUTIONS = [
    (
        "cern",
        "CERN, European Organization for Nuclear Research",
        "CH",
        INTERGOVERNMENTAL,
        "01ggx4157",
        "CERN",
        "Geneva, Switzerland",
    ),
    (
        "jinr",
        "Joint Institute for Nuclear Research",
        "RU",
        INTERGOVERNMENTAL,
        "044yd9t77",
        "Dubna, JINR",
        "Dubna, Russia",
    ),
    (
        "sesame",
        "SESAME, Synchrotron-light for Experimental Science and Applications in the Middle East",
        "JO",
        INTERGOVERNMENTAL,
        "",
        "",
        "Allan, Jordan",
    ),
    (
        "msu",
        "Skobeltsyn Institute of Nuclear Physics, Lomonosov Moscow State University",
        "RU",
        UNIVERSITY,
        "010pmpe69",
        "Moscow State U.",
        "Moscow, Russia",
    ),
    (
        "inr",
        "Institute for Nuclear Research of the Russian Academy of Sciences",
        "RU",
        LABORATORY,
        "01a1xfd09",
        "Moscow, INR",
        "Moscow, Russia",
    ),
    (
        "ihep",
        "Institute for High Energy Physics, NRC Kurchatov Institute",
        "RU",
        LABORATORY,
        "00n1nz186",
        "Serpukhov, IHEP",
        "Protvino, Russia",
    ),
    (
        "bitp",
        "Bogolyubov Institute for Theoretical Physics",
        "UA",
        LABORATORY,
        "05q1wf970",
        "BITP, Kiev",
        "Kyiv, Ukraine",
    ),
    (
        "minsk",
        "B.I. Stepanov Institute of Physics, National Academy of Sciences of Belarus",
        "BY",
        LABORATORY,
        "00qsm3z32",
        "Minsk, Inst. Phys.",
        "Minsk, Belarus",
    ),
    (
        "ipm",
        "Institute for Research in Fundamental Sciences (IPM)",
        "IR",
        LABORATORY,
        "",
        "",
        "Tehran, Iran",
    ),
    ("sharif", "Sharif University of Technology", "IR", UNIVERSITY, "", "", "Tehran, Iran"),
    (
        "weizmann",
        "Weizmann Institute of Science",
        "IL",
        LABORATORY,
        "0316ej306",
        "Weizmann Inst.",
        "Rehovot, Israel",
    ),
    (
        "technion",
        "Technion, Israel Institute of Technology",
        "IL",
        UNIVERSITY,
        "03qryx823",
        "Technion",
        "Haifa, Israel",
    ),
    ("najah", "An-Najah National University", "PS", UNIVERSITY, "", "", "Nablus, Palestine"),
    (
        "ciae",
        "China Institute of Atomic Energy",
        "CN",
        LABORATORY,
        "00v5gqm66",
        "Beijing, Inst. Atomic Energy",
        "Beijing, China",
    ),
    (
        "fudan",
        "Fudan University",
        "CN",
        UNIVERSITY,
        "013q1eq08",
        "Fudan U., Shanghai",
        "Shanghai, China",
    ),
    (
        "upenn",
        "University of Pennsylvania",
        "US",
        UNIVERSITY,
        "00b30xv10",
        "Pennsylvania U.",
        "Philadelphia PA, United States of America",
    ),
    (
        "kansas",
        "University of Kansas",
        "US",
        UNIVERSITY,
        "001tmjg57",
        "Kansas U.",
        "Lawrence, Kansas, United States",
    ),
    (
        "mpp",
        "Max-Planck-Institut für Physik",
        "DE",
        LABORATORY,
        "0079jjr10",
        "Munich, Max Planck Inst.",
        "München, Germany",
    ),
    (
        "wuppertal",
        "Bergische Universität Wuppertal",
        "DE",
        UNIVERSITY,
        "00613ak93",
        "Wuppertal U.",
        "Wuppertal, Germany",
    ),
    ("jordan", "The University of Jordan", "JO", UNIVERSITY, "", "", "Amman, Jordan"),
    (
        "usp",
        "Universidade de São Paulo",
        "BR",
        UNIVERSITY,
        "036rp1748",
        "Sao Paulo U.",
        "São Paulo, Brazil",
    ),
    (
        "bose",
        "Bose Institute",
        "IN",
        LABORATORY,
        "01a5mqy88",
        "Bose Inst., Kolkata",
        "Kolkata, India",
    ),
    (
        "iiti",
        "Indian Institute of Technology Indore",
        "IN",
        UNIVERSITY,
        "01hhf7w52",
        "Indian Inst. Tech., Indore",
        "Indore, India",
    ),
    (
        "uct",
        "University of Cape Town",
        "ZA",
        UNIVERSITY,
        "03p74gp79",
        "Cape Town U.",
        "Cape Town, South Africa",
    ),
    (
        "ithemba",
        "iThemba LABS",
        "ZA",
        LABORATORY,
        "002kje223",
        "iThemba LABS",
        "Somerset West, South Africa",
    ),
    (
        "kek",
        "KEK, High Energy Accelerator Research Organization",
        "JP",
        LABORATORY,
        "01g5y5k24",
        "KEK, Tsukuba",
        "Tsukuba, Japan",
    ),
    (
        "ictp",
        "ICTP, Abdus Salam International Centre for Theoretical Physics",
        "IT",
        INTERGOVERNMENTAL,
        "009gyvm78",
        "ICTP, Trieste",
        "Trieste, Italy",
    ),
    (
        "yerevan",
        "A.I. Alikhanyan National Science Laboratory (Yerevan Physics Institute)",
        "AM",
        LABORATORY,
        "01wjejq96",
        "Yerevan Phys. Inst.",
        "Yerevan, Armenia",
    ),
    (
        "tbilisi",
        "E. Andronikashvili Institute of Physics, Tbilisi State University",
        "GE",
        LABORATORY,
        "05fd1hd85",
        "Tbilisi, Inst.Phys.",
        "Tbilisi, Georgia",
    ),
]

# given, family, native, city, lat, lon, zone, [(institution key, role, kind, start, end)]
D = dt.date
PEOPLE = [
    (
        "Anna",
        "Ivanova",
        "Анна Иванова",
        "Moscow",
        "55.7558",
        "37.6173",
        "Europe/Moscow",
        [
            ("inr", "postdoc", "primary", D(2012, 9, 1), D(2019, 6, 30)),
            ("jinr", "senior researcher", "primary", D(2019, 7, 1), D(2023, 8, 31)),
            ("wuppertal", "research scientist", "primary", D(2023, 9, 1), None),
        ],
    ),
    (
        "Dmitri",
        "Sokolov",
        "Дмитрий Соколов",
        "Dubna",
        "56.7420",
        "37.1890",
        "Europe/Moscow",
        [("jinr", "group leader", "primary", D(2005, 1, 1), None)],
    ),
    (
        "Olena",
        "Kovalenko",
        "Олена Коваленко",
        "Kyiv",
        "50.4501",
        "30.5234",
        "Europe/Kyiv",
        [
            ("bitp", "researcher", "primary", D(2014, 3, 1), None),
            ("cern", "user", "also_at", D(2018, 1, 1), None),
        ],
    ),
    (
        "Taras",
        "Shevchuk",
        "Тарас Шевчук",
        "Kyiv",
        "50.4501",
        "30.5234",
        "Europe/Kyiv",
        [("bitp", "PhD student", "primary", D(2021, 9, 1), None)],
    ),
    (
        "Aliaksandr",
        "Navumenka",
        "Аляксандр Навуменка",
        "Minsk",
        "53.9006",
        "27.5590",
        "Europe/Minsk",
        [("minsk", "researcher", "primary", D(2010, 1, 1), None)],
    ),
    (
        "Maryam",
        "Hosseini",
        "مریم حسینی",
        "Tehran",
        "35.6892",
        "51.3890",
        "Asia/Tehran",
        [
            ("sharif", "PhD student", "primary", D(2015, 9, 1), D(2020, 8, 31)),
            ("ipm", "postdoc", "primary", D(2020, 9, 1), None),
        ],
    ),
    (
        "Reza",
        "Karimi",
        "رضا کریمی",
        "Tehran",
        "35.6892",
        "51.3890",
        "Asia/Tehran",
        [("ipm", "professor", "primary", D(2008, 1, 1), None)],
    ),
    (
        "Noa",
        "Levi",
        "נועה לוי",
        "Rehovot",
        "31.8928",
        "34.8113",
        "Asia/Jerusalem",
        [("weizmann", "postdoc", "primary", D(2019, 10, 1), None)],
    ),
    (
        "Yosef",
        "Mizrahi",
        "יוסף מזרחי",
        "Haifa",
        "32.7940",
        "34.9896",
        "Asia/Jerusalem",
        [("technion", "professor", "primary", D(2001, 10, 1), None)],
    ),
    (
        "Lina",
        "Haddad",
        "لينا حداد",
        "Nablus",
        "32.2211",
        "35.2544",
        "Asia/Hebron",
        [
            ("najah", "lecturer", "primary", D(2016, 2, 1), None),
            ("sesame", "user", "also_at", D(2019, 1, 1), None),
        ],
    ),
    (
        "Omar",
        "Khalil",
        "عمر خليل",
        "Amman",
        "31.9539",
        "35.9106",
        "Asia/Amman",
        [("jordan", "professor", "primary", D(2009, 9, 1), None)],
    ),
    (
        "Rania",
        "Saleh",
        "رانيا صالح",
        "Allan",
        "32.0833",
        "35.7500",
        "Asia/Amman",
        [("sesame", "beamline scientist", "primary", D(2017, 5, 1), None)],
    ),
    (
        "Wei",
        "Zhang",
        "张伟",
        "Beijing",
        "39.9042",
        "116.4074",
        "Asia/Shanghai",
        [("ciae", "researcher", "primary", D(2011, 7, 1), None)],
    ),
    (
        "Li",
        "Chen",
        "陈丽",
        "Shanghai",
        "31.2304",
        "121.4737",
        "Asia/Shanghai",
        [
            ("fudan", "associate professor", "primary", D(2013, 9, 1), None),
            ("cern", "user", "also_at", D(2015, 1, 1), D(2020, 12, 31)),
        ],
    ),
    (
        "Emily",
        "Carter",
        "",
        "Philadelphia",
        "39.9526",
        "-75.1652",
        "America/New_York",
        [("upenn", "professor", "primary", D(2004, 7, 1), None)],
    ),
    (
        "Josiah",
        "Carberry",
        "",
        "Lawrence",
        "38.9717",
        "-95.2353",
        "America/Chicago",
        [("kansas", "research fellow", "primary", D(2020, 1, 1), None)],
    ),
    (
        "Lukas",
        "Becker",
        "",
        "Munich",
        "48.1351",
        "11.5820",
        "Europe/Berlin",
        [("mpp", "staff scientist", "primary", D(2012, 4, 1), None)],
    ),
    (
        "Jana",
        "Fischer",
        "",
        "Wuppertal",
        "51.2562",
        "7.1508",
        "Europe/Berlin",
        [("wuppertal", "professor", "primary", D(2010, 4, 1), None)],
    ),
    (
        "Thiago",
        "Oliveira",
        "",
        "São Paulo",
        "-23.5505",
        "-46.6333",
        "America/Sao_Paulo",
        [("usp", "professor", "primary", D(2007, 3, 1), None)],
    ),
    (
        "Priya",
        "Sharma",
        "प्रिया शर्मा",
        "Kolkata",
        "22.5726",
        "88.3639",
        "Asia/Kolkata",
        [("bose", "researcher", "primary", D(2016, 8, 1), None)],
    ),
    (
        "Arjun",
        "Nair",
        "अर्जुन नायर",
        "Indore",
        "22.7196",
        "75.8577",
        "Asia/Kolkata",
        [("iiti", "PhD student", "primary", D(2022, 7, 1), None)],
    ),
    (
        "Thandiwe",
        "Mokoena",
        "",
        "Cape Town",
        "-33.9249",
        "18.4241",
        "Africa/Johannesburg",
        [
            ("uct", "postdoc", "primary", D(2021, 2, 1), None),
            ("ithemba", "guest", "also_at", D(2021, 2, 1), None),
        ],
    ),
    (
        "Sipho",
        "Dlamini",
        "",
        "Somerset West",
        "-34.0757",
        "18.8433",
        "Africa/Johannesburg",
        [("ithemba", "engineer", "primary", D(2014, 1, 1), None)],
    ),
    (
        "Haruto",
        "Sato",
        "佐藤 陽翔",
        "Tsukuba",
        "36.0835",
        "140.0764",
        "Asia/Tokyo",
        [("kek", "researcher", "primary", D(2012, 4, 1), None)],
    ),
    (
        "Giulia",
        "Rossi",
        "",
        "Trieste",
        "45.6495",
        "13.7768",
        "Europe/Rome",
        [("ictp", "research scientist", "primary", D(2018, 10, 1), None)],
    ),
    (
        "Armen",
        "Petrosyan",
        "Արմեն Պետրոսյան",
        "Yerevan",
        "40.1792",
        "44.4991",
        "Asia/Yerevan",
        [
            ("yerevan", "researcher", "primary", D(2009, 1, 1), None),
            ("cern", "user", "also_at", D(2012, 1, 1), None),
        ],
    ),
    (
        "Nino",
        "Beridze",
        "ნინო ბერიძე",
        "Tbilisi",
        "41.7151",
        "44.8271",
        "Asia/Tbilisi",
        [("tbilisi", "researcher", "primary", D(2013, 9, 1), None)],
    ),
    (
        "Sergei",
        "Morozov",
        "Сергей Морозов",
        "Protvino",
        "54.8686",
        "37.2175",
        "Europe/Moscow",
        [
            ("ihep", "engineer", "primary", D(1998, 1, 1), D(2024, 11, 30)),
            ("jinr", "engineer", "primary", D(2024, 12, 1), None),
        ],
    ),
    (
        "Ekaterina",
        "Volkova",
        "Екатерина Волкова",
        "Moscow",
        "55.7558",
        "37.6173",
        "Europe/Moscow",
        [("msu", "associate professor", "primary", D(2006, 9, 1), None)],
    ),
    (
        "Marie",
        "Dubois",
        "",
        "Geneva",
        "46.2044",
        "6.1432",
        "Europe/Zurich",
        [("cern", "staff physicist", "primary", D(2011, 1, 1), None)],
    ),
]


def _institutions() -> dict[str, Institution]:
    records = [
        OrgRecord(
            name=name,
            country=country,
            kind=kind,
            address=address,
            ror=f"https://ror.org/{ror}" if ror else None,
            icns=[icn] if icn else [],
            source_id=key,
        )
        for key, name, country, kind, ror, icn, address in INSTITUTIONS
    ]
    missing = [r for r in records if not _existing(r)]
    if missing:
        do_import_organisations(missing, actor=None)
    return {r.source_id: _existing(r) for r in records}


def _existing(record: OrgRecord) -> Institution | None:
    if record.ror:
        return Institution.objects.filter(ror=record.ror).first()
    return Institution.objects.filter(name=record.name).first()


def _admin() -> None:
    user, _created = get_user_model().objects.get_or_create(
        username="admin", defaults={"email": ADMIN_EMAIL, "is_staff": True, "is_superuser": True}
    )
    if _created:
        user.set_password(ADMIN_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=ADMIN_EMAIL, defaults={"verified": True, "primary": True}
    )
    Person.objects.get_or_create(
        user=user, defaults={"given_name": "Demo", "family_name": "Administrator"}
    )


@transaction.atomic
def load_demo() -> tuple[int, int]:
    """Load (or complete) the demo data; running it twice changes nothing."""
    institutions = _institutions()
    _admin()
    for given, family, native, city, lat, lon, zone, history in PEOPLE:
        person, _created = Person.objects.get_or_create(
            given_name=given,
            family_name=family,
            user=None,
            defaults={
                "native_name": native,
                "city": city,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "timezone": zone,
                "paper_name": f"{given[0]}. {family}",
                "orcid": "0000-0002-1825-0097" if family == "Carberry" else None,
            },
        )
        for key, role, kind, start, end in history:
            Affiliation.objects.get_or_create(
                person=person,
                institution=institutions[key],
                start=start,
                defaults={"role": role, "kind": kind, "end": end},
            )
    return Person.objects.count(), Institution.objects.count()
