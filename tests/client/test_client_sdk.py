"""Pure parts of the client: body encoding, error reading, progress bar, CLI plumbing.
The end-to-end client test against a running server lives elsewhere."""

import email.parser
import io
import json
import socket

import pytest
import requests

from masklet_client import cli
from masklet_client.sdk import APIError, Client, JobFailed, MultipartFile, progress_line


def _response(status: int, body: object, reason: str = "") -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.reason = reason
    response._content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response.headers["Content-Type"] = "application/json"
    return response


def test_multipart_body_streams_a_valid_form(tmp_path):
    video = tmp_path / 'clip "one".mp4'
    payload = bytes(range(256)) * 9000  # > 2 MB, several read chunks
    video.write_bytes(payload)
    body = MultipartFile({"format": "sav"}, "file", video, boundary="b0undary")
    chunks = []
    while chunk := body.read(70_000):
        assert len(chunk) <= 70_000
        chunks.append(chunk)
    data = b"".join(chunks)
    assert len(data) == len(body) == body.sent
    message = email.parser.BytesParser().parsebytes(
        f"Content-Type: {body.content_type}\r\n\r\n".encode() + data
    )
    parts = message.get_payload()
    assert parts[0].get_param("name", header="content-disposition") == "format"
    assert parts[0].get_payload() == "sav"
    assert parts[1].get_param("filename", header="content-disposition") == "clip _one_.mp4"
    assert parts[1]["Content-Type"] == "video/mp4"
    assert parts[1].get_payload(decode=True) == payload


def test_api_errors_read_detail_and_field_errors():
    error = APIError.from_response(
        _response(400, {"detail": "Bad export.", "errors": {"format": ["Not a format."]}})
    )
    assert str(error) == "Bad export. (format: Not a format.)"
    assert error.status == 400
    assert str(APIError.from_response(_response(403, {"detail": "Not a member."}))) == (
        "Not a member."
    )
    drf = APIError.from_response(_response(400, {"name": ["This field is required."]}))
    assert "name: This field is required." in str(drf)
    html = APIError.from_response(_response(502, b"<html>", reason="Bad Gateway"))
    assert str(html) == "the server answered 502 Bad Gateway"


def test_progress_line():
    assert progress_line(0.5, "running", width=10) == "[#####.....]  50% running"
    assert progress_line(2, "succeeded", width=4) == "[####] 100% succeeded"


def test_download_urls_resolve_against_the_server():
    client = Client("http://masklet.test/", "t0ken")
    assert client.session.headers["Authorization"] == "Token t0ken"
    job = {"id": 3, "status": "succeeded", "result": {"download_url": "/media/exports/3.zip"}}
    assert client.download_url(job) == "http://masklet.test/media/exports/3.zip"
    s3 = {"id": 3, "result": {"download_url": "https://bucket.s3/3.zip?sig=x"}}
    assert client.download_url(s3) == "https://bucket.s3/3.zip?sig=x"
    with pytest.raises(APIError, match="job 4 has no download"):
        client.download_url({"id": 4, "status": "failed", "result": None})
    assert str(JobFailed({"id": 5, "status": "failed", "error": "GPU lost"})) == (
        "job 5 failed: GPU lost"
    )


def test_cli_needs_a_token(capsys):
    assert cli.main(["projects"], env={}) == 2
    assert capsys.readouterr().err.strip() == (
        "error: no API token: pass --token, set MASKLET_TOKEN, or run `masklet login`"
    )


def test_cli_reports_an_unreachable_server_in_one_line(capsys):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    assert cli.main(["projects"], env={"MASKLET_URL": url, "MASKLET_TOKEN": "x"}) == 1
    err = capsys.readouterr().err
    assert err == f"error: cannot reach the server at {url}\n"


def test_cli_parses_every_subcommand():
    parser = cli.build_parser()
    args = parser.parse_args(["export", "3", "--format", "davis", "--video", "1", "--video", "2"])
    assert (args.project, args.format, args.videos) == (3, "davis", [1, 2])
    assert parser.parse_args(["import", "7", "a.json", "--format", "sav"]).video == 7
    assert parser.parse_args(["wait", "9"]).job == 9
    assert parser.parse_args(["download", "9", "out.zip"]).output == "out.zip"
    assert parser.parse_args(["upload", "1", "v.mp4", "--wait"]).wait
    assert parser.parse_args(["login", "--username", "ana"]).username == "ana"
    assert parser.parse_args(["projects", "--create", "P", "--fps", "6"]).fps == 6.0
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "3", "--format", "yolo"])


def test_wait_draws_progress_and_raises_on_failure(monkeypatch):
    states = iter(
        [
            {"id": 1, "status": "running", "progress": 0.25},
            {"id": 1, "status": "failed", "progress": 0.5, "error": "bad file"},
        ]
    )
    client = Client("http://masklet.test", "t")
    monkeypatch.setattr(client, "get_job", lambda job_id: next(states))
    stream = io.StringIO()
    with pytest.raises(JobFailed, match="job 1 failed: bad file"):
        client.wait(1, poll_interval=0, progress=stream)
    assert " 25% running" in stream.getvalue() and " 50% failed" in stream.getvalue()


def test_cli_parses_export_filters_and_the_exports_list():
    parser = cli.build_parser()
    args = parser.parse_args(
        ["export", "3", "--format", "coco", "--status", "verified", "--status", "draft", "--task-state", "accepted",
         "--label", "5", "--frame-start", "2", "--frame-end", "9"]
    )
    assert (args.statuses, args.task_states, args.labels, args.frame_start, args.frame_end) == (
        ["verified", "draft"], ["accepted"], [5], 2, 9,
    )
    assert parser.parse_args(["exports", "4"]).project == 4
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "3", "--format", "coco", "--status", "approved"])


def test_download_names_come_from_the_server_but_never_as_paths():
    import requests

    from masklet_client.sdk import _download_name

    def answer(header: str | None) -> requests.Response:
        response = requests.Response()
        if header is not None:
            response.headers["Content-Disposition"] = header
        return response

    url = "http://masklet.test/api/jobs/5/download/"
    assert _download_name(answer('attachment; filename="job_5_coco.zip"'), url, {"id": 5}) == "job_5_coco.zip"
    assert _download_name(answer('attachment; filename="../../etc/passwd"'), url, {"id": 5}) == "passwd"
    assert _download_name(answer(None), url, {"id": 5}) == "download"
    assert _download_name(answer('attachment; filename=".."'), "http://h/", {"id": 7}) == "export-7"
