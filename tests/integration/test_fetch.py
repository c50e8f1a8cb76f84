"""`talentcheck neurips fetch`: files come from their pinned URLs (here a local HTTP server standing in for
raw.githubusercontent.com), each checked by sha256; a flipped byte is refused naming file and URL; and a
build from what was fetched gives the same aggregates as a build from ../shared/raw, byte for byte."""
from __future__ import annotations

import filecmp
import functools
import hashlib
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from talentcheck import cli, data, paths
from talentcheck.neurips import fetch, inputs

MIRROR = paths.SHARED_RAW / "upstream"
BUILT = ["countries", "coverage", "institutions", "pairs", "trends_bands", "trends_collaboration",
         "trends_institutions", "trends_regions"]  # the tables `neurips build` writes
NEEDS_MIRROR = pytest.mark.skipif(not (MIRROR / "REGISTRY.csv").is_file(),
                                  reason=f"{MIRROR} (the mirror of the upstream files) is absent: it is not part of a clone")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    """serve(folder) -> the URL of an HTTP server on 127.0.0.1 (a free port) serving that folder."""
    servers = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


PATH = "github/owner/repo/" + "a" * 40 + "/data/list.json"


@pytest.fixture
def small_mirror(tmp_path) -> tuple[Path, str]:
    """A mirror holding one file, and that file's sha256."""
    mirror = tmp_path / "mirror"
    (mirror / PATH).parent.mkdir(parents=True)
    (mirror / PATH).write_bytes(b'[{"title": "A paper", "authors": []}]\n')
    return mirror, hashlib.sha256((mirror / PATH).read_bytes()).hexdigest()


def test_the_url_of_a_mirror_path_is_its_file_on_raw_githubusercontent():
    assert fetch.url_of(PATH) == "https://raw.githubusercontent.com/owner/repo/" + "a" * 40 + "/data/list.json"
    assert fetch.source_of(PATH, "http://127.0.0.1:9/") == "http://127.0.0.1:9/" + PATH


@pytest.mark.parametrize("over", ["http", "folder"])
def test_a_fetched_file_lands_at_its_mirror_path_and_a_second_fetch_keeps_it(small_mirror, serve, tmp_path, over):
    mirror, sha = small_mirror
    source = serve(mirror) if over == "http" else str(mirror)
    [target] = fetch.fetch([(PATH, sha)], tmp_path / "raw", source, progress=False, echo=lambda _: None)
    assert target == tmp_path / "raw" / PATH and target.read_bytes() == (mirror / PATH).read_bytes()
    (mirror / PATH).unlink()  # the source is gone: the file in place, with the right sha256, is not fetched again
    fetch.fetch([(PATH, sha)], tmp_path / "raw", source, progress=False, echo=lambda _: None)
    assert target.is_file()


@pytest.mark.parametrize("over", ["http", "folder"])
def test_a_flipped_byte_is_refused_naming_the_file_and_its_url(small_mirror, serve, tmp_path, over):
    mirror, sha = small_mirror
    body = bytearray((mirror / PATH).read_bytes())
    body[3] ^= 1
    (mirror / PATH).write_bytes(bytes(body))
    source = serve(mirror) if over == "http" else str(mirror)
    with pytest.raises(fetch.FetchError) as err:
        fetch.fetch([(PATH, sha)], tmp_path / "raw", source, progress=False, echo=lambda _: None)
    assert PATH in str(err.value) and fetch.source_of(PATH, source) in str(err.value) and sha in str(err.value)
    assert not (tmp_path / "raw" / PATH).exists()  # nothing unchecked is left where the build would read it


def test_an_unreachable_file_names_its_url(small_mirror, serve, tmp_path):
    mirror, sha = small_mirror
    url = serve(mirror)
    with pytest.raises(fetch.FetchError, match=r"github/owner/repo/.*/data/gone.json: could not download http://127"):
        fetch.fetch([(PATH.replace("list", "gone"), sha)], tmp_path / "raw", url, progress=False, echo=lambda _: None)


def test_a_missing_input_names_the_file_its_upstream_url_and_the_fetch_command(tmp_path):
    with pytest.raises(data.DataError) as err:
        inputs.raw_paths(tmp_path)
    first = inputs.inputs_manifest().iloc[0]
    message = str(err.value)
    assert first["path"] in message and fetch.url_of(first["path"]) in message
    assert f"talentcheck neurips fetch --to {tmp_path}" in message


def test_every_input_is_pinned_to_a_commit():
    for path in inputs.inputs_manifest()["path"]:
        commit = path.split("/")[3]
        assert len(commit) == 40 and all(c in "0123456789abcdef" for c in commit), path


@NEEDS_MIRROR
def test_the_cli_refuses_a_flipped_byte_in_a_copy_of_the_mirror(serve, tmp_path, capsys):
    copy = tmp_path / "mirror"
    shutil.copytree(MIRROR, copy)
    path = "github/papercopilot/paperlists/6913570a1e1f82f83a01dd9c8936fad0fece0dd9/nips/nips2019.json"
    body = bytearray((copy / path).read_bytes())
    body[len(body) // 2] ^= 0x20
    (copy / path).write_bytes(bytes(body))
    url = serve(copy)
    assert cli.main(["neurips", "fetch", "--to", str(tmp_path / "raw"), "--mirror", url]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if "error" in line]  # the rest is progress
    assert len(errors) == 1 and path in errors[0] and url + path in errors[0] and "refused" in errors[0], errors


@NEEDS_MIRROR
@pytest.mark.raw
def test_fetch_from_a_server_then_build_gives_the_committed_aggregates_byte_for_byte(serve, tmp_path):
    url = serve(MIRROR)
    raw = tmp_path / "fetched"
    assert cli.main(["neurips", "fetch", "--to", str(raw), "--mirror", url]) == 0
    read = inputs.raw_paths(raw)  # the build reads the fetched folder and data/ only
    assert all(p.is_relative_to(raw) or p.is_relative_to(paths.data_dir()) for p in read.values())
    assert cli.main(["neurips", "build", "--raw", str(raw), "--out", str(tmp_path / "from_fetch")]) == 0
    fetched = {p.stem: p for p in (tmp_path / "from_fetch").glob("*.csv")}
    committed = paths.ROOT / "data" / "neurips"  # what a build from ../shared/raw gives (test_neurips holds that)
    assert sorted(fetched) == BUILT
    for name, path in fetched.items():
        assert filecmp.cmp(path, committed / f"{name}.csv", shallow=False), name


@pytest.mark.parametrize("path", ["github/../../../x", "github/owner/repo/" + "a" * 40 + "/../../../../x", "/etc/passwd",
                                  "github/owner/repo/" + "a" * 40 + "/.hidden/x", "github/owner/repo/main/x"])
def test_a_path_that_is_not_a_mirror_path_is_neither_read_nor_written(small_mirror, tmp_path, path):
    """Even handed to fetch directly (past `validate`), a path from data never leaves --mirror or --to."""
    mirror, sha = small_mirror
    (tmp_path / "x").write_text("outside")
    with pytest.raises(data.DataError, match="is not a valid mirror path"):
        fetch.fetch([(path, None)], tmp_path / "raw", str(mirror), progress=False, echo=lambda _: None)
    assert not (tmp_path / "raw").exists() and (tmp_path / "x").read_text() == "outside"


def test_a_link_in_the_target_folder_that_leads_outside_is_refused(small_mirror, tmp_path):
    mirror, sha = small_mirror
    (tmp_path / "raw").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "raw" / "github").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(data.DataError, match="would lead outside"):
        fetch.fetch([(PATH, sha)], tmp_path / "raw", str(mirror), progress=False, echo=lambda _: None)
    assert not any((tmp_path / "elsewhere").iterdir())
    (mirror / "github").rename(tmp_path / "real-github")
    (mirror / "github").symlink_to(tmp_path / "real-github")  # nor is a mirror read through a link out of it
    (tmp_path / "raw" / "github").unlink()
    with pytest.raises(data.DataError, match="would lead outside"):
        fetch.fetch([(PATH, sha)], tmp_path / "raw", str(mirror), progress=False, echo=lambda _: None)
