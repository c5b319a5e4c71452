"""Shared fixtures of the Python tests: the repository's testdata/ (the Rust tests' fixtures),
the reference material in ../shared (optional: tests that need it skip and say so), and the
command-line binary the binding is compared with."""

import gzip
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
TESTDATA = ROOT / "testdata"
SNAPSHOTS = TESTDATA / "snapshots"
EXAMPLE = TESTDATA / "examples" / "dataset.xml"


def shared_dir():
    """$CROSSWALK_SHARED, else ../shared beside the repository, when present."""
    named = os.environ.get("CROSSWALK_SHARED")
    if named:
        return pathlib.Path(named) if pathlib.Path(named).is_dir() else None
    beside = ROOT.parent / "shared"
    return beside if (beside / "reference").is_dir() else None


def need_shared():
    """The reference material, or a visible skip (pytest -rs lists the reason)."""
    found = shared_dir()
    if found is None:
        pytest.skip("../shared (or $CROSSWALK_SHARED) is absent: the reference-material checks are skipped")
    return found


def cli_binary():
    """The `crosswalk` binary: $CROSSWALK_BIN, else target/release, else target/debug."""
    named = os.environ.get("CROSSWALK_BIN")
    if named:
        return pathlib.Path(named)
    for profile in ("release", "debug"):
        candidate = ROOT / "target" / profile / "crosswalk"
        if candidate.exists():
            return candidate
    pytest.skip("no crosswalk binary (cargo build --bin crosswalk, or set CROSSWALK_BIN): CLI comparisons skipped")


def run_cli(*args, input=None, text=True):
    """Runs the command line; returns the CompletedProcess (text mode unless told: text mode
    reads CRLF line ends as LF)."""
    return subprocess.run([str(cli_binary()), *map(str, args)], input=input, capture_output=True, text=text)


def api_record(doi, title, **extra):
    """One line of DataCite's public data file: a REST API record."""
    attributes = {
        "doi": doi,
        "creators": [{"name": "Nakamura, Aiko", "nameType": "Personal"}],
        "titles": [{"title": title}],
        "publisher": {"name": "Example Data Centre"},
        "publicationYear": 2021,
        "types": {"resourceTypeGeneral": "Dataset"},
    }
    attributes.update(extra)
    return json.dumps({"id": doi, "type": "dois", "attributes": attributes}, ensure_ascii=False)


def write_parts(directory, parts, per_part, compress=True, start=0):
    """A directory of JSON Lines parts (gzip by default), as DataCite's public data file."""
    directory.mkdir(parents=True, exist_ok=True)
    n = start
    for p in range(parts):
        lines = []
        for _ in range(per_part):
            lines.append(api_record(f"10.5072/part-{n:06d}", f"Record {n} — données"))
            n += 1
        text = ("\n".join(lines) + "\n").encode()
        name = f"part-{p:04d}.jsonl" + (".gz" if compress else "")
        (directory / name).write_bytes(gzip.compress(text) if compress else text)
    return directory


@pytest.fixture
def example_bytes():
    return EXAMPLE.read_bytes()
