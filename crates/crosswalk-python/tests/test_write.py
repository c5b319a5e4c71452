"""crosswalk.write / written: the writers' output, identical to the command line's."""

import json

import pytest

import crosswalk
from conftest import EXAMPLE, SNAPSHOTS, TESTDATA, run_cli

WRITABLE = [f["name"] for f in crosswalk.formats() if f["write"]]


def snapshot(name):
    return (SNAPSHOTS / name).read_text().rstrip("\n")


def test_datacite_json_is_the_cli_snapshot(example_bytes):
    record = crosswalk.read(example_bytes)[0]
    assert crosswalk.write(record, "datacite-json") == snapshot("cli/dataset.json")


def test_xml_through_json_is_the_cli_snapshot(example_bytes):
    json_text = crosswalk.write(crosswalk.read(example_bytes)[0], "datacite-json")
    again = crosswalk.read(json_text, format="datacite-json")[0]
    assert crosswalk.write(again, "datacite-xml") == snapshot("cli/dataset.xml")


def test_an_attributes_dict_writes_as_its_record(example_bytes):
    record = crosswalk.read(example_bytes)[0]
    assert crosswalk.write(record.attributes, "datacite-xml") == crosswalk.write(record, "datacite-xml")
    minimal = {"doi": "10.5072/x", "titles": [{"title": "Tiny"}], "bogus": 1}
    written = crosswalk.written(minimal, "datacite-xml")
    assert "<title>Tiny</title>" in written.text
    # What reading the dict said comes with what writing said.
    assert any(d.code == "field.unmapped" and d.location.path == "/bogus" for d in written.diagnostics)


@pytest.mark.parametrize("name", WRITABLE)
def test_every_writable_format_matches_the_cli(name):
    """Each format, written from the same record, is byte for byte what `crosswalk convert` writes."""
    record = crosswalk.read(EXAMPLE.read_bytes())[0]
    done = run_cli("convert", EXAMPLE, "--to", name, "--no-validate", text=False)
    if name == "crossref-xml":
        # A Crossref deposit needs the landing page, which the example lacks: both refuse it.
        assert done.returncode == 1 and b"crossref.write-missing-url" in done.stderr
        with pytest.raises(crosswalk.Refused) as refused:
            crosswalk.write(record, name)
        assert any(d.code == "crossref.write-missing-url" for d in refused.value.diagnostics)
        return
    assert done.returncode == 0, done.stderr
    ours, theirs = crosswalk.write(record, name), done.stdout.decode()
    if name == "citeproc":
        # The command line frames CSL-JSON as an array, even of one item.
        assert [json.loads(ours)] == json.loads(theirs)
    else:
        # The command line ends its output with a line end (RIS: CRLF, as its specification says).
        assert ours.rstrip("\r\n") == theirs.rstrip("\r\n")


def test_json_on_one_line_for_json_lines(example_bytes):
    record = crosswalk.read(example_bytes)[0]
    line = crosswalk.write(record, "datacite-json", line=True)
    assert "\n" not in line
    assert json.loads(line) == record.attributes


def test_reference_lists_keep_their_keys():
    records = crosswalk.read((TESTDATA / "bibtex" / "citation-keys.bib").read_bytes())
    for record in records:
        if record.ok and record.key:
            again = crosswalk.write(record, "bibtex")
            assert again.startswith("@") and "{" + record.key + "," in again.splitlines()[0], again


def test_the_writer_says_what_the_format_cannot_hold():
    every = crosswalk.read((TESTDATA / "datacite-xml" / "every-property.xml").read_bytes())[0]
    written = crosswalk.written(every, "ris")
    assert written.text.startswith("TY  - ")
    assert any(d.code == "write.unrepresentable" for d in written.diagnostics)
    assert "diagnostics" in repr(written)


def test_a_failed_record_still_writes():
    broken = crosswalk.read(b"<resource xmlns='http://datacite.org/schema/kernel-4'><titles>")[0]
    assert not broken.ok
    assert isinstance(crosswalk.write(broken, "datacite-json"), str)


def test_citations_take_a_style_a_locale_and_html(example_bytes):
    record = crosswalk.read(example_bytes)[0]
    apa = crosswalk.write(record, "citation")
    assert apa == run_cli("convert", EXAMPLE, "--to", "citation", "--no-validate").stdout.rstrip("\n")
    chicago = crosswalk.write(record, "citation", style="chicago-author-date", locale="de-DE", html=True)
    cli = run_cli(
        "convert", EXAMPLE, "--to", "citation", "--style", "chicago-author-date", "--locale", "de-DE",
        "--format", "html", "--no-validate",
    ).stdout
    assert chicago.rstrip("\n") == cli.rstrip("\n")
    assert chicago != apa
    with pytest.raises(ValueError, match="unknown citation style"):
        crosswalk.write(record, "citation", style="no-such-style")
    with pytest.raises(ValueError, match="style can only be used with format \"citation\""):
        crosswalk.write(record, "ris", style="apa")


def test_a_crossref_deposit_takes_its_head():
    record = crosswalk.read(EXAMPLE.read_bytes())[0]
    attributes = record.attributes
    attributes["url"] = "https://example.org/landing"
    text = crosswalk.write(
        attributes, "crossref-xml", depositor_name="Example Press", depositor_email="deposits@example.org",
        registrant="Example Press", batch_id="batch-0001", timestamp=20240315120000,
    )
    assert "<depositor_name>Example Press</depositor_name>" in text
    assert "<timestamp>20240315120000</timestamp>" in text
    with pytest.raises(ValueError):
        crosswalk.write(attributes, "crossref-xml", batch_id="x")
    with pytest.raises(ValueError, match="crossref-xml"):
        crosswalk.write(attributes, "ris", registrant="Example Press")
    assert 19700101000000 < crosswalk.crossref_timestamp() < 99991231235959
