"""The W3C Reconciliation API 0.2 service, run on a free 127.0.0.1 port and asked spec-shaped requests."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from builder.export.mapping import DEFAULT_ALIGNMENT, load_mapping
from builder.reconcile.index import build_index, normalise_name
from builder.reconcile.service import ReconciliationServer

FIXTURES = Path(__file__).parents[1] / "fixtures" / "export"


@pytest.fixture(scope="module")
def service():
    mapping = load_mapping((FIXTURES / "ontology.ttl", DEFAULT_ALIGNMENT))
    server = ReconciliationServer(build_index(FIXTURES / "graph.trig", mapping), port=0)
    server.start_in_thread()
    yield server.base_url + "/reconcile"
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def post(url: str, fields: dict[str, str], method: str = "POST") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(fields).encode(),
        method=method,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def ask(service: str, queries: dict) -> dict:
    status, headers, body = post(service, {"queries": json.dumps(queries)})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    return json.loads(body)


def test_manifest_on_get(service: str) -> None:
    status, headers, body = get(service)
    manifest = json.loads(body)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "https://w3id.org/cpskg/id/"
    assert manifest["schemaSpace"] == "https://w3id.org/cpskg/ontology#"
    assert "{{id}}" in manifest["view"]["url"] and manifest["name"]


def test_a_name_written_differently_ranks_first_but_is_not_a_match(service: str) -> None:
    """Honorific, middle initial, case and accent differ from the canonical "Janice Jackson": found at 95,
    first, but only an exact name or alias (score 100) is a `match`, as the README says."""
    answer = ask(service, {"q0": {"query": "Dr. Janice K. Jackson"}, "q1": {"query": "JÁNICE JACKSON"},
                           "q2": {"query": "janice  JACKSON"}})
    for key in ("q0", "q1"):
        best = answer[key]["result"][0]
        assert (best["id"], best["name"], best["score"], best["match"]) == (
            "person:Janice_Jackson", "Janice Jackson", 95, False)
        assert {"id": "Person", "name": "person"} in best["type"]
    exact = answer["q2"]["result"][0]  # case and spacing aside, the exact name
    assert (exact["id"], exact["score"], exact["match"]) == ("person:Janice_Jackson", 100, True)


def test_unknown_name_has_no_match(service: str) -> None:
    answer = ask(service, {"q0": {"query": "Bartholomew Quizzleby"}})
    assert answer["q0"]["result"] == []


def test_exact_name_and_alias_score_highest(service: str) -> None:
    answer = ask(
        service,
        {
            "q0": {"query": "CTU"},
            "q1": {"query": "Chicago Teachers Union"},
            "q2": {"query": "Chicago Teachers Unoin"},
        },
    )
    assert answer["q0"]["result"][0]["id"] == "organization:Chicago_Teachers_Union"
    assert answer["q0"]["result"][0]["score"] == answer["q1"]["result"][0]["score"] == 100
    fuzzy = answer["q2"]["result"][0]
    assert fuzzy["id"] == "organization:Chicago_Teachers_Union"
    assert fuzzy["match"] is False and fuzzy["score"] < 95


def test_ambiguous_exact_match_is_not_a_match(tmp_path: Path) -> None:
    """Two people named alike: both exact, neither may be auto-matched."""
    trig = """
    @prefix cps: <https://w3id.org/cpskg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <https://w3id.org/cpskg/graph/article/a> {
      <https://w3id.org/cpskg/id/person/Pat_Lee> a cps:Person ; rdfs:label "Pat Lee"@en .
      <https://w3id.org/cpskg/id/person/Pat_Lee_2> a cps:Person ; rdfs:label "Pat Lee"@en . }"""
    path = tmp_path / "ambiguous.trig"
    path.write_text(trig, encoding="utf-8")
    index = build_index(path, load_mapping((FIXTURES / "ontology.ttl", DEFAULT_ALIGNMENT)))
    results = index.reconcile({"query": "Pat Lee"})
    assert [r["score"] for r in results] == [100, 100] and not any(r["match"] for r in results)


def test_type_filter_and_limit(service: str) -> None:
    answer = ask(
        service,
        {
            "q0": {"query": "Chicago Public Schools", "type": "Person"},
            "q1": {"query": "Chicago", "type": "Organization", "limit": 1},
            "q2": {"query": "Chicago Public Schools", "type": "SchoolDistrict"},
        },
    )
    assert all(r["id"].startswith("person:") for r in answer["q0"]["result"])
    assert len(answer["q1"]["result"]) == 1
    assert answer["q2"]["result"][0]["id"] == "organization:Chicago_Public_Schools"


def test_properties_raise_the_candidate_they_describe(service: str) -> None:
    plain = ask(service, {"q": {"query": "J. Jackson"}})["q"]["result"][0]["score"]
    with_employer = ask(
        service,
        {"q": {"query": "J. Jackson", "properties": [{"pid": "P108", "v": "Chicago Public Schools"}]}},
    )["q"]["result"][0]
    assert with_employer["id"] == "person:Janice_Jackson" and with_employer["score"] > plain


def test_get_queries_and_jsonp(service: str) -> None:
    queries = urllib.parse.quote(json.dumps({"q0": {"query": "Jesse Sharkey"}}))
    status, _, body = get(f"{service}?queries={queries}")
    assert status == 200 and json.loads(body)["q0"]["result"][0]["id"] == "person:Jesse_Sharkey"
    status, headers, body = get(f"{service}?queries={queries}&callback=cb")
    assert status == 200 and body.startswith(b"cb(") and "javascript" in headers["Content-Type"]


def test_preflight_and_errors_carry_cors(service: str) -> None:
    request = urllib.request.Request(service, method="OPTIONS")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    for status, headers, _ in (
        post(service, {"queries": "{not json"}),
        post(service, {"other": "x"}),
        post(service, {"queries": json.dumps({"q": {"query": ""}})}),
        post(service, {"queries": json.dumps({"q": {"query": "x", "limit": -1}})}),
        get(service + "?queries=" + urllib.parse.quote("[]")),
        get(service + "?queries=%7B%7D&callback=alert(1)"),
    ):
        assert status == 400 and headers["Access-Control-Allow-Origin"] == "*"
    assert get(service.replace("/reconcile", "/nothing"))[0] == 404
    assert post(service, {"queries": "{}"}, method="PUT")[0] == 405


def test_preview_page(service: str) -> None:
    status, headers, body = get(service.replace("/reconcile", "/preview") + "?id=person:Jesse_Sharkey")
    assert status == 200 and b"Jesse Sharkey" in body and b"President of the Chicago Teachers Union" in body
    assert headers["Access-Control-Allow-Origin"] == "*"
    _, _, body = get(service.replace("/reconcile", "/preview") + "?id=person:Lori_Lightfoot")
    assert b"http://www.wikidata.org/entity/Q56486914" in body
    assert get(service.replace("/reconcile", "/preview") + "?id=person:Nobody")[0] == 404


def test_places_are_reconciled_too(service: str) -> None:
    answer = ask(service, {"q": {"query": "chicago", "type": "City"}})
    assert [r["id"] for r in answer["q"]["result"]] == ["place:Chicago"]
    assert answer["q"]["result"][0]["match"] is True


def test_normalise_name() -> None:
    assert normalise_name("Dr. Janice K. Jackson") == normalise_name("janice jackson") == "janice jackson"
    assert normalise_name("José Álvarez") == normalise_name("Jose\u0301 A\u0301lvarez") == "jose alvarez"
    assert normalise_name("O'Brien") == "o'brien"


def test_refuses_a_non_loopback_address() -> None:
    from builder.errors import InputError

    with pytest.raises(InputError):
        ReconciliationServer(
            build_index(FIXTURES / "graph.trig", load_mapping((FIXTURES / "ontology.ttl", DEFAULT_ALIGNMENT))),
            host="0.0.0.0",
        )


def test_cli_serves_until_stopped(tmp_path: Path) -> None:
    """`cpskg reconcile --port 0` as a real process: it prints its URL, answers, and stops on SIGINT."""
    import signal
    import subprocess
    import sys

    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("cpskg")),
            "reconcile",
            "--data",
            str(FIXTURES / "graph.trig"),
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = process.stdout.readline()
        url = banner.split(" at ")[1].split()[0]
        status, _, body = get(url)
        assert status == 200 and json.loads(body)["versions"] == ["0.2"]
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_cli_without_dataset_is_exit_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from builder.cli.main import main

    result = CliRunner().invoke(main, ["reconcile", "--data", str(tmp_path / "missing.trig"), "--port", "0"])
    assert result.exit_code == 2 and "missing.trig" in result.output


def test_suggest_services(service: str) -> None:
    base = service.replace("/reconcile", "")
    manifest = json.loads(get(service)[2])
    assert manifest["suggest"]["entity"] == {"service_url": base, "service_path": "/suggest/entity"}
    status, headers, body = get(base + "/suggest/entity?prefix=jac")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert [r["id"] for r in json.loads(body)["result"]] == ["person:Janice_Jackson"]
    people = json.loads(get(base + "/suggest/entity?prefix=chi&type=Person")[2])["result"]
    assert people == []
    organisations = [r["id"] for r in json.loads(get(base + "/suggest/entity?prefix=chicago")[2])["result"]]
    assert organisations[0] == "place:Chicago" and "organization:Chicago_Teachers_Union" in organisations
    types = json.loads(get(base + "/suggest/type?prefix=lab")[2])["result"]
    assert types == [{"id": "LabourUnion", "name": "labour union"}]
    properties = {r["id"] for r in json.loads(get(base + "/suggest/property?prefix=emp")[2])["result"]}
    assert properties == {"employer", "P108"}  # by id or by name ("employer (P108)")
    assert {r["id"] for r in json.loads(get(base + "/suggest/property?prefix=P10")[2])["result"]} == {"P108"}
    assert get(base + "/suggest/entity")[0] == 400
    assert get(base + "/suggest/entity?prefix=a&cursor=x")[0] == 400
    assert get(base + "/suggest/other?prefix=a")[0] == 404


# -- issue 17: ids that survive encoding, the view redirect, data extension, places, the 0.2 schemas ----

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "reconciliation-0.2"


def _schema(name: str):
    jsonschema = pytest.importorskip("jsonschema", reason="the `test` extra brings jsonschema")
    return jsonschema.Draft7Validator(json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8")))


def _no_redirect_get(url: str) -> tuple[int, dict[str, str]]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_ids_have_no_slash_and_the_view_template_resolves_after_percent_encoding(service: str) -> None:
    """A client encodes the id as the spec says (encodeURIComponent: `:` -> %3A) before filling the
    template; the service's /view/ decodes it and redirects to the entity's IRI."""
    base = service.removesuffix("/reconcile")
    manifest = json.loads(get(service)[2])
    results = ask(service, {"q": {"query": "Jesse Sharkey"}, "o": {"query": "CTU"}})
    for key, iri in (("q", "https://w3id.org/cpskg/id/person/Jesse_Sharkey"),
                     ("o", "https://w3id.org/cpskg/id/organization/Chicago_Teachers_Union")):
        identifier = results[key]["result"][0]["id"]
        assert "/" not in identifier
        url = manifest["view"]["url"].replace("{{id}}", urllib.parse.quote(identifier, safe=""))
        assert url.startswith(base + "/view/") and "%3A" in url
        status, headers = _no_redirect_get(url)
        assert (status, headers["Location"]) == (303, iri)
    assert _no_redirect_get(base + "/view/person%3ANobody")[0] == 404


def test_places_are_a_type_of_their_own(service: str) -> None:
    manifest = json.loads(get(service)[2])
    assert {"id": "Place", "name": "place"} in manifest["defaultTypes"]
    answer = ask(service, {"q": {"query": "Chicago", "type": "Place"}, "p": {"query": "Chicago", "type": "Person"}})
    assert [r["id"] for r in answer["q"]["result"]] == ["place:Chicago"]
    assert answer["p"]["result"] == []


def test_data_extension_adds_posts_organisations_and_wikidata_ids(service: str) -> None:
    base = service.removesuffix("/reconcile")
    status, _, body = get(base + "/properties?type=Person")
    proposal = json.loads(body)
    assert status == 200 and {"id": "post", "name": "posts held"} in proposal["properties"]
    assert "postHolder" not in {p["id"] for p in proposal["properties"]}  # an organisation's property
    request = {"ids": ["person:Jesse_Sharkey", "person:Lori_Lightfoot", "person:Nobody"],
               "properties": [{"id": "post"}, {"id": "postIn"}, {"id": "wikidata"}]}
    status, _, body = post(service, {"extend": json.dumps(request)})
    answer = json.loads(body)
    assert status == 200 and [m["id"] for m in answer["meta"]] == ["post", "postIn", "wikidata"]
    sharkey = answer["rows"]["person:Jesse_Sharkey"]
    assert sharkey["post"] == [{"str": "President of the Chicago Teachers Union"}]
    assert {"id": "organization:Chicago_Teachers_Union", "name": "Chicago Teachers Union"} in sharkey["postIn"]
    assert answer["rows"]["person:Lori_Lightfoot"]["wikidata"] == [{"str": "Q56486914"}]
    assert answer["rows"]["person:Nobody"] == {"post": [], "postIn": [], "wikidata": []}
    _schema("data-extension-response").validate(answer)
    _schema("propose-properties-response").validate(proposal)


@pytest.mark.parametrize("request_body", [
    "not json", json.dumps([]), json.dumps({"ids": "x", "properties": [{"id": "post"}]}),
    json.dumps({"ids": ["person:Jesse_Sharkey"], "properties": []}),
    json.dumps({"ids": ["person:Jesse_Sharkey"], "properties": [{"id": "shoeSize"}]}),
])
def test_a_malformed_extension_request_is_a_400_with_a_reason(service: str, request_body: str) -> None:
    status, headers, body = post(service, {"extend": request_body})
    assert status == 400 and json.loads(body)["error"]
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_the_preview_lists_the_entity_s_facts(service: str) -> None:
    preview = service.replace("/reconcile", "/preview")
    status, _, body = get(preview + "?id=" + urllib.parse.quote("person:Jesse_Sharkey"))
    assert status == 200 and b"<li>in: Chicago Teachers Union</li>" in body


def test_every_answer_conforms_to_the_reconciliation_api_0_2_schemas(service: str) -> None:
    base = service.removesuffix("/reconcile")
    _schema("manifest").validate(json.loads(get(service)[2]))
    _schema("reconciliation-result-batch").validate(
        ask(service, {"q0": {"query": "Sharkey"}, "q1": {"query": "CTU", "type": "Organization", "limit": 2}}))
    _schema("suggest-entities-response").validate(json.loads(get(base + "/suggest/entity?prefix=jes")[2]))
