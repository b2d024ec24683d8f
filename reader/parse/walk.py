"""The one walker of a post body's tree: blocks (paragraph, quote, …) holding inline runs (text,
strong, smiley, …), quotes holding blocks, strong runs holding runs.

Everything that reads a body goes through here, so the shape of the tree is known in one
place: adding a node type is a change to ``reader.parse.model``, to :data:`NODE_TYPES` and to
the visitors that should show it, not to every counter and renderer.

* :func:`walk` yields every node of a body in reading order (pre-order) with its quote depth:
  counters and collectors (smileys and images, quotes, ratings) filter it.
* :func:`run_text` is the text of inline runs (what a reader reads: text and link texts).
* :class:`BodyVisitor` turns a body into something else (HTML, markdown, JSON, a shortened
  body): one method per node type, ``visit`` dispatches, ``blocks``/``runs`` visit children.

Pure functions over the frozen dataclasses of ``reader.parse.model``: no I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

from .model import (
    Attachment,
    Block,
    ClientLine,
    Code,
    Image,
    Inline,
    Link,
    Notice,
    Paragraph,
    Quote,
    Rating,
    Smiley,
    Strong,
    Text,
    Unknown,
)

Node = Block | Inline
T = TypeVar("T")

# every node type and the name of its BodyVisitor method
NODE_TYPES: dict[type, str] = {
    Paragraph: "paragraph", Quote: "quote", Attachment: "attachment", Rating: "rating",
    ClientLine: "client_line", Code: "code", Notice: "notice",
    Text: "text", Strong: "strong", Smiley: "smiley", Image: "image", Link: "link",
    Unknown: "unknown",
}


def children(node: Node) -> tuple[Node, ...]:
    """The nodes directly inside ``node``: a paragraph's and a strong run's runs, a quote's
    blocks; none for the others."""
    if isinstance(node, Paragraph | Strong):
        return node.runs
    if isinstance(node, Quote):
        return node.blocks
    return ()


def walk(nodes: Iterable[Node], into_quotes: bool = True, into_runs: bool = True,
         depth: int = 0) -> Iterator[tuple[Node, int]]:
    """Every node under ``nodes`` (a body's blocks, or runs) in reading order, each with its
    quote depth (0: the author's own content, 1: inside a quote, …). ``into_quotes=False``
    yields the quotes themselves but nothing inside them; ``into_runs=False`` yields blocks
    only (a paragraph, not its runs)."""
    for node in nodes:
        yield node, depth
        if isinstance(node, Quote):
            if into_quotes:
                yield from walk(node.blocks, True, into_runs, depth + 1)
        elif into_runs and isinstance(node, Paragraph | Strong):
            yield from walk(node.runs, into_quotes, True, depth)


def quotes(blocks: Iterable[Block]) -> list[tuple[Quote, int]]:
    """Every quote of a body with its depth, in pre-order (the order of quote ordinals, as the
    importer numbers them in ``quote_link``)."""
    return [(n, d) for n, d in walk(blocks) if isinstance(n, Quote)]


def run_text(runs: Iterable[Inline], smiley: Callable[[Smiley], str] | None = None) -> str:
    """The text of inline runs: text and link texts, through strong runs; a smiley is
    ``smiley(run)`` when given (else nothing), images and unknown HTML are nothing."""
    out: list[str] = []
    for node, _depth in walk(runs):
        if isinstance(node, Text | Link):
            out.append(node.text)
        elif smiley is not None and isinstance(node, Smiley):
            out.append(smiley(node))
    return "".join(out)


class BodyVisitor(Generic[T]):
    """Turns body nodes into ``T``: subclasses define a method per node type they handle (named
    as in :data:`NODE_TYPES`, taking the node); a node type without one goes to ``other``
    (by default: an error, so a new node type is not dropped silently).
    ``blocks(nodes)`` and ``runs(nodes)`` visit a sequence of children."""

    def __init__(self) -> None:
        self._methods: dict[type, Callable[[Node], T]] = {
            cls: getattr(self, name) for cls, name in NODE_TYPES.items() if hasattr(self, name)}

    def visit(self, node: Node) -> T:
        method = self._methods.get(type(node))
        return method(node) if method is not None else self.other(node)

    def blocks(self, nodes: Iterable[Block]) -> list[T]:
        return self._each(nodes)

    def runs(self, nodes: Iterable[Inline]) -> list[T]:
        return self._each(nodes)

    def _each(self, nodes: Iterable[Node]) -> list[T]:
        methods, other = self._methods, self.other  # (one call per node: bodies are many)
        return [methods[type(n)](n) if type(n) in methods else other(n) for n in nodes]

    def other(self, node: Node) -> T:
        raise TypeError(f"{type(self).__name__} has no method for {type(node).__name__}: {node!r}")
