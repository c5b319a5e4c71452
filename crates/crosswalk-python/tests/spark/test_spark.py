"""The Spark example, in local mode: 20,000 records of DataCite's public data file layout in 8
gzip parts (some lines broken), converted by `spark-submit --master local[2]`; the union of the
partitions' outputs is the single-machine CLI's output, record for record, and the failures are
the CLI's, at the same lines. Skips, saying why, when PySpark or Java is missing."""

import collections
import gzip
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import crosswalk
from conftest import ROOT, api_record, run_cli

EXAMPLE = ROOT / "examples" / "spark" / "convert_public_data_file.py"
PARTS, PER_PART = 8, 2500


def spark_submit():
    try:
        import pyspark
    except ImportError:
        pytest.skip("pyspark is not installed (cargo xtask test installs it from PyPI; offline?): Spark test skipped")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime (apt-get install default-jre-headless): Spark test skipped")
    return pathlib.Path(pyspark.__file__).parent / "bin" / "spark-submit"


def broken(n):
    """Every 997th line is broken one way or another: failed records, located."""
    if n % 997 != 5:
        return None
    return ['{"id": "10.5072/broken", "type": "dois", "attributes": {"doi": ',  # cut short
            api_record(f"10.5072/part-{n:06d}", f"Record {n}", publicationYear=[1, 2]),  # a list for a year
            ][n % 2]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    root = tmp_path_factory.mktemp("public-data-file")
    parts = root / "parts"
    parts.mkdir()
    n = 0
    for p in range(PARTS):
        lines = []
        for _ in range(PER_PART):
            lines.append(broken(n) or api_record(f"10.5072/part-{n:06d}", f"Record {n} — données",
                                                 subjects=[{"subject": f"topic {n % 7}"}]))
            n += 1
        (parts / f"part-{p:04d}.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    (parts / "MANIFEST.csv").write_text("not read\n")
    return root


def run_spark(dataset, to):
    output = dataset / f"spark-{to}"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    done = subprocess.run(
        [str(spark_submit()), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
         "--driver-memory", "1g", str(EXAMPLE), "--input", str(dataset / "parts"), "--to", to,
         "--output", str(output)],
        capture_output=True, text=True, env=env,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return output, json.loads((output / "report.json").read_text())


def part_lines(directory):
    for path in sorted(directory.glob("part-*")):
        yield from path.read_text().splitlines()


def cli_failures(report):
    return sorted(
        (pathlib.Path(f["input"]).name, f["line"], d["code"])
        for f in report["failures"] for d in f["diagnostics"] if d["severity"] == "error"
    )


def spark_failures(output):
    return sorted(
        (pathlib.Path(row["file"]).name, row["record_line"], row["code"])
        for row in map(json.loads, part_lines(output / "failures")) if row["severity"] == "error"
    )


def test_datacite_json_is_the_cli_output_record_for_record(dataset):
    output, report = run_spark(dataset, "datacite-json")
    cli_report = dataset / "cli-json-report.json"
    done = run_cli("convert", dataset / "parts", "--to", "datacite-json", "--no-validate",
                   "-o", dataset / "cli.jsonl", "--report", cli_report, "-q")
    assert done.returncode in (0, 1), done.stderr
    theirs = (dataset / "cli.jsonl").read_text().splitlines()
    ours = list(part_lines(output / "records"))
    # Partitions are written in Spark's order; as multisets, the same records.
    assert collections.Counter(ours) == collections.Counter(theirs)
    assert len(ours) == report["written"]

    cli = json.loads(cli_report.read_text())
    assert (report["read"], report["written"], report["failed"]) == (cli["read"], cli["written"], cli["failed"])
    assert report["read"] == PARTS * PER_PART
    assert report["failed"] > 0
    assert len(report["partitions"]) == PARTS
    assert sum(p["written"] for p in report["partitions"]) == report["written"]
    assert sum(p["failed"] for p in report["partitions"]) == report["failed"]
    assert spark_failures(output) == cli_failures(cli)


def test_datacite_xml_is_the_cli_output_record_for_record(dataset):
    output, report = run_spark(dataset, "datacite-xml")
    directory = dataset / "cli-xml"
    done = run_cli("convert", dataset / "parts", "--to", "datacite-xml", "--no-validate", "-o", f"{directory}/", "-q")
    assert done.returncode in (0, 1), done.stderr
    theirs = {}
    for path in directory.iterdir():
        text = path.read_text()
        theirs[crosswalk.read(text)[0].doi] = text.rstrip("\n")
    ours = {row["doi"]: row["text"] for row in map(json.loads, part_lines(output / "records"))}
    assert len(ours) == report["written"] == len(theirs)
    assert ours == theirs
