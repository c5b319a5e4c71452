"""crosswalk.upload against the fake DataCite server (the fake-datacite program): each record
registered once, a rerun sending nothing new, a lost answer looked up instead of sent again, the
state file shared with `crosswalk upload`, credentials from the environment only. Faults are
chosen by request number and retried at once (Retry-After: 0 or no retry): nothing waits on a
clock."""

import json
import os

import pytest

import crosswalk
from conftest import PASSWORD, USERNAME, run_cli


def attributes(i):
    return {
        "creators": [{"name": "Nakamura, Aiko", "nameType": "Personal"}],
        "titles": [{"title": f"Sea-surface temperature, mooring {i}"}],
        "publisher": {"name": "Example Data Repository"},
        "publicationYear": 2024,
        "types": {"resourceTypeGeneral": "Dataset"},
    }


def records(n):
    """(key, attributes) pairs: the repository's own record ids are the keys the state knows."""
    return [(f"rec-{i}", attributes(i)) for i in range(n)]


def send(server, state, items, **options):
    options = {"prefix": "10.5072", "event": "publish", "url_template": "https://repo.example.org/{key}",
               "state": state, "endpoint": server.url, "rate": "unlimited", **options}
    return crosswalk.upload(items, **options)


def posts(server):
    return [s for s in server.seen() if s["method"] == "POST"]


def test_each_record_is_registered_once_and_a_rerun_sends_nothing(fake_datacite, credentials, tmp_path):
    server = fake_datacite()
    state = tmp_path / "upload.db"
    done = send(server, state, records(5))
    assert done.ok and len(done) == 5
    assert [u.outcome for u in done] == ["created"] * 5
    assert done.counts == {"created": 5, "updated": 0, "unchanged": 0, "failed": 0, "uncertain": 0,
                           "refused": 0, "would": {}}
    dois = [u.doi for u in done]
    assert len(set(dois)) == 5 and all(d.startswith("10.5072/") for d in dois)
    assert [u.key for u in done] == [f"rec-{i}" for i in range(5)]
    assert all(u.state == "findable" and u.url == f"https://repo.example.org/rec-{i}" for i, u in enumerate(done))
    held = server.dois()
    assert sorted(d["doi"] for d in held) == sorted(dois)
    assert len(posts(server)) == 5 and done.requests == 5

    before = len(server.seen())
    again = send(server, state, records(5))
    assert [u.outcome for u in again] == ["unchanged"] * 5
    assert [u.doi for u in again] == dois
    assert len(server.seen()) == before and again.requests == 0
    # A record added to the catalog is the only one sent.
    more = send(server, state, records(6))
    assert [u.outcome for u in more] == ["unchanged"] * 5 + ["created"]
    assert len(posts(server)) == 6 and len(server.dois()) == 6


def test_a_lost_answer_is_looked_up_not_sent_again(fake_datacite, credentials, tmp_path):
    # Request 1 (the first POST) is done and its answer lost; with no retry the record is
    # uncertain, and the next run looks the DOI up before sending anything.
    server = fake_datacite("--fault", "1=lose")
    state = tmp_path / "upload.db"
    first = send(server, state, records(3), retries=0, jobs=1)
    assert [u.outcome for u in first] == ["uncertain", "created", "created"]
    assert not first.ok and first.counts["uncertain"] == 1
    assert any(d.code == "datacite.uncertain" for d in first.outcomes[0].diagnostics)
    lost = first.outcomes[0].doi
    assert lost and lost in {d["doi"] for d in server.dois()}
    assert len(server.dois()) == 3

    second = send(server, state, records(3), jobs=1)
    assert [u.outcome for u in second] == ["created", "unchanged", "unchanged"]
    assert second.outcomes[0].doi == lost
    assert len(server.dois()) == 3
    assert len(posts(server)) == 3  # one POST a record, the lost one included
    gets = [s for s in server.seen() if s["method"] == "GET"]
    assert [g["path"].split("?")[0] for g in gets] == [f"/dois/{lost}"]


def test_a_429_and_a_503_with_retry_after_0_are_retried_at_once(fake_datacite, credentials, tmp_path):
    server = fake_datacite("--fault", "1=429:0", "--fault", "3=503:0")
    done = send(server, tmp_path / "upload.db", records(2), jobs=1)
    assert [u.outcome for u in done] == ["created", "created"]
    assert done.retries == 2 and done.requests == 4
    assert len(server.dois()) == 2


def test_the_command_line_and_the_module_share_a_state(fake_datacite, credentials, tmp_path):
    server = fake_datacite()
    state = tmp_path / "upload.db"
    catalog = tmp_path / "catalog.jsonl"
    catalog.write_text("".join(json.dumps({"doi": f"10.5072/cat-{i}", **attributes(i)}) + "\n" for i in range(4)))
    options = ["--event", "publish", "--url-template", "https://repo.example.org/{key}", "--state", state,
               "--endpoint", server.url, "--rate", "unlimited"]
    cli = run_cli("upload", catalog, *options)
    assert cli.returncode == 0, cli.stderr
    assert len(server.dois()) == 4
    before = len(server.seen())
    # The same input, by the same name: every record is the state's already.
    done = crosswalk.upload(str(catalog), event="publish", url_template="https://repo.example.org/{key}",
                            state=state, endpoint=server.url, rate="unlimited")
    assert [u.outcome for u in done] == ["unchanged"] * 4
    assert [u.doi for u in done] == [f"10.5072/cat-{i}" for i in range(4)]
    assert [u.input for u in done] == [str(catalog)] * 4
    assert len(server.seen()) == before
    # And the other way round: a record the module registered is the command line's too.
    catalog.write_text(catalog.read_text() + json.dumps({"doi": "10.5072/cat-4", **attributes(4)}) + "\n")
    crosswalk.upload(catalog, event="publish", url_template="https://repo.example.org/{key}", state=state,
                     endpoint=server.url, rate="unlimited")
    cli = run_cli("upload", catalog, *options)
    assert cli.returncode == 0, cli.stderr
    assert "0 created" in cli.stderr and "5 unchanged" in cli.stderr, cli.stderr
    assert len(posts(server)) == 5


def test_credentials_come_from_the_environment_only(fake_datacite, anonymous, tmp_path):
    server = fake_datacite()
    with pytest.raises(crosswalk.CredentialsError) as missing:
        send(server, tmp_path / "upload.db", records(1))
    assert "DATACITE_USERNAME" in str(missing.value) and "DATACITE_PASSWORD" in str(missing.value)
    assert isinstance(missing.value, ValueError)
    assert server.seen() == [] and not (tmp_path / "upload.db").exists()
    # No argument takes them.
    with pytest.raises(TypeError):
        send(server, tmp_path / "upload.db", records(1), password=PASSWORD)


def test_refused_credentials_stop_the_upload_and_are_never_shown(fake_datacite, monkeypatch, no_proxy, tmp_path):
    server = fake_datacite()
    monkeypatch.setenv("DATACITE_USERNAME", USERNAME)
    monkeypatch.setenv("DATACITE_PASSWORD", "not-the-password")
    with pytest.raises(crosswalk.CredentialsError) as refused:
        send(server, tmp_path / "upload.db", records(3), jobs=1)
    text = str(refused.value) + repr(refused.value.uploads) + "".join(map(str, refused.value.diagnostics))
    assert "not-the-password" not in text and "DATACITE_PASSWORD" in str(refused.value)
    assert [d.code for d in refused.value.diagnostics] == ["datacite.credentials"]
    assert len(server.seen()) == 1 and server.dois() == []


def test_a_record_datacite_would_refuse_is_not_sent(fake_datacite, credentials, tmp_path):
    server = fake_datacite()
    incomplete = {"titles": [{"title": "Only a title"}]}
    done = send(server, tmp_path / "upload.db", [("good", attributes(1)), ("bad", incomplete)])
    assert [u.outcome for u in done] == ["created", "refused"]
    assert done.counts["refused"] == 1 and not done.ok
    refused = done.outcomes[1]
    assert not refused.ok and refused.doi is None and refused.key == "bad"
    assert {d.code for d in refused.diagnostics} == {"required.missing"}
    assert "/creators" in {d.location.path for d in refused.diagnostics}
    assert len(posts(server)) == 1


def test_a_dry_run_says_what_would_be_done(fake_datacite, credentials, tmp_path):
    server = fake_datacite()
    state = tmp_path / "upload.db"
    send(server, state, records(2))
    plan = send(server, state, records(3), dry_run=True)
    assert [u.outcome for u in plan] == ["skip", "skip", "create"]
    assert plan.ok and plan.counts["would"] == {"skip": 2, "create": 1}
    assert len(server.dois()) == 2


def test_usage_errors_are_exceptions(credentials, tmp_path):
    with pytest.raises(ValueError, match="http://"):
        crosswalk.upload([], state=tmp_path / "s.db", endpoint="http://datacite.example.org")
    with pytest.raises(ValueError, match="3000/5m"):
        crosswalk.upload([], state=tmp_path / "s.db", endpoint="production", rate="unlimited")
    with pytest.raises(ValueError, match="event"):
        crosswalk.upload([], state=tmp_path / "s.db", event="delete")
    with pytest.raises(TypeError):
        crosswalk.upload([42], state=tmp_path / "s.db", endpoint="http://127.0.0.1:9", rate="unlimited")


def test_the_doi_workflow_example_uploads_once(fake_datacite, credentials, tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    server = fake_datacite()
    command = [sys.executable, str(ROOT / "examples" / "python" / "doi_workflow.py"), "--upload",
               "--endpoint", server.url, "--rate", "unlimited", "--state", str(tmp_path / "deposits.db")]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["created", "10.5072/r7x2-9k41", "findable"]
    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.split()[:2] == ["unchanged", "10.5072/r7x2-9k41"]
    assert [d["doi"] for d in server.dois()] == ["10.5072/r7x2-9k41"] and len(posts(server)) == 1


def test_ctrl_c_stops_between_records_and_a_rerun_continues(fake_datacite, credentials, tmp_path):
    import signal
    import threading

    server = fake_datacite()
    state = tmp_path / "upload.db"

    def interrupt_after_three_requests():
        # Event-driven, not timed: SIGINT once the server has seen three requests.
        while len(server.seen()) < 3:
            pass
        os.kill(os.getpid(), signal.SIGINT)

    thread = threading.Thread(target=interrupt_after_three_requests)
    thread.start()
    with pytest.raises(KeyboardInterrupt):
        send(server, state, records(300), jobs=2)
    thread.join()
    sent = len(posts(server))
    assert 3 <= sent < 300 and len(server.dois()) == sent
    done = send(server, state, records(300), jobs=2)
    assert done.ok and done.counts["created"] + done.counts["unchanged"] == 300
    assert done.counts["unchanged"] == sent
    assert len(server.dois()) == 300 and len(posts(server)) == 300
