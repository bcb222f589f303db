"""Credentials for servers that demand them: HTTP Basic and Digest (RFC 7617, RFC 7616).

`cpskg load --user NAME` reads the password from an environment variable (`--password-env`, default
CPSKG_PASSWORD), never from the command line, where other users of the machine could read it; without
`--user`, a `~/.netrc` (or `$NETRC`) entry for the server's host is used when there is one. A request is
first sent without credentials; on a 401 the server's `WWW-Authenticate` challenge says which scheme it
wants, and the request is sent again once, answering it (Basic; Digest with MD5, MD5-sess, SHA-256 and
qop=auth). Credentials are only ever sent to the host they were given for.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import urllib.parse
from dataclasses import dataclass

from builder.errors import InputError

DEFAULT_PASSWORD_ENV = "CPSKG_PASSWORD"
_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')
_HASHES = {"MD5": hashlib.md5, "MD5-SESS": hashlib.md5, "SHA-256": hashlib.sha256,
           "SHA-256-SESS": hashlib.sha256}


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    host: str  # the only host they are sent to

    def __repr__(self) -> str:  # never print a password, in a traceback or a log
        return f"Credentials(user={self.user!r}, host={self.host!r})"


def credentials_for(url: str, user: str | None, password_env: str = DEFAULT_PASSWORD_ENV,
                    environ: dict | None = None) -> Credentials | None:
    """The credentials to use for `url`: `--user` with the password from the environment, else netrc."""
    environ = os.environ if environ is None else environ
    host = urllib.parse.urlsplit(url).hostname or ""
    if user is not None:
        if not user or ":" in user:
            raise InputError("--user must be a user name without ':'")
        password = environ.get(password_env)
        if password is None:
            raise InputError(f"--user {user} needs the password in the environment variable {password_env} "
                             "(it is never taken from the command line)")
        return Credentials(user, password, host)
    return _from_netrc(host, environ)


def _from_netrc(host: str, environ) -> Credentials | None:
    import netrc

    path = environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if not host or not os.path.isfile(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError) as error:
        raise InputError(f"cannot read the netrc file: {error}", file=path) from None
    if entry is None:
        return None
    login, _, password = entry
    return Credentials(login or "", password or "", host)


def authorization(credentials: Credentials, challenge: str, method: str, url: str) -> str:
    """The Authorization header answering a WWW-Authenticate challenge; InputError for a scheme cpskg
    does not speak (the message names it)."""
    scheme, _, rest = challenge.strip().partition(" ")
    if scheme.lower() == "basic":
        token = base64.b64encode(f"{credentials.user}:{credentials.password}".encode()).decode("ascii")
        return f"Basic {token}"
    if scheme.lower() == "digest":
        return _digest(credentials, _params(rest), method, url)
    raise InputError(f"the server asks for {scheme or 'an unnamed'} authentication; cpskg answers Basic and Digest")


def _params(text: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) for m in _PARAM.finditer(text)}


def _digest(credentials: Credentials, challenge: dict[str, str], method: str, url: str) -> str:
    algorithm = challenge.get("algorithm", "MD5").upper()
    if algorithm not in _HASHES:
        raise InputError(f"the server asks for Digest with {algorithm}; cpskg answers MD5 and SHA-256")
    qops = [q.strip() for q in challenge.get("qop", "").split(",") if q.strip()]
    if qops and "auth" not in qops:
        raise InputError(f"the server asks for Digest qop={','.join(qops)}; cpskg answers qop=auth")

    def h(text: str) -> str:
        return _HASHES[algorithm](text.encode("utf-8")).hexdigest()

    realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
    parts = urllib.parse.urlsplit(url)
    uri = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    cnonce, nc = secrets.token_hex(8), "00000001"
    ha1 = h(f"{credentials.user}:{realm}:{credentials.password}")
    if algorithm.endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    response = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}") if qops else h(f"{ha1}:{nonce}:{ha2}")
    fields = [f'username="{credentials.user}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"',
              f"algorithm={algorithm}", f'response="{response}"']
    if qops:
        fields += ["qop=auth", f"nc={nc}", f'cnonce="{cnonce}"']
    if "opaque" in challenge:
        fields.append(f'opaque="{challenge["opaque"]}"')
    return "Digest " + ", ".join(fields)


def request_with_credentials(url: str, credentials: Credentials | None, *, method: str, body: bytes | None,
                             headers: dict[str, str], deadline_s: float):
    """builder.query.http_deadline.request, answering one 401 challenge with the credentials (if any, and
    only for their host)."""
    from builder.query.http_deadline import request

    answer = request(url, method=method, body=body, headers=headers, deadline_s=deadline_s)
    host = urllib.parse.urlsplit(url).hostname
    if answer.status != 401 or credentials is None or credentials.host != host:
        return answer
    challenge = next((value for name, value in answer.headers if name.lower() == "www-authenticate"), "")
    signed = {**headers, "Authorization": authorization(credentials, challenge, method, url)}
    return request(url, method=method, body=body, headers=signed, deadline_s=deadline_s)
