"""crosswalk.formats, detect and codes: the command line's registry."""

import json

import crosswalk
from conftest import TESTDATA, run_cli


def test_formats_are_what_the_cli_lists():
    done = run_cli("formats", "--json")
    assert done.returncode == 0, done.stderr
    assert crosswalk.formats() == json.loads(done.stdout)


def test_formats_say_what_is_read_and_written():
    by_name = {f["name"]: f for f in crosswalk.formats()}
    assert by_name["crossref-xml"]["read"] and by_name["crossref-xml"]["write"]
    assert by_name["crossref-json"]["read"] and not by_name["crossref-json"]["write"]
    assert by_name["datacite-xml"]["aliases"] == ["datacite"]


def test_detection():
    assert crosswalk.detect((TESTDATA / "examples" / "dataset.xml").read_bytes()) == "datacite-xml"
    assert crosswalk.detect(b"TY  - JOUR\nTI  - x\nER  - \n") == "ris"
    assert crosswalk.detect("@article{k, title={T}}") == "bibtex"
    assert crosswalk.detect(b"nothing to see") is None


def test_codes_are_documented():
    codes = {c["code"]: c for c in crosswalk.codes()}
    assert codes["input.format"]["severity"] == "error"
    assert "value.trimmed" in codes and codes["value.trimmed"]["summary"]
    done = run_cli("explain", "input.format")
    assert done.returncode == 0
    assert codes["input.format"]["summary"].split(".")[0] in done.stdout


def test_version():
    assert crosswalk.__version__.count(".") == 2
