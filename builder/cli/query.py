"""`cpskg query`, `cpskg sparql`, `cpskg serve`, `cpskg load`: thin click wrappers over sparql_run and server.

Registered on the `cpskg` group by `builder/cli/main.py` (`main.add_command(...)`); they print, the library
functions raise `CpskgError`s that `reports_errors` turns into exit codes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from builder.cli.common import DEFAULT_OUT, reports_errors
from builder.errors import InputError


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise InputError(f"--param expects NAME=VALUE, got {pair!r}")
        if name in params:
            raise InputError(f"--param {name} given twice")
        params[name] = value
    return params


def where_to_query(command):
    """--endpoint, --timeout and --out: where a query runs, shared by `query` and `sparql`."""
    command = click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
                           show_default=True, help="The built dataset folder (cpskg.trig).")(command)
    command = click.option("--timeout", type=click.IntRange(1, 3600), default=30, show_default=True,
                           help="Seconds for the whole exchange with an endpoint (a total deadline, also for a slow "
                                "answer).")(command)
    return click.option("--endpoint", metavar="URL",
                        help="Run on this SPARQL 1.1 endpoint instead of the embedded store.")(command)


@click.command("query")
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable); see the query's header or --list.")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="table: aligned, prefixed names; csv/json: SPARQL 1.1 results formats.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="Embedded engine (ignored with --endpoint).")
@where_to_query
@click.option("--queries", "queries_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of canned queries (default: queries/ of this project).")
@click.option("--list", "list_queries", is_flag=True, help="List the canned queries and their parameters.")
@reports_errors
def query_command(name, params, output_format, endpoint, engine, timeout, out_dir, queries_dir, list_queries):
    """Run the canned query NAME (e.g. `quotations_by_person`, `qc/label-missing-violation`).

    Parameters are bound as RDF terms, never pasted into the query text.
    """
    from builder.query.queries import load_catalogue
    from builder.query.results import FORMATTERS
    from builder.query.sparql_run import QueryRun

    catalogue = load_catalogue(queries_dir)
    if list_queries or not name:
        for query in catalogue.queries.values():
            args = " ".join(f"[--param {p.name}=<{p.type}>]" for p in query.parameters)
            click.echo(f"{query.name} {args}".rstrip() + f"\n    {query.title}")
        return
    canned = catalogue.get(name)
    result = QueryRun(out_dir, engine=engine, endpoint=endpoint, timeout=timeout).run(canned, _parse_params(params))
    text = FORMATTERS[output_format](result)
    if sys.stdout.isatty():  # article text or a remote answer may hold ESC sequences: shown, never obeyed
        from builder.terminal import for_terminal

        text = for_terminal(text, output_format)
    click.echo(text, nl=False)


@click.command("sparql")
@click.argument("text", required=False, metavar="[QUERY]")
@click.option("--file", "query_file", type=click.Path(path_type=Path), help="Read the query from this file.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME (repeatable): <iri>, prefix:name, 2021-02-07, 42, 4.5, or a string.")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json", "turtle", "ntriples"]),
              default="table", show_default=True,
              help="SELECT/ASK: table, csv or json; CONSTRUCT/DESCRIBE: turtle (also for table) or ntriples.")
@where_to_query
@reports_errors
def sparql_command(text, query_file, params, output_format, endpoint, timeout, out_dir):
    """Run your own SPARQL query: QUERY as an argument, --file FILE, or on standard input (`-`).

    The default graph is the union of the article graphs, as for the canned queries. Parameters are bound
    as RDF terms, never pasted into the query text. The dataset is read-only: SPARQL Update is refused.
    """
    from builder.query.adhoc import format_boolean, format_triples, prepare, read_query_source, run_local, run_remote
    from builder.query.results import FORMATTERS, QueryResult

    source, origin = read_query_source(text, query_file)
    values = _parse_params(params)
    adhoc = prepare(source, origin, values)
    if endpoint:
        answer = run_remote(adhoc, endpoint, values, timeout=timeout)
    else:
        answer = run_local(adhoc, out_dir, values)
    if isinstance(answer, QueryResult):
        if output_format in ("turtle", "ntriples"):
            raise InputError(f"--format {output_format} is for CONSTRUCT and DESCRIBE; a SELECT prints as "
                             "table, csv or json")
        click.echo(FORMATTERS[output_format](answer), nl=False)
    elif isinstance(answer, bool):
        click.echo(format_boolean(answer, output_format), nl=False)
    else:
        click.echo(format_triples(answer, output_format), nl=False)


@click.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1.")
@click.option("--location", type=click.Path(path_type=Path), default=Path(".serve/store"), show_default=True,
              help="Persistent store folder (rebuilt from the dataset at each start).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="The built dataset folder (cpskg.trig).")
@click.option("--query-timeout", type=click.IntRange(1, 3600), default=30, show_default=True,
              help="Seconds a query may run; a longer one is cancelled (also when its client has gone).")
@click.option("--allow-federation", is_flag=True,
              help="Let queries use SERVICE to call other servers (refused by default).")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="A web origin (e.g. http://localhost:3000) allowed to read answers; repeatable. None by default.")
@reports_errors
def serve_command(port, location, out_dir, query_timeout, allow_federation, cors_origins):
    """Serve the dataset read-only with Oxigraph on 127.0.0.1 until Ctrl-C.

    Queries see the union of the article graphs as their default graph, like the embedded store. Accepted:
    GET ?query= and POST with Content-Type application/sparql-query, up to 64 KiB and 64 nested groups.
    """
    from builder.query.server import serve

    raise SystemExit(serve(out_dir, location, port, announce=lambda line: click.echo(line),
                           query_timeout=query_timeout, allow_federation=allow_federation,
                           cors_origins=tuple(cors_origins)))


@click.command("load")
@click.option("--endpoint", required=True, metavar="URL", help="SPARQL query URL of the server.")
@click.option("--store-url", metavar="URL", help="Graph Store Protocol URL (default: …/query → …/store).")
@click.option("--timeout", type=click.FloatRange(0.5, 3600), default=30.0, show_default=True,
              help="Seconds for each request, its whole answer included (a deadline, also for a slow answer).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="The built dataset folder (cpskg.trig).")
@click.option("--user", metavar="NAME", help="User name for a server that demands credentials (HTTP Basic or "
              "Digest); the password comes from --password-env. Without it, a ~/.netrc entry for the host is used.")
@click.option("--password-env", metavar="VAR", default="CPSKG_PASSWORD", show_default=True,
              help="Environment variable holding the password (never given on the command line).")
@reports_errors
def load_command(endpoint, store_url, timeout, out_dir, user, password_env):
    """PUT each article's named graph into a SPARQL server and check the triple counts.

    Each graph is replaced (Graph Store Protocol PUT), so loading twice changes nothing. For the canned
    queries the server must use the union of the named graphs as its default graph (Oxigraph:
    `oxigraph serve --union-default-graph`; Fuseki: `tdb2:unionDefaultGraph true`).
    """
    from builder.query.credentials import credentials_for
    from builder.query.server import load_dataset

    credentials = credentials_for(store_url or endpoint, user, password_env)
    loaded = load_dataset(out_dir, endpoint, store_url=store_url, timeout=timeout, credentials=credentials)
    for graph in loaded:
        verdict = "ok" if graph.matches else "MISMATCH"
        click.echo(f"{verdict:8}  {graph.local_triples:6d} local  {graph.server_triples:6d} on server  <{graph.graph}>")
    mismatched = [g for g in loaded if not g.matches]
    if mismatched:
        raise InputError(f"{len(mismatched)} graph(s) have a different triple count on the server than locally")
    click.echo(f"loaded {len(loaded)} named graphs, {sum(g.local_triples for g in loaded)} triples")
