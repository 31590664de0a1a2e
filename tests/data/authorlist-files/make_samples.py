# ruff: noqa: E501  (sample data reads best one record a line)
"""Writes the small real-shaped author lists of this folder (run from it: python make_samples.py).

Names, INSPIRE ids and institutions come from the CERN Open Data author lists of CMS (2012)
and LHCb (2011), CC0; the shapes are those of published authors.xml files: arXiv's
ancillary-file convention (a ``%auto-ignore`` line before the XML declaration), a byte-order
mark with Windows line ends, Latin-1 declared with UTF-8 used, and the collaboration element
placed directly in the root."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
HEAD = """<?xml version="1.0" encoding="{encoding}"?>
<!DOCTYPE collaborationauthorlist SYSTEM "author.dtd">
<collaborationauthorlist
   xmlns:foaf="http://xmlns.com/foaf/0.1/"
   xmlns:cal="http://inspirehep.net/info/HepNames/tools/authors_xml/">
  <cal:creationDate>2012-12-31</cal:creationDate>
  <cal:publicationReference>CMS-2012-AUTHORS</cal:publicationReference>
"""
WRAPPED = """  <cal:collaborations>
    <cal:collaboration id="c1">
      <foaf:name>{name}</foaf:name>
      <cal:experimentNumber>CERN-LHC-{name}</cal:experimentNumber>
    </cal:collaboration>
  </cal:collaborations>
"""
DIRECT = """  <cal:collaboration id="c1">
    <foaf:name>{name}</foaf:name>
  </cal:collaboration>
"""
CMS_ORGANISATIONS = [
    ("o1", "Yerevan Phys. Inst.", "Yerevan Physics Institute, Yerevan, Armenia"),
    ("o2", "Vienna, OAW", "Institut für Hochenergiephysik der OeAW, Wien, Austria"),
    (
        "o3",
        "Aachen, Tech. Hochsch.",
        "RWTH Aachen University, III. Physikalisches Institut A, Aachen, Germany",
    ),
    ("o4", "Bogazici U.", "Bogazici University, Istanbul, Turkey"),
    ("o5", "Brussels U.", "Université Libre de Bruxelles, Bruxelles, Belgium"),
]
CMS_PEOPLE = [
    ("Serguei", "Chatrchyan", "S. Chatrchyan", "INSPIRE-00165402", "o1"),
    ("Vardan", "Khachatryan", "V. Khachatryan", "INSPIRE-00314584", "o1"),
    ("Wolfgang", "Adam", "W. Adam", "INSPIRE-00060887", "o2"),
    ("Klaus", "Lübelsmeyer", "K. Lübelsmeyer", "INSPIRE-00197050", "o3"),
    ("Günter", "Flügge", "G. Flügge", "INSPIRE-00315605", "o3"),
    ("Melih", "Özbek", "M. Özbek", "INSPIRE-00192183", "o4"),
    ("Cécile", "Caillol", "C. Caillol", "INSPIRE-00357978", "o5"),
]
CMS_NAMES = {key: name for key, name, _address in CMS_ORGANISATIONS}
LHCB_ORGANISATIONS = [
    (
        "o1",
        "Nikhef, Amsterdam",
        "Nikhef National Institute for Subatomic Physics, Amsterdam, Netherlands",
    ),
    ("o2", "U. Barcelona (main)", "Universitat de Barcelona, Barcelona, Spain"),
    (
        "o3",
        "Bristol U.",
        "H.H. Wills Physics Laboratory, University of Bristol, Bristol, United Kingdom",
    ),
]
LHCB_PEOPLE = [
    ("Roel", "Aaij", "R. Aaij", "INSPIRE-00258707", "o1"),
    ("Carlos", "Abell{\\'a}n Beteta", "C. Abell{\\'a}n Beteta", "INSPIRE-00259460", "o2"),
    ("Marco", "Adinolfi", "M. Adinolfi", "INSPIRE-00060950", "o3"),
]


def document(collaboration, organisations, people, *, encoding="UTF-8", direct=False):
    text = HEAD.format(encoding=encoding)
    text += (DIRECT if direct else WRAPPED).format(name=collaboration)
    text += "  <cal:organizations>\n"
    for key, name, address in organisations:
        text += (
            f'    <foaf:Organization id="{key}">\n      <foaf:name>{name}</foaf:name>\n'
            f'      <cal:orgName source="INSPIRE">{name}</cal:orgName>\n'
            f'      <cal:orgStatus collaborationid="c1">member</cal:orgStatus>\n'
            f"      <cal:orgAddress>{address}</cal:orgAddress>\n    </foaf:Organization>\n"
        )
    text += "  </cal:organizations>\n  <cal:authors>\n"
    for given, family, paper, inspire, org in people:
        text += (
            f"    <foaf:Person>\n      <foaf:name>{given} {family}</foaf:name>\n"
            f"      <foaf:givenName>{given}</foaf:givenName>\n"
            f"      <foaf:familyName>{family}</foaf:familyName>\n"
            f"      <cal:authorNamePaper>{paper}</cal:authorNamePaper>\n"
            f'      <cal:authorCollaboration collaborationid="c1"/>\n'
            f'      <cal:authorAffiliations>\n        <cal:authorAffiliation organizationid="{org}"'
            f' connection=""/>\n      </cal:authorAffiliations>\n'
            f'      <cal:authorids>\n        <cal:authorid source="INSPIRE">{inspire}</cal:authorid>\n'
            f"      </cal:authorids>\n    </foaf:Person>\n"
        )
    return text + "  </cal:authors>\n</collaborationauthorlist>\n"


def main():
    cms = document("CMS", CMS_ORGANISATIONS, CMS_PEOPLE)
    write = lambda name, data: (HERE / name).write_bytes(data)  # noqa: E731
    write("arxiv-ancillary.xml", b"%auto-ignore\n" + cms.encode())
    write(
        "tex-comments.xml", b"%auto-ignore\n% CMS author list, ancillary file\n%\n" + cms.encode()
    )
    write("bom-crlf.xml", b"\xef\xbb\xbf" + cms.replace("\n", "\r\n").encode())
    write("cr-only.xml", cms.replace("\n", "\r").encode())
    write("utf16-bom.xml", cms.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    latin1 = document("CMS", CMS_ORGANISATIONS, CMS_PEOPLE, encoding="ISO-8859-1")
    write("latin1-declared-utf8-used.xml", latin1.encode("utf-8"))
    write("latin1.xml", latin1.encode("latin-1"))
    write("utf8-declared-latin1-used.xml", cms.encode("latin-1"))
    write(
        "collaboration-direct.xml",
        document("LHCb", LHCB_ORGANISATIONS, LHCB_PEOPLE, direct=True).encode(),
    )
    csv = (
        "family_name,given_name,paper_name,native_name,suffix,deceased,orcid,inspire_id,affiliations\n"
        + "".join(f"{f},{g},{p},,,,,{i},{CMS_NAMES[o]}\n" for g, f, p, i, o in CMS_PEOPLE)
    )
    write("crlf.csv", b"\xef\xbb\xbf" + csv.replace("\n", "\r\n").encode())
    write("cr-only.csv", csv.replace("\n", "\r").encode())


if __name__ == "__main__":
    main()
