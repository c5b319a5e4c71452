"""crosswalk.stream: lazy records from paths, directories, .gz, file objects and iterables."""

import gzip
import io
import json

import pytest

import crosswalk
from conftest import TESTDATA, run_cli, write_parts


def test_a_directory_of_gzip_parts(tmp_path):
    parts = write_parts(tmp_path / "parts", parts=3, per_part=50)
    (parts / "MANIFEST.csv").write_text("ignored\n")
    (parts / ".hidden.jsonl").write_text("ignored\n")
    records = list(crosswalk.stream(parts))
    assert [r.doi for r in records] == [f"10.5072/part-{n:06d}" for n in range(150)]
    assert all(r.ok for r in records)
    assert [r.position for r in records] == list(range(1, 151))
    assert records[50].index == 0 and records[50].input.endswith("part-0001.jsonl.gz")
    assert records[51].line == 2
    # str and pathlib paths alike, and lists of them.
    assert len(list(crosswalk.stream(str(parts)))) == 150
    files = sorted(parts.glob("*.gz"))
    assert [r.doi for r in crosswalk.stream([files[2], str(files[0])])][:1] == ["10.5072/part-000100"]


def test_the_union_is_the_cli_conversion(tmp_path):
    """Record for record what `crosswalk convert DIR --to datacite-json` writes."""
    parts = write_parts(tmp_path / "parts", parts=4, per_part=25)
    done = run_cli("convert", parts, "--to", "datacite-json", "--no-validate")
    assert done.returncode == 0, done.stderr
    ours = [crosswalk.write(r, "datacite-json", line=True) for r in crosswalk.stream(parts)]
    assert ours == done.stdout.splitlines()


def test_a_binary_file_object(tmp_path):
    data = (TESTDATA / "ris" / "record-ids.ris").read_bytes()
    expected = [r.attributes for r in crosswalk.read(data)]
    assert [r.attributes for r in crosswalk.stream(io.BytesIO(data))] == expected
    path = tmp_path / "export.ris.gz"
    path.write_bytes(gzip.compress(data))
    with open(path, "rb") as f:
        records = list(crosswalk.stream(f))
    assert [r.attributes for r in records] == expected
    assert records[0].input == str(path)


def test_an_iterable_of_lines_is_read_lazily():
    """What a Spark partition hands over: lines; the reader pulls them as it needs them."""
    pulled = []

    def lines():
        for n in range(20000):
            pulled.append(n)
            yield json.dumps({"doi": f"10.5072/line-{n}", "titles": [{"title": f"T{n}"}]}) + "\n"

    records = crosswalk.stream(lines(), format="datacite-json")
    first = next(records)
    assert first.doi == "10.5072/line-0"
    # Read ahead by what detection and buffering take (64 KiB each), not the whole source.
    assert len(pulled) < 5000
    rest = list(records)
    assert len(rest) == 19999 and rest[-1].doi == "10.5072/line-19999"
    assert rest[-1].line == 20000
    # str and bytes chunks alike, cut anywhere.
    text = "".join(json.dumps({"doi": f"10.5072/c-{n}"}) + "\n" for n in range(20))
    chunks = [text[i : i + 7] for i in range(0, len(text), 7)]
    assert [r.doi for r in crosswalk.stream(chunks_of(chunks))] == [f"10.5072/c-{n}" for n in range(20)]
    assert [r.doi for r in crosswalk.stream(c.encode() for c in chunks)] == [f"10.5072/c-{n}" for n in range(20)]


def chunks_of(items):
    yield from items


def test_an_exception_of_the_source_is_raised_again():
    def failing():
        yield b'{"doi": "10.5072/a"}\n'
        raise RuntimeError("the partition broke")

    with pytest.raises(RuntimeError, match="the partition broke"):
        list(crosswalk.stream(failing(), format="datacite-json"))


def test_bad_inputs_are_records_and_the_stream_goes_on(tmp_path):
    (tmp_path / "a.json").write_text('{"doi": "10.5072/a"}')
    (tmp_path / "b.txt").write_text("neither of the known formats")
    (tmp_path / "c.ris").write_text("TY  - JOUR\nTI  - C\nER  - \n")
    records = list(crosswalk.stream(tmp_path))
    assert [r.ok for r in records] == [True, False, True]
    assert records[1].diagnostics[0].code == "input.format"


def test_close_and_context_manager(tmp_path):
    parts = write_parts(tmp_path / "parts", parts=2, per_part=10)
    with crosswalk.stream(parts) as records:
        assert next(records).doi == "10.5072/part-000000"
    assert list(records) == []
    records = crosswalk.stream(parts)
    next(records)
    records.close()
    assert list(records) == []


def test_stream_and_read_agree_on_every_fixture():
    for path in sorted((TESTDATA / "citeproc").glob("*.json*")):
        data = path.read_bytes()
        assert [r.attributes for r in crosswalk.stream(path)] == [r.attributes for r in crosswalk.read(data)], path
