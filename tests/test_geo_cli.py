"""`conflictdb gazetteer update|info` (cli/gazetteer.py): imports into a copy of the session store."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import shutil
import sqlite3
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictdb.cli import app
from conflictdb.cli import gazetteer as cli_gazetteer
from conflictdb.cli.gazetteer import gazetteer_app
from conflictdb.geo import geonames
from conflictdb.geo.gazetteer import Gazetteer

ARTICLE = (
    Path(__file__).resolve().parents[1] / "src" / "conflictdb" / "examples" / "iq_baghdad_market_2016.txt"
)
ROWS = [
    # geonameid, name, asciiname, alternates, lat, lon, class, code, cc, cc2, admin1, admin2, a3, a4, pop
    ["99100001", "Qaryat Testiyah", "Qaryat Testiyah", "Testiyah", "36.2", "43.1", "P", "PPL", "IQ", "", "15",
     "", "", "", "800", "", "300", "Asia/Baghdad", "2020-01-01"],
    ["99100002", "Kalay Testan", "Kalay Testan", "", "31.6", "65.7", "P", "PPL", "AF", "", "23", "", "", "",
     "0", "", "1000", "Asia/Kabul", "2020-01-01"],
]  # fmt: skip


@pytest.fixture
def store(gazetteer_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the session gazetteer, made the CLI's store for this test only."""
    Gazetteer.open(gazetteer_path).close()  # built if no earlier test needed it
    copy = tmp_path / "gazetteer.sqlite"
    shutil.copy(gazetteer_path, copy)
    monkeypatch.setenv("CONFLICTDB_GAZETTEER", str(copy))
    return copy


def _dump(path: Path) -> Path:
    path.write_text("\n".join("\t".join(row) for row in ROWS) + "\n", encoding="utf-8")
    return path


def _zip(tmp_path: Path) -> Path:
    archive = tmp_path / "XX.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(_dump(tmp_path / "XX.txt"), "XX.txt")
    return archive


def _invoke(*args: str):
    return CliRunner().invoke(gazetteer_app, list(args))


def test_geo_cli_info_shows_path_and_counts(store: Path) -> None:
    result = _invoke("info")
    assert result.exit_code == 0, result.output
    assert str(store) in result.output
    for kind in ("country", "admin1", "admin2", "city", "names"):
        assert kind in result.output


def test_geo_cli_store_built_from_other_data_is_refused_by_name(store: Path) -> None:
    connection = sqlite3.connect(store)
    with connection:  # as if built from an older admin-name table
        connection.execute("UPDATE meta SET value = '1-localis0.9.0-0badf00d' WHERE key = 'version'")
    connection.close()
    before = store.read_bytes()
    for run in (lambda: _invoke("info"), lambda: CliRunner().invoke(app, ["extract", str(ARTICLE)])):
        result = run()
        assert result.exit_code == 1
        output = " ".join(result.output.split())
        assert f"the gazetteer at {store} was built from other data" in output
        assert "delete it to have it built again" in output and "Traceback" not in output
    assert store.read_bytes() == before


def test_geo_cli_update_from_text_file(store: Path, tmp_path: Path) -> None:
    result = _invoke("update", "--from", str(_dump(tmp_path / "XX.txt")))
    assert result.exit_code == 0, result.output
    assert "imported 2 places" in result.output
    gazetteer = Gazetteer.open(store)
    (town,) = [p for p in gazetteer.candidates("Testiyah") if p.country == "IQ"]
    assert town.admin1 == "Ninewa"  # the admin-name table applies to imports too
    gazetteer.close()


def test_geo_cli_update_with_admin_code_files(store: Path, tmp_path: Path) -> None:
    codes = tmp_path / "admin1CodesASCII.txt"
    codes.write_text("AF.23\tQandahar\tKandahar\t1138335\n", encoding="utf-8")
    result = _invoke("update", "--from", str(_zip(tmp_path)), "--admin1-codes", str(codes))
    assert result.exit_code == 0, result.output
    gazetteer = Gazetteer.open(store)
    assert [p.admin1 for p in gazetteer.candidates("Kalay Testan")] == ["Kandahar"]
    gazetteer.close()


def test_geo_cli_update_missing_file_is_a_clear_error(store: Path, tmp_path: Path) -> None:
    result = _invoke("update", "--from", str(tmp_path / "absent.zip"))
    assert result.exit_code == 1
    assert "error" in result.output and "absent.zip" in result.output


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A loopback HTTP server serving tmp_path/www."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]  # keep test output quiet
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_geo_cli_update_from_url(store: Path, tmp_path: Path, server: str) -> None:
    shutil.move(_zip(tmp_path), tmp_path / "www" / "XX.zip")
    result = _invoke("update", "--from", f"{server}/XX.zip")
    assert result.exit_code == 0, result.output
    assert "imported 2 places" in result.output


def test_geo_cli_update_from_unreachable_url(store: Path, server: str) -> None:
    result = _invoke("update", "--from", f"{server}/missing.zip")
    assert result.exit_code == 1
    assert "cannot download" in result.output


def test_geo_cli_update_refuses_a_zip_bomb(store: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "XX.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr("XX.txt", b"\t" * 20_000_000)  # 20 MB of tabs in about 20 KB
    gazetteer = Gazetteer.open(store)
    before = gazetteer.counts()
    result = _invoke("update", "--from", str(bomb))
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert "error" in output and "XX.txt is compressed" in output and "refused" in output
    gazetteer.reload()
    assert gazetteer.counts() == before
    gazetteer.close()


class _Trickle(http.server.BaseHTTPRequestHandler):
    """Answers with a large zip that comes a few bytes every tenth of a second (a hostile or dying server)."""

    def do_GET(self) -> None:  # noqa: N802 -- the handler's method name
        self.send_response(200)
        self.send_header("Content-Length", "10000000")
        self.end_headers()
        try:
            for _ in range(600):
                self.wfile.write(b"PK\x03\x04")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:  # the client gave up: what the test wants
            pass

    def log_message(self, *args: object) -> None:
        pass


def test_geo_cli_update_gives_up_a_trickling_download_at_its_deadline(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each read gets a few bytes well inside the read timeout; the total deadline
    (data/limits.yaml `gazetteer_import`) still ends the download, with a clear error."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    limits = dataclasses.replace(geonames.load_import_limits(), max_download_seconds=1.0)
    monkeypatch.setattr(cli_gazetteer, "load_import_limits", lambda: limits)  # the bound, made short
    started = time.monotonic()
    try:
        result = _invoke("update", "--from", f"http://127.0.0.1:{httpd.server_address[1]}/allCountries.zip")
    finally:
        httpd.shutdown()
        httpd.server_close()
    # wall time, as the deadline counts it: the server trickles for 60 s; the deadline of 1 s ends it
    assert time.monotonic() - started < 20, "the download went on past its deadline of 1 s"
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert "cannot download" in output and "not done within the limit of 1 s" in output
