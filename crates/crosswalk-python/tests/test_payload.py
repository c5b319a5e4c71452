"""crosswalk.payload / build_payload: the REST payloads `crosswalk payload` builds."""

import base64
import json

import pytest

import crosswalk
from conftest import EXAMPLE, SNAPSHOTS, run_cli


def test_the_payload_is_the_cli_snapshot(example_bytes):
    record = crosswalk.read(example_bytes)[0]
    payload = crosswalk.payload(record, prefix="10.5438", event="publish", url="https://example.org/x")
    assert payload == json.loads((SNAPSHOTS / "cli" / "dataset-payload.json").read_text())


def test_xml_payloads_carry_base64_datacite_xml(example_bytes):
    record = crosswalk.read(example_bytes)[0]
    payload = crosswalk.payload(record, prefix="10.1234", event="publish", url="https://x.org/1", xml=True)
    attributes = payload["data"]["attributes"]
    assert attributes["event"] == "publish" and attributes["url"] == "https://x.org/1"
    xml = base64.b64decode(attributes["xml"]).decode()
    # The record's DOI is under another prefix: a new DOI, the old one kept as IsIdenticalTo.
    assert "<identifier" not in xml and 'relationType="IsIdenticalTo"' in xml
    same_prefix = crosswalk.payload(record, prefix="10.5072", event="publish", url="https://x.org/1", xml=True)
    xml = base64.b64decode(same_prefix["data"]["attributes"]["xml"]).decode()
    assert xml == crosswalk.write(record, "datacite-xml")
    # As the command line builds it.
    done = run_cli("payload", EXAMPLE, "--prefix", "10.1234", "--event", "publish", "--url", "https://x.org/1", "--xml")
    assert done.returncode == 0, done.stderr
    assert payload == json.loads(done.stdout)


def test_a_record_without_what_publishing_needs_is_refused():
    record = crosswalk.read(b'{"titles": [{"title": "Only a title"}]}', format="datacite-json")[0]
    with pytest.raises(crosswalk.Refused) as refused:
        crosswalk.payload(record, prefix="10.1234", event="publish", url="https://x.org/1")
    assert isinstance(refused.value, ValueError)
    codes = {d.code for d in refused.value.diagnostics}
    assert codes == {"required.missing"}
    paths = {d.location.path for d in refused.value.diagnostics}
    assert {"/creators", "/publisher", "/publicationYear"} <= paths
    built = crosswalk.build_payload(record, prefix="10.1234", event="publish", url="https://x.org/1")
    assert not built.ok and built.payload is None
    assert [d.code for d in built.diagnostics] == [d.code for d in refused.value.diagnostics]


def test_a_draft_needs_no_metadata():
    payload = crosswalk.payload({}, doi="10.5072/draft")
    assert payload["data"]["attributes"]["doi"] == "10.5072/draft"
    assert "event" not in payload["data"]["attributes"]


def test_defaults_and_templates_are_the_cli_options():
    attributes = {"doi": "10.1234/abc", "creators": [{"name": "A"}], "titles": [{"title": "T"}],
                  "dates": [{"date": "2020-05-01", "dateType": "Issued"}]}
    built = crosswalk.build_payload(
        attributes, prefix="10.1234", event="publish", url_template="https://repo.example.org/{suffix}",
        publisher="Example Repository", resource_type_general="Dataset", publication_year_from_date=True,
    )
    assert built.ok, [str(d) for d in built.diagnostics]
    attributes = built.payload["data"]["attributes"]
    assert attributes["url"] == "https://repo.example.org/abc"
    assert attributes["publicationYear"] in (2020, "2020")
    assert attributes["types"]["resourceTypeGeneral"] == "Dataset"
    assert any(d.code == "payload.default-used" for d in built.diagnostics)


def test_a_doi_under_another_prefix_is_kept_as_a_related_identifier():
    built = crosswalk.build_payload({"doi": "10.9999/elsewhere"}, prefix="10.1234")
    assert built.ok
    assert any(d.code == "payload.doi-replaced" for d in built.diagnostics)
    related = built.payload["data"]["attributes"]["relatedIdentifiers"]
    assert {"relatedIdentifier": "10.9999/elsewhere", "relatedIdentifierType": "DOI",
            "relationType": "IsIdenticalTo"}.items() <= related[0].items()


def test_validate_asks_what_datacite_will_say(example_bytes):
    record = crosswalk.read(example_bytes)[0]
    built = crosswalk.build_payload(record, prefix="10.1234", event="publish", url="https://x.org/1", xml=True,
                                    validate=True)
    assert built.ok, [str(d) for d in built.diagnostics]
    attributes = dict(record.attributes)
    attributes["dates"] = [{"date": "2021-13-45", "dateType": "Issued"}]
    attributes["creators"] = [{"name": "A", "nameIdentifiers": [{"nameIdentifier": "0000-0002-1825-0097"}]}]
    built = crosswalk.build_payload(attributes, prefix="10.1234", event="publish", url="https://x.org/1",
                                    validate=True)
    assert built.payload is not None and not built.ok
    errors = [d for d in built.diagnostics if d.severity == "error"]
    assert errors and all(d.location.path for d in errors)
    with pytest.raises(crosswalk.Refused):
        crosswalk.payload(attributes, prefix="10.1234", event="publish", url="https://x.org/1", validate=True)
    # Without validate, built as asked (writing and building never validate).
    assert crosswalk.build_payload(attributes, prefix="10.1234", event="publish", url="https://x.org/1").ok


def test_the_writers_proof_and_libxml2_give_the_same_verdicts(example_bytes):
    record = crosswalk.read(example_bytes)[0]
    attributes = dict(record.attributes)
    broken = dict(attributes, publicationYear="2021/22")
    for data in (attributes, broken):
        fast = crosswalk.validate(data)
        full = crosswalk.validate(data, xsd=True)
        assert [v.valid for v in fast] == [v.valid for v in full]
        assert [[d.code for d in v.findings] for v in fast] == [[d.code for d in v.findings] for v in full]
    assert not crosswalk.validate(broken)[0].valid


def test_the_doi_workflow_example_runs():
    import subprocess
    import sys

    from conftest import ROOT

    done = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / "doi_workflow.py")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    attributes = payload["data"]["attributes"]
    assert attributes["doi"] == "10.5072/r7x2-9k41" and attributes["event"] == "publish"
    assert base64.b64decode(attributes["xml"]).startswith(b"<?xml")
