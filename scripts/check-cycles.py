#!/usr/bin/env python3
"""Fails (exit 1) when a crate's modules depend on each other in a cycle.

Usage: scripts/check-cycles.py [--self-test] [--graph] [SRC_DIR ...]
  --self-test  first check the checker on a small crate with a cycle and without
  --graph      also print each module's dependencies
  SRC_DIR  a crate's source folder (holding lib.rs or main.rs); by default the core
           (src) and the emulator's crates. Each crate is reported on its own.

A module depends on another when its code names it: `use crate::a::b`, `use super::x`,
`use self::x`, a path `crate::a::f()` or `super::x::f()` anywhere in the code, or a `use`
of a child module by its bare name. A path resolves to the longest module it names
(`crate::a::b::Item` is module `a::b` when that exists, else `a`). Not dependencies:
comments and strings (doc links), `#[cfg(test)]` modules (tests may reach anywhere), the
crate root (a facade: a path through it resolves via its `pub use` re-exports), and a
module's `pub use` of its own child (containment, not use).
"""

import os
import re
import sys
import tempfile

DEFAULT = ["src", "emulator/src", "emulator/service/src", "emulator/wasm/src"]


def strip(text):
    """The code without comments, string and char literals (kept as blanks)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif c == "r" and re.match(r'r#*"', text[i:]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r"r(#*)\"", text[i:]).group(1)
            end = text.find('"' + hashes, i + 2 + len(hashes))
            i = n if end < 0 else end + 1 + len(hashes)
            out.append('""')
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
            out.append('""')
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i:i + 4] + "   "):
            # A char literal (a lifetime such as 'a has no closing quote).
            m = re.match(r"'(\\[^']*|[^\\'])'", text[i:])
            i += len(m.group(0)) if m else 1
            out.append("' '")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def drop_test_modules(code):
    """The code without `#[cfg(test)] mod x { ... }` blocks."""
    while True:
        m = re.search(r"#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*\{", code)
        if not m:
            return code
        depth, i = 1, m.end()
        while i < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            i += 1
        code = code[:m.start()] + code[i:]


def expand(tree):
    """`a::{b, c::{d, e}}` -> ["a::b", "a::c::d", "a::c::e"] (aliases and globs dropped)."""
    tree = re.sub(r"\s+", "", re.sub(r"\s+as\s+\w+", "", tree))
    depth, start = 0, None
    for i, c in enumerate(tree):
        if c == "{":
            if depth == 0:
                start = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                prefix, inner, rest = tree[:start], tree[start + 1:i], tree[i + 1:]
                parts, d, last = [], 0, 0
                for j, ch in enumerate(inner):
                    d += {"{": 1, "}": -1}.get(ch, 0)
                    if ch == "," and d == 0:
                        parts.append(inner[last:j])
                        last = j + 1
                parts.append(inner[last:])
                return [p for part in parts if part for p in expand(prefix + part + rest)]
    return [tree.rstrip("*").rstrip(":")]


class Crate:
    def __init__(self, src):
        self.src = src
        root = next((f for f in ("lib.rs", "main.rs") if os.path.exists(os.path.join(src, f))), None)
        if root is None:
            raise SystemExit(f"check-cycles: {src} has no lib.rs or main.rs")
        self.files = {}  # module path (tuple) -> file
        for dirpath, _, names in os.walk(src):
            for name in names:
                if not name.endswith(".rs"):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, name), src)[:-3].split(os.sep)
                if rel == [root[:-3]]:
                    mod = ()
                elif rel[-1] == "mod":
                    mod = tuple(rel[:-1])
                else:
                    mod = tuple(rel)
                self.files[mod] = os.path.join(dirpath, name)
        self.code = {m: drop_test_modules(strip(open(f, encoding="utf-8").read())) for m, f in self.files.items()}
        # Items the root re-exports: `pub use config::{ClientConfig, Region}`.
        self.reexports = {}
        for path in self.uses(()):
            segments = path.split("::")
            if segments[0] == "crate":
                segments = segments[1:]
            if len(segments) > 1:
                self.reexports[segments[-1]] = self.module(tuple(segments))

    def uses(self, mod, public_only=False):
        pattern = r"\bpub(\([^)]*\))?\s+use\s+([^;]+);" if public_only else r"\buse\s+([^;]+);"
        for m in re.finditer(pattern, self.code[mod]):
            yield from expand(m.group(m.lastindex))

    def module(self, segments):
        """The longest known module that `segments` (from the root) names, or None."""
        for k in range(len(segments), 0, -1):
            if tuple(segments[:k]) in self.files:
                return tuple(segments[:k])
        return None

    def resolve(self, mod, path):
        segments = [s for s in path.split("::") if s]
        if not segments:
            return None
        base = list(mod)
        if segments[0] == "crate":
            if len(segments) == 2 and segments[1] in self.reexports:
                return self.reexports[segments[1]]
            return self.module(segments[1:])
        if segments[0] == "self":
            return self.module(base + segments[1:])
        if segments[0] == "super":
            # An inline module's `super` is its file's module: counted as one level up too,
            # which at worst misses an edge, never invents one within the crate.
            while segments and segments[0] == "super":
                if base:
                    base.pop()
                segments = segments[1:]
            if not base and len(segments) == 1 and segments[0] in self.reexports:
                return self.reexports[segments[0]]
            return self.module(base + segments) if base else self.module(segments)
        if tuple(base + segments[:1]) in self.files:
            return self.module(base + segments)
        return None

    def edges(self):
        graph = {m: set() for m in self.files if m}
        for mod in graph:
            code = self.code[mod]
            own_children = {
                p for p in self.uses(mod, public_only=True)
                if not p.startswith(("crate::", "super::", "self::"))
            }
            paths = [p for p in self.uses(mod) if p not in own_children]
            paths += re.findall(r"(?<![\w:])((?:crate|super|self)(?:::\w+)+)", code)
            for path in paths:
                target = self.resolve(mod, path)
                if target and target != mod and target in graph:
                    graph[mod].add(target)
        return graph


def cycles(graph):
    """One cycle (as a list of modules) per strongly connected component of 2+ modules."""
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append((path_through(graph, set(component)), sorted(component)))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def path_through(graph, component):
    """A cycle inside `component`, from its first module back to it."""
    start = min(component)
    parents, queue = {start: None}, [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v]):
            if w == start:
                path = [v]
                while parents[path[-1]] is not None:
                    path.append(parents[path[-1]])
                return list(reversed(path)) + [start]
            if w in component and w not in parents:
                parents[w] = v
                queue.append(w)
    return sorted(component)


def name(mod):
    return "::".join(mod)


def check(src, show=False):
    crate = Crate(src)
    graph = crate.edges()
    found = cycles(graph)
    if show:
        for mod in sorted(graph):
            print(f"  {name(mod)} -> {', '.join(name(m) for m in sorted(graph[mod])) or '(none)'}")
    for cycle, members in found:
        also = f" (all tied together: {', '.join(name(m) for m in members)})" if len(members) + 1 > len(cycle) else ""
        print(f"{src}: module cycle: {' -> '.join(name(m) for m in cycle)}{also}")
    if not found:
        print(f"{src}: no module cycles ({len(graph)} modules)")
    return graph, found


def self_test():
    files = {
        "lib.rs": "//! [`crate::b`] in a doc link is no dependency.\npub mod a;\npub mod b;\npub mod c;\npub mod d;\npub use a::Thing;\n",
        "a.rs": "use crate::b::helper;\npub struct Thing;\n",
        # The cycle closes through `super::` and a braced use.
        "b.rs": "use super::{c::{self, Other}};\npub fn helper() {}\n",
        "c.rs": "pub struct Other;\nfn f() { crate::Thing; }\n",
        # Neither a test module, a string nor a comment is a dependency.
        "d/mod.rs": 'pub mod e;\npub use e::E;\n// crate::a\nconst S: &str = "crate::a::x";\n'
                    "#[cfg(test)]\nmod tests {\n    use crate::a::Thing;\n    fn t() { let _ = '}'; }\n}\n",
        "d/e.rs": "use super::super::b;\npub struct E;\n",
    }
    with tempfile.TemporaryDirectory() as tmp:
        for path, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(tmp, path)), exist_ok=True)
            with open(os.path.join(tmp, path), "w", encoding="utf-8") as f:
                f.write(text)
        graph = Crate(tmp).edges()
        expected = {("a",): {("b",)}, ("b",): {("c",)}, ("c",): {("a",)}, ("d",): set(), ("d", "e"): {("b",)}}
        assert graph == expected, f"self-test: graph {graph}"
        found = cycles(graph)
        assert found == [([("a",), ("b",), ("c",), ("a",)], [("a",), ("b",), ("c",)])], f"self-test: cycles {found}"
        # Without the closing edge the same crate passes.
        with open(os.path.join(tmp, "c.rs"), "w", encoding="utf-8") as f:
            f.write("pub struct Other;\n")
        assert cycles(Crate(tmp).edges()) == [], "self-test: a cycle where there is none"
    print("check-cycles self-test: a cycle is found, a clean crate passes")


def main(args):
    if "--self-test" in args:
        self_test()
    show = "--graph" in args
    args = [a for a in args if a not in ("--graph", "--self-test")]
    if not args:
        os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    failed = False
    for src in args or DEFAULT:
        failed |= bool(check(src, show)[1])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
