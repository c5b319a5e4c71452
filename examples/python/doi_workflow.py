"""Registering a DOI from a repository's deposit form with Crosswalk: form data → DataCite
attributes → payload → validation → upload.

    python examples/python/doi_workflow.py                  # build and check; print the payload
    python examples/python/doi_workflow.py --upload         # register it (DataCite's test system)
    python examples/python/doi_workflow.py --upload --endpoint production --state deposits.db

Uploading reads DATACITE_USERNAME and DATACITE_PASSWORD from the environment (never from the
command line or the code) and goes to DataCite's test system unless told. `crosswalk.upload`
registers every payload exactly once: its state file (the one `crosswalk upload --state` uses)
records each step, so that the same call after a failure, a crash or Ctrl-C continues, and a
deposit registered already is left alone ("unchanged").
"""

import argparse
import json
import pathlib
import sys
import tempfile

import crosswalk

# What a deposit form hands over (InvenioRDM, CKAN, OSF and the like each have their own shape).
FORM = {
    "id": "r7x2-9k41",
    "title": "Hourly sea-surface temperature at three moorings, 2019–2021",
    "authors": [
        {"family": "Nakamura", "given": "Aiko", "orcid": "0000-0002-1825-0097",
         "affiliation": "Universidad de los Andes", "ror": "https://ror.org/02mhbdp94"},
        {"organisation": "Coastal Observatory Network"},
    ],
    "publisher": "Example Data Repository",
    "year": 2024,
    "type": "Dataset",
    "description": "Temperatures measured every hour at 1 m depth.",
    "keywords": ["oceanography", "sea-surface temperature"],
    "license": "CC-BY-4.0",
}

PREFIX = "10.5072"  # the repository's DOI prefix (10.5072 is DataCite's test prefix)
LANDING_PAGE = "https://repository.example.org/records/{id}"


def attributes_from_form(form):
    """The repository's own mapping of its form onto DataCite's REST attributes."""
    creators = []
    for author in form["authors"]:
        if "organisation" in author:
            creators.append({"name": author["organisation"], "nameType": "Organizational"})
            continue
        creator = {
            "name": f"{author['family']}, {author['given']}",
            "nameType": "Personal",
            "givenName": author["given"],
            "familyName": author["family"],
        }
        if author.get("orcid"):
            creator["nameIdentifiers"] = [{"nameIdentifier": f"https://orcid.org/{author['orcid']}",
                                           "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"}]
        if author.get("affiliation"):
            creator["affiliation"] = [{"name": author["affiliation"], "affiliationIdentifier": author.get("ror"),
                                       "affiliationIdentifierScheme": "ROR" if author.get("ror") else None}]
        creators.append(creator)
    return {
        "titles": [{"title": form["title"]}],
        "creators": creators,
        "publisher": {"name": form["publisher"]},
        "publicationYear": form["year"],
        "types": {"resourceTypeGeneral": form["type"]},
        "descriptions": [{"description": form["description"], "descriptionType": "Abstract"}],
        "subjects": [{"subject": k} for k in form["keywords"]],
        "rightsList": [{"rightsIdentifier": form["license"], "rightsIdentifierScheme": "SPDX"}],
    }


def build(form):
    """The payload, or the reasons it cannot be sent (printed)."""
    attributes = attributes_from_form(form)
    # Read as DataCite JSON: blanks are left out and anything unknown is reported, as for any input.
    record = crosswalk.read(json.dumps(attributes), format="datacite-json")[0]
    for d in record.diagnostics:
        if d.severity != "info":
            print(f"form: {d}", file=sys.stderr)
    # The repository mints its DOIs itself here (InvenioRDM does); prefix=PREFIX would let
    # DataCite draw the suffix instead.
    built = crosswalk.build_payload(
        record, doi=f"{PREFIX}/{form['id']}", event="publish", url=LANDING_PAGE.format(id=form["id"]),
        xml=True, validate=True,
    )
    for d in built.diagnostics:
        print(f"payload: {d}", file=sys.stderr)
    if not built.ok:
        return None
    # The checks no XSD makes (ORCID and ROR check digits, SPDX ids, dates, languages): warnings
    # a curator should see before the DOI is public.
    for verdict in crosswalk.validate(built.payload, strict=True):
        for finding in verdict.findings:
            if finding.severity != "info":
                print(f"strict: {finding}", file=sys.stderr)
    return built.payload


def upload(form, payload, endpoint, state, rate=None):
    """`crosswalk.upload`: exactly once, resumable. The deposit's id is the key the state knows
    it by, so that calling this again for the same deposit sends nothing."""
    try:
        done = crosswalk.upload([(form["id"], payload)], state=state, endpoint=endpoint, rate=rate)
    except crosswalk.CredentialsError as e:
        print(e, file=sys.stderr)
        return 2
    result = done.outcomes[0]
    for d in result.diagnostics:
        print(f"datacite: {d}", file=sys.stderr)
    print(f"{result.outcome} {result.doi or ''} {result.state or ''}".strip())
    return 0 if result.ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upload", action="store_true", help="register the DOI (exactly once)")
    parser.add_argument("--endpoint", default="test", help="test (default), production, or a server's URL")
    parser.add_argument("--state", default=str(pathlib.Path(tempfile.gettempdir()) / "doi-workflow-upload.db"),
                        help="the upload state file (SQLite)")
    parser.add_argument("--rate", help="requests per 5 minutes, N/5m (default: the endpoint's)")
    args = parser.parse_args()
    payload = build(FORM)
    if payload is None:
        return 1
    if args.upload:
        return upload(FORM, payload, args.endpoint, args.state, args.rate)
    print(json.dumps(payload, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
