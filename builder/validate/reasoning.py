"""Check the ontology with the HermiT reasoner (owlready2): is it consistent, is every class satisfiable?

HermiT and xsd:date: the data and the shapes type dates as `xsd:date`, and so do the ranges of
`cps:asOf` and `cps:dateSaid`. `xsd:date` is not in the OWL 2 datatype map and HermiT refuses any
ontology that mentions it (`UnsupportedDatatypeException`). Rather than weaken the published ontology,
the reasoner gets a copy in which every `rdfs:range xsd:date` becomes `rdfs:range rdfs:Literal`; no other
axiom is touched, so a consistency or satisfiability problem anywhere else is still found. The
ontology's own rdfs:comment says the same.

owlready2 reads RDF/XML, OWL/XML and N-Triples, not Turtle, so the copy is written as N-Triples into a
temporary directory and loaded into a private `World`, which keeps the caller's default world clean.

    cpskg check-ontology [--ontology FILE]   # prints the report; exit 1 if inconsistent/unsatisfiable
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click
from rdflib import Graph

from builder.errors import MissingComponent, ShapeViolation
from builder.namespaces import RDFS, XSD
from builder.ontology import ONTOLOGY_PATH

JAVA_PACKAGE = "default-jre-headless"


@dataclass(frozen=True)
class ReasonerReport:
    """What HermiT found: consistency, the unsatisfiable classes, and what was changed for it."""

    ontology: str
    consistent: bool
    unsatisfiable: tuple[str, ...]
    date_ranges_relaxed: tuple[str, ...]
    reasoner: str = "HermiT (owlready2)"

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def render(self) -> str:
        verdict = "consistent" if self.consistent else "INCONSISTENT"
        lines = [f"{self.reasoner} on {self.ontology}: {verdict}"]
        lines += [f"  unsatisfiable class: {iri}" for iri in self.unsatisfiable]
        if self.consistent and not self.unsatisfiable:
            lines.append("  no unsatisfiable class")
        if self.date_ranges_relaxed:
            lines.append("  xsd:date ranges read as rdfs:Literal: " + ", ".join(self.date_ranges_relaxed))
        return "\n".join(lines)


def reasoner_copy(graph: Graph) -> tuple[Graph, list[str]]:
    """A copy of `graph` that HermiT accepts, and the properties whose xsd:date range was relaxed."""
    copy = Graph()
    relaxed = []
    for subject, predicate, obj in graph:
        if predicate == RDFS.range and obj == XSD.date:
            copy.add((subject, predicate, RDFS.Literal))
            relaxed.append(str(subject))
        else:
            copy.add((subject, predicate, obj))
    return copy, sorted(relaxed)


def _java_executable() -> str:
    import owlready2

    configured = getattr(owlready2, "JAVA_EXE", "java")
    found = shutil.which(configured)
    if found is None:
        raise MissingComponent(
            f"the HermiT reasoner needs a Java runtime and none was found ({configured!r} is not on PATH): "
            f"install the Debian package {JAVA_PACKAGE} (apt-get install {JAVA_PACKAGE})"
        )
    return found


def check_consistency(ontology_path: Path = ONTOLOGY_PATH) -> ReasonerReport:
    """Run HermiT over the ontology (Turtle) and report consistency and unsatisfiable classes.

    Raises MissingComponent when no Java runtime is installed.
    """
    import owlready2

    java = _java_executable()
    graph = Graph()
    graph.parse(ontology_path, format="turtle")
    copy, relaxed = reasoner_copy(graph)
    with tempfile.TemporaryDirectory(prefix="cpskg-hermit-") as workdir:
        ntriples = Path(workdir) / "ontology.nt"
        copy.serialize(ntriples, format="nt", encoding="utf-8")
        previous_java = owlready2.JAVA_EXE
        owlready2.JAVA_EXE = java
        world = owlready2.World()
        try:
            loaded = world.get_ontology(ntriples.as_uri()).load(format="ntriples")
            try:
                with loaded:
                    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
                consistent = True
                unsatisfiable = sorted(
                    c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing
                )
            except owlready2.OwlReadyInconsistentOntologyError:
                consistent, unsatisfiable = False, []
        except FileNotFoundError as error:  # the JVM vanished between the check and the call
            message = f"could not start Java for HermiT ({error}): install {JAVA_PACKAGE}"
            raise MissingComponent(message) from error
        finally:
            owlready2.JAVA_EXE = previous_java
            world.close()
    return ReasonerReport(
        ontology=str(ontology_path),
        consistent=consistent,
        unsatisfiable=tuple(unsatisfiable),
        date_ranges_relaxed=tuple(relaxed),
    )


def make_check_ontology_command(reports_errors) -> click.Command:
    """`cpskg check-ontology`: HermiT over the ontology; exit 1 if inconsistent or a class is unsatisfiable,
    exit 3 without Java. ``reports_errors`` is the CLI's error-to-exit-code wrapper."""

    @click.command(name="check-ontology")
    @click.option("--ontology", "ontology_path", type=click.Path(path_type=Path, exists=True, dir_okay=False),
                  default=ONTOLOGY_PATH, show_default=True, help="The ontology, in Turtle.")
    @reports_errors
    def check_ontology_command(ontology_path: Path) -> None:
        """Check the ontology with the HermiT reasoner (needs Java)."""
        report = check_consistency(ontology_path)
        click.echo(report.render())
        if not report.ok:
            raise ShapeViolation(
                "the ontology is inconsistent or has unsatisfiable classes", file=str(ontology_path)
            )

    return check_ontology_command
