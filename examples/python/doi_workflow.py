"""Registering a DOI from a repository's deposit form with Crosswalk: form data → DataCite
attributes → payload → validation → upload.

    python examples/python/doi_workflow.py                  # build and check; print the payload
    python examples/python/doi_workflow.py --upload cli     # send it with `crosswalk upload` (test system)
    python examples/python/doi_workflow.py --upload rest    # POST it to DataCite's REST API (test system)

Uploading reads DATACITE_USERNAME and DATACITE_PASSWORD from the environment (never from the
command line) and goes to DataCite's test system. `crosswalk upload` registers every payload
exactly once and can be rerun after a failure (its --state file records each step); a plain POST
is what repository software does today, shown for comparison.
"""

import argparse
import base64
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

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


def upload_with_cli(payload):
    """`crosswalk upload`: exactly once, resumable (rerun the same command after a failure)."""
    state = pathlib.Path(tempfile.gettempdir()) / "doi-workflow-upload.db"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write(json.dumps(payload) + "\n")
    done = subprocess.run(["crosswalk", "upload", f.name, "--state", str(state)])
    return done.returncode


def upload_with_rest(payload):
    """A plain POST /dois, as repository software does it today (no retries, no state)."""
    user, password = os.environ.get("DATACITE_USERNAME"), os.environ.get("DATACITE_PASSWORD")
    if not user or not password:
        print("set DATACITE_USERNAME and DATACITE_PASSWORD", file=sys.stderr)
        return 2
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(
        "https://api.test.datacite.org/dois", data=json.dumps(payload).encode(), method="POST",
        headers={"Content-Type": "application/vnd.api+json", "Authorization": f"Basic {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            print(json.load(response)["data"]["id"])
            return 0
    except urllib.error.HTTPError as e:
        # DataCite's errors, as crosswalk.read would also locate them if given the answer.
        print(f"DataCite answered {e.code}: {e.read().decode(errors='replace')}", file=sys.stderr)
        return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upload", choices=["cli", "rest"], help="send the payload to DataCite's test system")
    args = parser.parse_args()
    payload = build(FORM)
    if payload is None:
        return 1
    if args.upload == "cli":
        return upload_with_cli(payload)
    if args.upload == "rest":
        return upload_with_rest(payload)
    print(json.dumps(payload, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
