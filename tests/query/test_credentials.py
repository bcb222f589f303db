"""`cpskg load --user` against a loopback server that demands HTTP Basic or Digest (issue 17).

The authenticating server is a small proxy in front of a real Oxigraph server: it checks the
Authorization header as Apache or nginx would (Basic; Digest with MD5 and qop=auth, recomputed here from
RFC 7616) and forwards what passes, so the load really lands in Oxigraph.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import urllib.request

import pytest
from conftest import loopback_server, running_oxigraph

from builder.query.credentials import Credentials, authorization, credentials_for

USER, PASSWORD, REALM, NONCE = "editor", "s3cret pass", "cpskg-test", "dcd98b7102dd2f0e8b11d0f600bfb0c093"


def _digest_ok(header: str, method: str) -> bool:
    from builder.query.credentials import _params

    fields = _params(header.removeprefix("Digest "))
    ha1 = hashlib.md5(f"{USER}:{REALM}:{PASSWORD}".encode()).hexdigest()
    ha2 = hashlib.md5(f"{method}:{fields['uri']}".encode()).hexdigest()
    expected = hashlib.md5(f"{ha1}:{NONCE}:{fields['nc']}:{fields['cnonce']}:auth:{ha2}".encode()).hexdigest()
    return fields.get("username") == USER and fields.get("response") == expected


def _auth_proxy(scheme: str, upstream: str):
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            header = self.headers.get("Authorization", "")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            ok = (header == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
                  if scheme == "Basic" else header.startswith("Digest ") and _digest_ok(header, self.command))
            seen.append(header.split(" ")[0] if header else "none")
            if not ok:
                challenge = (f'Basic realm="{REALM}"' if scheme == "Basic"
                             else f'Digest realm="{REALM}", qop="auth", nonce="{NONCE}", algorithm=MD5')
                self.send_response(401)
                self.send_header("WWW-Authenticate", challenge)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            request = urllib.request.Request(upstream + self.path, data=body, method=self.command, headers={
                k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")})
            with urllib.request.urlopen(request, timeout=30) as response:
                data = response.read()
                self.send_response(response.status)
                self.send_header("Content-Type", response.headers.get("Content-Type", "text/plain"))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, *args):
            pass

    return loopback_server(Handler), seen


@pytest.mark.server
@pytest.mark.parametrize("scheme", ["Basic", "Digest"])
def test_load_answers_the_servers_challenge_and_the_graphs_land(cpskg_cli, mini_out_dir, tmp_path, monkeypatch,
                                                                 scheme):
    with running_oxigraph(tmp_path / "store") as oxigraph:
        upstream = oxigraph.query_url.removesuffix("/query")
        serving, seen = _auth_proxy(scheme, upstream)
        with serving as url:
            refused = cpskg_cli("load", "--endpoint", url, "--out", str(mini_out_dir))
            assert refused.exit_code == 2 and "401" in refused.stderr
            monkeypatch.setenv("CPSKG_PASSWORD", PASSWORD)
            loaded = cpskg_cli("load", "--endpoint", url, "--out", str(mini_out_dir), "--user", USER)
            assert loaded.exit_code == 0, loaded.stderr
            assert loaded.stdout.splitlines()[-1].startswith("loaded ") and "MISMATCH" not in loaded.stdout
            assert scheme in seen


def test_the_password_comes_from_the_environment_or_netrc_never_the_command_line(tmp_path):
    from builder.errors import InputError

    with pytest.raises(InputError, match="CPSKG_PASSWORD"):
        credentials_for("http://127.0.0.1:1/query", "editor", environ={})
    assert credentials_for("http://127.0.0.1:1/query", "editor", environ={"CPSKG_PASSWORD": "x"}).password == "x"
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login robot password from-netrc\n", encoding="utf-8")
    netrc.chmod(0o600)
    found = credentials_for("http://127.0.0.1:1/query", None, environ={"NETRC": str(netrc)})
    assert (found.user, found.password) == ("robot", "from-netrc")
    assert credentials_for("http://example.invalid/query", None, environ={"NETRC": str(netrc)}) is None
    assert "from-netrc" not in repr(found)


def test_an_unknown_scheme_is_a_clear_error():
    from builder.errors import InputError

    with pytest.raises(InputError, match="Negotiate"):
        authorization(Credentials("a", "b", "h"), "Negotiate abc", "GET", "http://h/query")
