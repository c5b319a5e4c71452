"""Exceptions are for usage errors only; a bad record is a record with diagnostics."""

import pytest

import crosswalk


def test_unknown_format_names_raise_value_error(example_bytes):
    with pytest.raises(ValueError, match='unknown format "marc"'):
        crosswalk.read(example_bytes, format="marc")
    record = crosswalk.read(example_bytes)[0]
    with pytest.raises(ValueError, match="known formats: datacite-xml"):
        crosswalk.write(record, "marc")
    with pytest.raises(ValueError, match="writing crossref-json is not supported"):
        crosswalk.write(record, "crossref-json")
    with pytest.raises(ValueError):
        crosswalk.stream(".", format="nope")
    with pytest.raises(ValueError):
        crosswalk.validate(example_bytes, format="nope")


def test_bad_options_raise_value_error(example_bytes):
    record = crosswalk.read(example_bytes)[0]
    with pytest.raises(ValueError, match='unknown event "publsh"'):
        crosswalk.payload(record, prefix="10.1234", event="publsh")
    with pytest.raises(ValueError, match="is not a resourceTypeGeneral"):
        crosswalk.payload(record, prefix="10.1234", resource_type_general="Spreadsheet")
    with pytest.raises(ValueError):
        crosswalk.validate(example_bytes, schema="/nonexistent/metadata.xsd")
    with pytest.raises(TypeError):
        crosswalk.payload(record, prefix="10.1234", unknown_option=True)


def test_unreadable_paths_raise_os_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing"):
        crosswalk.stream(tmp_path / "missing")
    with pytest.raises(FileNotFoundError):
        crosswalk.stream([tmp_path / "missing.json"])
    with pytest.raises(FileNotFoundError):
        crosswalk.validate(tmp_path / "missing.xml")


def test_wrong_types_raise_type_error(example_bytes):
    with pytest.raises(TypeError, match="expected bytes or str"):
        crosswalk.read(42)
    with pytest.raises(TypeError, match="crosswalk.Record or a dict"):
        crosswalk.write("not a record", "datacite-xml")
    with pytest.raises(TypeError):
        crosswalk.stream(42)
    with pytest.raises(TypeError, match="paths and bytes"):
        crosswalk.stream([1, 2])
    with pytest.raises(TypeError):
        crosswalk.Record()


def test_a_dict_holding_several_records_is_a_usage_error():
    page = {"data": [{"attributes": {"doi": "10.5072/a"}}, {"attributes": {"doi": "10.5072/b"}}]}
    with pytest.raises(ValueError, match="holds 2 records"):
        crosswalk.write(page, "datacite-xml")


def test_bad_records_raise_nothing():
    for data in (b"", b"<resource", b"TY  - JOUR\n", b"@article{", b'{"titles": 5}', b"\xff\xfe\x00"):
        for record in crosswalk.read(data):
            crosswalk.write(record, "datacite-json")
            crosswalk.build_payload(record, prefix="10.1234", event="publish")
        crosswalk.validate(data)
