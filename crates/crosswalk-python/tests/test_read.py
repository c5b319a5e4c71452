"""crosswalk.read: records with diagnostics, exactly as the Rust readers give them."""

import gzip
import json

import pytest

import crosswalk
from conftest import EXAMPLE, TESTDATA, need_shared, run_cli

READABLE = [f["name"] for f in crosswalk.formats() if f["read"]]


def test_the_bundled_example_reads_as_attributes(example_bytes):
    records = crosswalk.read(example_bytes)
    assert len(records) == 1
    record = records[0]
    assert record.ok
    assert record.doi == "10.5072/crosswalk-example-1"
    attributes = record.attributes
    assert attributes["doi"] == record.doi
    assert attributes["titles"][0]["title"].startswith("Hourly sea-surface temperature")
    # A new dict each time: changing it changes nothing.
    attributes["doi"] = "changed"
    assert record.attributes["doi"] == "10.5072/crosswalk-example-1"
    assert record.index == 0 and record.position == 1 and record.input == "<bytes>"


def test_attributes_are_the_cli_datacite_json(example_bytes):
    """The attributes dict is the REST shape: what `crosswalk convert --to datacite-json` prints."""
    done = run_cli("convert", EXAMPLE, "--to", "datacite-json", "--no-validate")
    assert done.returncode == 0, done.stderr
    assert crosswalk.read(example_bytes)[0].attributes == json.loads(done.stdout)


def test_str_is_read_as_utf8_and_format_names_are_loose(example_bytes):
    assert crosswalk.read(example_bytes.decode())[0].attributes == crosswalk.read(example_bytes)[0].attributes
    for name in ("datacite-xml", "DataCite_XML", "datacite", "application/vnd.datacite.datacite+xml"):
        assert crosswalk.read(example_bytes, format=name)[0].ok


def test_multi_record_inputs_keep_order_and_keys():
    ris = (TESTDATA / "ris" / "record-ids.ris").read_bytes()
    records = crosswalk.read(ris)
    assert len(records) > 1
    assert [r.index for r in records] == list(range(len(records)))
    assert [r.position for r in records] == list(range(1, len(records) + 1))
    lines = [r.line for r in records]
    assert lines == sorted(lines)


def test_gzip_is_decompressed():
    data = (TESTDATA / "datacite-json" / "api-records.jsonl").read_bytes()
    plain = crosswalk.read(data)
    packed = crosswalk.read(gzip.compress(data))
    assert [r.attributes for r in packed] == [r.attributes for r in plain]
    assert [r.doi for r in plain] == ["10.5072/harvest-1", "10.5072/harvest-2"]


def test_every_fixture_reads_without_an_exception():
    count = 0
    for directory in sorted(p for p in TESTDATA.iterdir() if p.is_dir() and p.name not in ("snapshots", "malformed")):
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.suffix != ".md":
                records = crosswalk.read(path.read_bytes())
                assert records, path
                for r in records:
                    assert isinstance(r.attributes, dict)
                    assert all(d.severity in ("error", "warning", "info") for d in r.diagnostics)
                count += 1
    assert count > 100


def malformed_cases():
    """testdata/malformed/expected.txt, as crates/crosswalk-robustness parses it."""
    index = TESTDATA / "malformed" / "expected.txt"
    cases = []
    for raw in index.read_text().splitlines():
        line = raw.split(" # ")[0].strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        if words[-1].startswith("[F"):
            continue  # an open finding: not yet what happens
        cases.append(words)
    return cases


FORMAT_OF = {"datacite-xml": "datacite-xml", "datacite-json": "datacite-json", "crossref-xml": "crossref-xml"}


def test_the_malformed_corpus_gives_the_rust_tests_expectations():
    """Every expectation of testdata/malformed/expected.txt holds through the binding: same
    codes, same line:column, same paths."""
    cache = {}
    checked = 0
    for words in malformed_cases():
        file, rest = words[0], words[1:]
        directory = file.split("/")[0]
        if file not in cache:
            data = (TESTDATA / "malformed" / file).read_bytes()
            cache[file] = crosswalk.read(data, format=FORMAT_OF.get(directory, directory))
        records = cache[file]
        if rest[0] == "records":
            assert len(records) == int(rest[1]), file
            checked += 1
            continue
        number = None
        if rest[0].startswith("#"):
            number, rest = int(rest[0][1:]), rest[1:]
        code, rest = rest[0], rest[1:]
        line = column = path = None
        for word in rest:
            head, _, tail = word.partition(":")
            if tail and head.isdigit():
                line, column = int(head), int(tail)
            else:
                path = word
        pool = records if number is None else [records[number]]
        found = [
            d
            for r in pool
            for d in r.diagnostics
            if d.code == code
            and (line is None or (d.location.line, d.location.column) == (line, column))
            and (path is None or d.location.path == path)
        ]
        assert found, f"{file}: no {code} at {line}:{column} {path or ''}: {[str(d) for r in records for d in r.diagnostics]}"
        checked += 1
    assert checked > 50


def test_bad_input_is_a_record_with_an_error_not_an_exception():
    for data in (b"", b"   ", b"\x00\x01\x02 not a format", b"<resource><unclosed>", b"[{"):
        records = crosswalk.read(data)
        assert len(records) >= 1
        assert not records[-1].ok
        assert any(d.severity == "error" for d in records[-1].diagnostics)
    unrecognised = crosswalk.read(b"neither XML nor JSON")[0]
    assert unrecognised.diagnostics[0].code == "input.format"


def test_diagnostics_are_located():
    data = (TESTDATA / "datacite-xml" / "read-unknown-parts.xml").read_bytes()
    record = crosswalk.read(data)[0]
    located = [d for d in record.diagnostics if d.location.line is not None]
    assert located
    d = located[0]
    assert d.location.line >= 1 and d.location.column >= 1
    assert d.location.path.startswith("/resource")
    assert str(d).startswith(f"{d.severity}[{d.code}] {d.location.line}:{d.location.column}")
    row = d.to_dict()
    assert set(row) == {"severity", "code", "message", "line", "column", "path"}
    assert "Location(line=" in repr(d.location)


def test_every_format_reads():
    assert set(READABLE) >= {"datacite-xml", "datacite-json", "ris", "bibtex", "citeproc", "crossref-xml"}


def test_official_examples_read_clean():
    shared = need_shared()
    examples = sorted((shared / "reference" / "datacite-schema" / "kernel-4.7" / "example").glob("*.xml"))
    assert examples
    for path in examples:
        records = crosswalk.read(path.read_bytes())
        assert len(records) == 1 and records[0].ok, (path, [str(d) for d in records[0].diagnostics])


@pytest.mark.parametrize("name", ["bolognese-fixtures"])
def test_real_world_fixtures_never_raise(name):
    shared = need_shared()
    for path in sorted((shared / "reference" / name).rglob("*")):
        if path.is_file():
            assert crosswalk.read(path.read_bytes()), path
