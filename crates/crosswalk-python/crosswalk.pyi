"""Crosswalk: research metadata between formats through the DataCite Metadata Schema 4.7,
DataCite REST API payloads, and validation as DataCite validates.

Type stubs of the extension module (built from crates/crosswalk-python). Exceptions are for usage
errors only (an unknown format or event name, a bad option: ValueError; a wrong argument type:
TypeError; a path that cannot be read: OSError). A bad record is a Record with diagnostics.
"""

import os
import pathlib
from collections.abc import Iterable, Iterator
from typing import IO, Any, Literal, Optional, Union

__version__: str

Severity = Literal["error", "warning", "info"]
Content = Union[bytes, bytearray, memoryview, str]
PathLike = Union[str, "os.PathLike[str]"]

class Refused(ValueError):
    """A payload the record cannot become (a required property missing, no DOI or prefix, a
    value the reader cut short); ``diagnostics`` says why."""

    diagnostics: list[Diagnostic]

class Location:
    """Where a diagnostic points: 1-based ``line`` and ``column``, and ``path`` (an XML element
    path such as ``/resource/creators/creator[2]``, or a JSON pointer such as
    ``/creators/1/name``); each may be None."""

    @property
    def line(self) -> Optional[int]: ...
    @property
    def column(self) -> Optional[int]: ...
    @property
    def path(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """``{"line": ..., "column": ..., "path": ...}``."""

class Diagnostic:
    """One thing said about a record: ``severity``, a stable ``code`` (see ``codes()``), a
    ``message`` naming the value concerned, and its ``location``."""

    @property
    def severity(self) -> Severity: ...
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def location(self) -> Location: ...
    def to_dict(self) -> dict[str, Any]:
        """``severity``, ``code``, ``message``, ``line``, ``column``, ``path``: a row."""

class Record:
    """One record as read. Not constructed in Python: ``read`` and ``stream`` make them."""

    @property
    def attributes(self) -> dict[str, Any]:
        """The metadata, exactly the REST API's ``attributes`` object (a new dict each time)."""
    @property
    def diagnostics(self) -> list[Diagnostic]:
        """What the reader said, in source order."""
    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error."""
    @property
    def doi(self) -> Optional[str]: ...
    @property
    def key(self) -> Optional[str]:
        """The record's own key in its source (a DOI, a citation key, a RIS ID)."""
    @property
    def index(self) -> int:
        """0-based position in its input."""
    @property
    def position(self) -> Optional[int]:
        """1-based position among every record of the call."""
    @property
    def line(self) -> Optional[int]:
        """The line where the record starts in its input."""
    @property
    def input(self) -> Optional[str]:
        """The input's name: a path, ``<bytes>``, a file object's name, ``<iterable>``."""

class Written:
    """A written document and what the format could not hold."""

    @property
    def text(self) -> str: ...
    @property
    def diagnostics(self) -> list[Diagnostic]: ...

class Verdict:
    """Will DataCite accept this record as it is? ``valid`` and the located ``findings``."""

    @property
    def valid(self) -> bool: ...
    @property
    def findings(self) -> list[Diagnostic]: ...
    @property
    def input(self) -> str: ...
    @property
    def index(self) -> int: ...
    @property
    def key(self) -> Optional[str]: ...
    def __bool__(self) -> bool: ...

class Built:
    """A payload as built: ``payload`` (None when refused), ``diagnostics``, ``ok`` (built and
    no error, validation's included when asked)."""

    @property
    def payload(self) -> Optional[dict[str, Any]]: ...
    @property
    def diagnostics(self) -> list[Diagnostic]: ...
    @property
    def ok(self) -> bool: ...

class Stream(Iterator[Record]):
    """A lazy iterator of records: one in memory at a time, inputs opened in order."""

    def __iter__(self) -> Stream: ...
    def __next__(self) -> Record: ...
    def close(self) -> None:
        """Stops reading and closes the inputs."""
    def __enter__(self) -> Stream: ...
    def __exit__(self, *args: object) -> None: ...

def read(data: Content, format: Optional[str] = None) -> list[Record]:
    """Every record of ``data`` (bytes, or str as UTF-8); the format detected unless named;
    gzip decompressed. Unreadable data is one record with an error, never an exception."""

def stream(
    source: Union[PathLike, Content, list[Union[PathLike, bytes]], tuple[Union[PathLike, bytes], ...], IO[bytes], Iterable[Union[bytes, str]]],
    format: Optional[str] = None,
) -> Stream:
    """Records lazily from a path (a file, or a directory walked for known formats, ``.gz``
    included), a list of paths and bytes, a binary file object, or an iterable of chunks (with
    their line ends). A path that does not exist raises FileNotFoundError."""

def write(
    record: Union[Record, dict[str, Any]],
    format: str,
    *,
    line: bool = False,
    style: Optional[str] = None,
    locale: Optional[str] = None,
    html: bool = False,
    depositor_name: Optional[str] = None,
    depositor_email: Optional[str] = None,
    registrant: Optional[str] = None,
    batch_id: Optional[str] = None,
    timestamp: Optional[int] = None,
) -> str:
    """The ``record`` (or a dict of DataCite attributes) written in ``format``; JSON on one line
    with ``line=True``. Does not validate. Raises ``Refused`` (with ``.diagnostics``) for a record
    the format refuses, such as a Crossref deposit without a landing-page URL.

    ``format="citation"`` takes ``style`` (a CSL repository style by name, or a ``.csl`` file's
    path; APA by default), ``locale`` (``"de-DE"``) and ``html=True``. ``format="crossref-xml"``
    takes the deposit's head: ``depositor_name``, ``depositor_email``, ``registrant``,
    ``batch_id``, ``timestamp`` (yyyymmddhhmmss; 0 when not given, see ``crossref_timestamp``).
    Options of another format raise ``ValueError``."""

def written(
    record: Union[Record, dict[str, Any]],
    format: str,
    *,
    line: bool = False,
    style: Optional[str] = None,
    locale: Optional[str] = None,
    html: bool = False,
    depositor_name: Optional[str] = None,
    depositor_email: Optional[str] = None,
    registrant: Optional[str] = None,
    batch_id: Optional[str] = None,
    timestamp: Optional[int] = None,
) -> Written:
    """As ``write``, with what the format could not hold (a refused record: empty text and the
    error among the diagnostics)."""

def crossref_timestamp() -> int:
    """Now as Crossref's deposit timestamp (yyyymmddhhmmss, UTC), as the command line's default
    ``--timestamp``."""

def build_payload(
    record: Union[Record, dict[str, Any]],
    *,
    doi: Optional[str] = None,
    prefix: Optional[str] = None,
    event: Optional[Literal["publish", "register", "hide"]] = None,
    url: Optional[str] = None,
    xml: bool = False,
    url_template: Optional[str] = None,
    publisher: Optional[str] = None,
    resource_type_general: Optional[str] = None,
    publication_year_from_date: bool = False,
    partial: bool = False,
    validate: bool = False,
) -> Built:
    """The JSON:API payload for ``POST /dois`` or ``PUT /dois/{doi}``, as ``crosswalk payload``
    builds it, with its diagnostics; refused payloads have ``payload=None``. ``validate=True``
    adds what DataCite will say of it (``crosswalk payload``'s check)."""

def payload(
    record: Union[Record, dict[str, Any]],
    *,
    doi: Optional[str] = None,
    prefix: Optional[str] = None,
    event: Optional[Literal["publish", "register", "hide"]] = None,
    url: Optional[str] = None,
    xml: bool = False,
    url_template: Optional[str] = None,
    publisher: Optional[str] = None,
    resource_type_general: Optional[str] = None,
    publication_year_from_date: bool = False,
    partial: bool = False,
    validate: bool = False,
) -> dict[str, Any]:
    """``build_payload(...).payload``; raises Refused when the record cannot be registered."""

def validate(
    data: Union[Content, dict[str, Any], "os.PathLike[str]"],
    *,
    format: Optional[str] = None,
    strict: bool = False,
    findable: bool = False,
    schema: Optional[PathLike] = None,
    xsd: bool = False,
) -> list[Verdict]:
    """``crosswalk validate``'s verdict on every record of ``data`` (a document, a payload or
    attributes dict, or a pathlib path); ``xsd=True`` is ``--validate xsd``."""

def detect(data: Content) -> Optional[str]:
    """The format name detected from ``data``, or None."""

def formats() -> list[dict[str, Any]]:
    """What ``crosswalk formats`` lists: name, aliases, mime, read, write, description."""

def codes() -> list[dict[str, str]]:
    """Every diagnostic code: code, severity, summary."""

# DataCite's REST API and OAI-PMH. Credentials come from the environment only
# (DATACITE_USERNAME, DATACITE_PASSWORD): no argument takes them, and no message shows them.

Endpoint = Union[Literal["test", "production"], str]
"""``"test"`` (https://api.test.datacite.org), ``"production"`` (https://api.datacite.org), or
another server's URL with DataCite's API (``https://``, or ``http://`` on a loopback address)."""

class CredentialsError(ValueError):
    """DATACITE_USERNAME or DATACITE_PASSWORD missing from the environment (raised before anything
    is read or sent), or the credentials refused by DataCite (401: the upload stops; ``uploads``
    holds what was done before, ``diagnostics`` DataCite's answer)."""

    diagnostics: list[Diagnostic]
    uploads: Uploads

class HarvestError(OSError):
    """A harvest stopped before its end (a page refused, or unanswered after every retry; the
    output or state not writable). ``diagnostics`` says why. What was harvested is recorded: the
    same call again goes on."""

    diagnostics: list[Diagnostic]

UploadOutcome = Literal[
    "created", "updated", "unchanged", "failed", "uncertain", "refused", "create", "update", "create or update", "skip"
]

class Upload:
    """One record's outcome of ``upload``."""

    @property
    def outcome(self) -> UploadOutcome:
        """``created``, ``updated``, ``unchanged`` (registered already: nothing sent), ``failed``
        (DataCite refused it, or it could not be sent after every retry), ``uncertain`` (an answer
        lost and not yet resolved: the next run looks the DOI up), ``refused`` (not sent: the
        payload could not be built, or DataCite would refuse it); in a dry run what would be
        done: ``create``, ``update``, ``create or update``, ``skip``."""
    @property
    def doi(self) -> Optional[str]: ...
    @property
    def url(self) -> Optional[str]:
        """The landing page sent."""
    @property
    def state(self) -> Optional[str]:
        """The DOI's state at DataCite: ``draft``, ``registered``, ``findable``."""
    @property
    def input(self) -> str:
        """The input's name, as the state file knows the record (with its key or number)."""
    @property
    def index(self) -> int:
        """0-based position in its input."""
    @property
    def key(self) -> Optional[str]:
        """The record's key, as the state file knows it."""
    @property
    def ok(self) -> bool:
        """Registered as asked (created, updated, unchanged), or in a dry run planned."""
    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The payload builder's, the checks' and DataCite's (at the attribute concerned)."""

class Uploads:
    """What ``upload`` did; iterating gives the outcomes."""

    @property
    def outcomes(self) -> list[Upload]: ...
    @property
    def counts(self) -> dict[str, Any]:
        """``created``, ``updated``, ``unchanged``, ``failed``, ``uncertain``, ``refused``, and
        ``would`` (a dry run's plan: ``{"create": n, "skip": m, ...}``)."""
    @property
    def ok(self) -> bool:
        """Every record registered as asked."""
    @property
    def requests(self) -> int: ...
    @property
    def retries(self) -> int: ...
    @property
    def endpoint(self) -> str: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Upload]: ...

UploadItem = Union[Record, dict[str, Any], tuple[str, Union[Record, dict[str, Any]]]]

def upload(
    records: Union[PathLike, Content, IO[bytes], Iterable[UploadItem]],
    *,
    state: PathLike = "upload.db",
    endpoint: Endpoint = "test",
    input: Optional[str] = None,
    format: Optional[str] = None,
    doi: Optional[str] = None,
    prefix: Optional[str] = None,
    event: Optional[Literal["publish", "register", "hide"]] = None,
    url: Optional[str] = None,
    xml: bool = False,
    url_template: Optional[str] = None,
    publisher: Optional[str] = None,
    resource_type_general: Optional[str] = None,
    publication_year_from_date: bool = False,
    partial: bool = False,
    update: bool = False,
    dry_run: bool = False,
    server_suffix: bool = False,
    rate: Optional[str] = None,
    retries: int = 8,
    timeout: float = 120.0,
    jobs: int = 4,
    validate: bool = True,
    strict: bool = False,
) -> Uploads:
    """Registers records with DataCite, each exactly once, as ``crosswalk upload`` does, through
    the same ``state`` file (SQLite): a rerun continues, a registered record is ``unchanged``, a
    lost answer is looked up before anything is sent again, and the command line and the module
    can share a state.

    ``records``: a path, bytes or a binary file (read as ``stream`` reads them; the state knows
    each record by the input's name and its key or number, as ``crosswalk upload PATH`` does), or
    an iterable of ``Record``s, dicts (attributes or payloads) and ``(key, record)`` pairs (the
    key, e.g. the repository's own record id, is what the state knows the record by: give keys
    when one state serves many calls). ``input`` names the input of every record (dicts default
    to ``<python>``).

    The payload options are ``payload``'s; ``endpoint``, ``rate`` (``N/5m``; the endpoint's
    default, never above DataCite's limits; ``unlimited`` only for a server of one's own),
    ``retries``, ``timeout``, ``jobs`` (connections), ``update`` (PUT an existing DOI),
    ``dry_run``, ``server_suffix``, ``validate`` and ``strict`` are ``crosswalk upload``'s. Each
    payload is checked as DataCite will; one it would refuse is ``refused``, not sent.

    Raises CredentialsError (credentials missing, or refused), ValueError (a bad option, a state
    made for another endpoint or account), OSError (the state failed mid-run). Ctrl-C stops
    sending between records: the records under way finish, the state is consistent, and
    KeyboardInterrupt is raised (call again to continue). The GIL is released while it runs."""

def fetch(
    doi: Union[str, Iterable[str]],
    *,
    endpoint: Endpoint = "production",
    rate: Optional[str] = None,
    timeout: float = 120.0,
) -> Any:
    """``GET /dois/{doi}``, as ``crosswalk fetch``: a ``Record`` (a list of them for a list of
    DOIs; any DOI form: ``10.5438/0012``, ``doi:…``, ``https://doi.org/…``). A DOI that cannot be
    fetched (not found, not visible, unreachable) is a failed Record with DataCite's diagnostics.
    With the credentials in the environment, a repository's own drafts are visible too."""

class Harvest(Iterator[Record]):
    """A harvest: the records, lazily, page by page. A page is recorded in the state once every
    record of it was taken; ``close()`` (or leaving a ``with`` block) stops, and the same call
    again goes on after the pages taken whole."""

    def __iter__(self) -> Harvest: ...
    def __next__(self) -> Record: ...
    def run(self) -> Harvest:
        """Harvests to the end without handing out records (with ``output``, writes the file)."""
    def close(self) -> None: ...
    def __enter__(self) -> Harvest: ...
    def __exit__(self, *args: object) -> None: ...
    @property
    def records(self) -> int:
        """Records harvested in all, the earlier runs' included."""
    @property
    def pages(self) -> int:
        """Pages read by this call."""
    @property
    def duplicates(self) -> int:
        """Records left out because the harvest had them already."""
    @property
    def deleted(self) -> int:
        """OAI-PMH records marked deleted (handed out as failed records, ``oai.deleted``)."""
    @property
    def total(self) -> Optional[int]:
        """How many records the server said the list holds."""
    @property
    def done(self) -> bool: ...
    @property
    def output(self) -> Optional[pathlib.Path]: ...
    @property
    def state(self) -> Optional[pathlib.Path]: ...

def harvest(
    *,
    query: Optional[str] = None,
    client_id: Optional[str] = None,
    provider_id: Optional[str] = None,
    consortium_id: Optional[str] = None,
    resource_type_id: Optional[str] = None,
    person_id: Optional[str] = None,
    registered: Optional[str] = None,
    created: Optional[str] = None,
    schema_version: Optional[str] = None,
    filters: Optional[Union[dict[str, str], Iterable[tuple[str, str]]]] = None,
    page_size: int = 1000,
    detail: bool = False,
    oai: Optional[str] = None,
    metadata_prefix: str = "oai_dc",
    set: Optional[str] = None,
    from_: Optional[str] = None,
    until: Optional[str] = None,
    endpoint: Endpoint = "production",
    rate: Optional[str] = None,
    retries: int = 8,
    timeout: float = 120.0,
    output: Optional[PathLike] = None,
    state: Optional[PathLike] = None,
) -> Harvest:
    """Harvests DataCite (``GET /dois`` by cursor, the query and filters on every page) or, with
    ``oai=URL``, an OAI-PMH repository (``ListRecords`` of ``metadata_prefix``, perhaps of one
    ``set`` and between ``from_`` and ``until``, by resumptionToken; anonymous), as ``crosswalk
    harvest`` does: an iterator of ``Record``s, every record once (by DOI, or OAI identifier).
    OAI-PMH records marked deleted are failed records (``oai.deleted``).

    Without ``state`` or ``output`` nothing is kept between calls. With ``output``, the records
    are also written as ``crosswalk harvest -o`` writes them (JSON Lines of the API's objects, or
    for OAI-PMH one XML document for ``.xml``/``.xml.gz`` and JSON Lines otherwise; gzip for
    ``.gz``), as ``OUTPUT.partial`` until the end, and the state defaults to
    ``OUTPUT.harvest.db``: the same call again, or the same ``crosswalk harvest``, goes on where
    it stopped. Raises ValueError for a bad option, HarvestError when the harvest stops."""
