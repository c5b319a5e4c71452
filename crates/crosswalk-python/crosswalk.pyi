"""Crosswalk: research metadata between formats through the DataCite Metadata Schema 4.7,
DataCite REST API payloads, and validation as DataCite validates.

Type stubs of the extension module (built from crates/crosswalk-python). Exceptions are for usage
errors only (an unknown format or event name, a bad option: ValueError; a wrong argument type:
TypeError; a path that cannot be read: OSError). A bad record is a Record with diagnostics.
"""

import os
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

def write(record: Union[Record, dict[str, Any]], format: str, *, line: bool = False) -> str:
    """The ``record`` (or a dict of DataCite attributes) written in ``format``; JSON on one line
    with ``line=True``. Does not validate."""

def written(record: Union[Record, dict[str, Any]], format: str, *, line: bool = False) -> Written:
    """As ``write``, with what the format could not hold."""

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
) -> list[Verdict]:
    """``crosswalk validate``'s verdict on every record of ``data`` (a document, a payload or
    attributes dict, or a pathlib path)."""

def detect(data: Content) -> Optional[str]:
    """The format name detected from ``data``, or None."""

def formats() -> list[dict[str, Any]]:
    """What ``crosswalk formats`` lists: name, aliases, mime, read, write, description."""

def codes() -> list[dict[str, str]]:
    """Every diagnostic code: code, severity, summary."""
