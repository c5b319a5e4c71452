"""crosswalk.harvest and crosswalk.fetch against the fake DataCite server: a few hundred records
by cursor and by OAI-PMH, every record once (the server repeats records across pages and expires
a token), resumable through the state and output the command line uses."""

import gzip
import json

import pytest

import crosswalk
from conftest import run_cli


def test_fetch_reads_a_doi_as_a_record(fake_datacite, anonymous):
    server = fake_datacite("--records", "3")
    record = crosswalk.fetch("https://doi.org/10.5072/REC-00001", endpoint=server.url, rate="unlimited")
    assert record.ok and record.doi == "10.5072/rec-00001"
    assert record.attributes["titles"] == [{"title": "Record 1"}]
    assert record.input == f"{server.url}/dois/10.5072/REC-00001"
    missing, found = crosswalk.fetch(["10.5072/missing", "10.5072/rec-00002"], endpoint=server.url, rate="unlimited")
    assert not missing.ok and missing.diagnostics[0].code.startswith("datacite.")
    assert found.ok and found.doi == "10.5072/rec-00002"
    assert not any(s["authorized"] for s in server.seen())


def test_a_harvest_by_cursor_gives_every_record_once(fake_datacite, anonymous):
    server = fake_datacite("--records", "300", "--duplicate-across-pages")
    harvest = crosswalk.harvest(endpoint=server.url, page_size=40, rate="unlimited")
    records = list(harvest)
    dois = [r.doi for r in records]
    assert sorted(dois) == [f"10.5072/rec-{i:05d}" for i in range(300)]
    assert all(r.ok for r in records)
    assert [r.index for r in records] == list(range(300))
    assert harvest.done and harvest.records == 300 and harvest.total == 300
    assert harvest.duplicates > 0 and harvest.pages >= 8
    # Filters go with every page.
    some = list(crosswalk.harvest(query="Record 29", endpoint=server.url, page_size=5, rate="unlimited"))
    assert {r.doi for r in some} == {"10.5072/rec-00029"} | {f"10.5072/rec-{i:05d}" for i in range(290, 300)}


def test_a_harvest_goes_on_where_it_stopped_and_the_cli_continues_it(fake_datacite, anonymous, tmp_path):
    server = fake_datacite("--records", "250")
    out = tmp_path / "dump.jsonl.gz"
    first = crosswalk.harvest(endpoint=server.url, page_size=50, rate="unlimited", output=out)
    taken = [next(first) for _ in range(120)]  # two pages whole, the third begun
    first.close()
    assert first.state == tmp_path / "dump.jsonl.gz.harvest.db"
    assert not out.exists() and (tmp_path / "dump.jsonl.gz.partial").exists()
    # The same call goes on after the pages taken whole (the third page is asked again).
    second = crosswalk.harvest(endpoint=server.url, page_size=50, rate="unlimited", output=out)
    rest = [r.doi for r in second]
    assert len(rest) == 150 and rest[0] == "10.5072/rec-00100"
    assert second.done and second.records == 250
    lines = [json.loads(line) for line in gzip.decompress(out.read_bytes()).decode().splitlines()]
    assert sorted(item["id"] for item in lines) == [f"10.5072/rec-{i:05d}" for i in range(250)]
    assert {r.doi for r in taken[:100]} == {item["id"] for item in lines[:100]}
    # The command line's harvest of the same query and output is this one: complete already.
    cli = run_cli("harvest", "--endpoint", server.url, "--rate", "unlimited", "-o", out)
    assert cli.returncode == 0 and "complete already" in cli.stderr, cli.stderr

    # Begun by the module, finished by the command line.
    out2 = tmp_path / "other.jsonl"
    partial = crosswalk.harvest(endpoint=server.url, page_size=60, rate="unlimited", output=out2)
    for _ in range(61):
        next(partial)
    partial.close()
    cli = run_cli("harvest", "--endpoint", server.url, "--rate", "unlimited", "--page-size", "60", "-o", out2)
    assert cli.returncode == 0, cli.stderr
    ids = [json.loads(line)["id"] for line in out2.read_text().splitlines()]
    assert sorted(ids) == [f"10.5072/rec-{i:05d}" for i in range(250)]


def test_an_oai_pmh_harvest_gives_every_record_once(fake_datacite, anonymous, tmp_path):
    # The token of request 3 has expired: the list starts again, the records had left out.
    server = fake_datacite("--records", "230", "--oai-page-size", "40", "--oai-bad-token-at", "3")
    out = tmp_path / "oai.xml"
    harvest = crosswalk.harvest(oai=f"{server.url}/oai", metadata_prefix="oai_datacite", rate="unlimited",
                                output=out)
    records = list(harvest)
    # DataCite's OAI-PMH writes DOIs in capitals.
    assert sorted(r.doi.lower() for r in records) == [f"10.5072/rec-{i:05d}" for i in range(230)]
    assert all(r.ok for r in records), [str(d) for r in records for d in r.diagnostics if d.severity == "error"][:3]
    assert harvest.done and harvest.records == 230 and harvest.duplicates > 0
    assert not any(s["authorized"] for s in server.seen())
    # The output is one OAI-PMH document that reading gives back.
    again = crosswalk.read(out.read_bytes())
    assert sorted(r.doi for r in again) == sorted(r.doi for r in records)
    # Dublin Core, as JSON Lines, by set of dates: the same records, read by the Dublin Core reader.
    dc = list(crosswalk.harvest(oai=f"{server.url}/oai", rate="unlimited", output=tmp_path / "dc.jsonl"))
    assert len(dc) == 230 and len((tmp_path / "dc.jsonl").read_text().splitlines()) == 230


def test_harvest_usage_errors(anonymous):
    with pytest.raises(ValueError, match="OAI-PMH"):
        crosswalk.harvest(oai="https://oai.example.org/oai", client_id="x.y")
    with pytest.raises(ValueError, match="oai"):
        crosswalk.harvest(set="X")
    with pytest.raises(ValueError, match="base URL"):
        crosswalk.harvest(oai="https://oai.example.org/oai?verb=Identify")


def test_a_harvest_that_stops_raises_and_the_same_call_goes_on(fake_datacite, anonymous, tmp_path):
    # The second page is refused (500, no retry): HarvestError; the page before is recorded.
    server = fake_datacite("--records", "90", "--fault", "2=500")
    out = tmp_path / "h.jsonl"
    harvest = crosswalk.harvest(endpoint=server.url, page_size=40, rate="unlimited", retries=0, output=out)
    taken = []
    with pytest.raises(crosswalk.HarvestError) as stopped:
        for record in harvest:
            taken.append(record.doi)
    assert isinstance(stopped.value, OSError) and len(taken) == 40
    assert stopped.value.diagnostics and stopped.value.diagnostics[0].severity == "error"
    rest = [r.doi for r in crosswalk.harvest(endpoint=server.url, page_size=40, rate="unlimited", output=out)]
    assert sorted(taken + rest) == [f"10.5072/rec-{i:05d}" for i in range(90)]
    assert len(out.read_text().splitlines()) == 90
