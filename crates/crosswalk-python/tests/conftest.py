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


def fake_datacite_binary():
    """The fake DataCite server program: $FAKE_DATACITE_BIN, else target/debug or target/release."""
    named = os.environ.get("FAKE_DATACITE_BIN")
    if named:
        return pathlib.Path(named)
    for profile in ("debug", "release"):
        candidate = ROOT / "target" / profile / "fake-datacite"
        if candidate.exists():
            return candidate
    pytest.skip("no fake-datacite program (cargo build -p crosswalk-fake-datacite, or set FAKE_DATACITE_BIN): "
                "the upload and harvest tests are skipped")


class FakeDataCite:
    """The fake DataCite server (crates/crosswalk-fake-datacite) as a child process: `url`, and
    what it holds (`dois()`) and saw (`seen()`), asked on its standard input."""

    def __init__(self, *args):
        self.process = subprocess.Popen([str(fake_datacite_binary()), *map(str, args)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()
        assert self.url.startswith("http://127.0.0.1:"), self.url

    def ask(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def dois(self):
        return self.ask("dois")

    def seen(self):
        return self.ask("seen")

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=30)


@pytest.fixture
def fake_datacite():
    """Starts fake DataCite servers with the program's arguments; stops them after the test."""
    servers = []

    def start(*args):
        server = FakeDataCite(*args)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


# The fake server's account (crosswalk-fake-datacite's Options::default()).
USERNAME, PASSWORD = "TEST.REPO", "secret-password"


@pytest.fixture
def no_proxy(monkeypatch):
    """No proxy between the client and the server on 127.0.0.1."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def credentials(monkeypatch, no_proxy):
    """The fake server's account in the environment, where the client reads it."""
    monkeypatch.setenv("DATACITE_USERNAME", USERNAME)
    monkeypatch.setenv("DATACITE_PASSWORD", PASSWORD)


@pytest.fixture
def anonymous(monkeypatch, no_proxy):
    monkeypatch.delenv("DATACITE_USERNAME", raising=False)
    monkeypatch.delenv("DATACITE_PASSWORD", raising=False)
