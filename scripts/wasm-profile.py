#!/usr/bin/env python3
"""Where a wasm's code bytes go: function body sizes from the code section, named by the
name section (build without stripping), grouped by crate. Usage: wasm-profile.py FILE [N]"""
import re
import sys
from collections import Counter


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def main():
    data = open(sys.argv[1], "rb").read()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    i, imports, bodies, names = 8, 0, [], {}
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        end = i + size
        if sid == 2:  # imports: function imports take the first indices
            n, j = leb(data, i)
            for _ in range(n):
                for _ in range(2):
                    ln, j = leb(data, j)
                    j += ln
                kind = data[j]
                j += 1
                if kind == 0:
                    _, j = leb(data, j)
                    imports += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 2:
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            n, j = leb(data, i)
            for _ in range(n):
                ln, j = leb(data, j)
                bodies.append(ln)
                j += ln
        elif sid == 0:
            ln, j = leb(data, i)
            if data[j:j + ln] == b"name":
                j += ln
                while j < end:
                    sub, j = data[j], j + 1
                    sz, j = leb(data, j)
                    if sub == 1:
                        n, k = leb(data, j)
                        for _ in range(n):
                            idx, k = leb(data, k)
                            ln2, k = leb(data, k)
                            names[idx] = data[k:k + ln2].decode(errors="replace")
                            k += ln2
                    j += sz
        i = end
    by_crate, funcs = Counter(), []
    for n, size in enumerate(bodies):
        name = names.get(imports + n, "?")
        funcs.append((size, name))
        m = re.findall(r"([a-z_][a-z0-9_]*)::", name)
        crate = next((c for c in m if c not in ("_", "impl", "core", "alloc")), m[0] if m else name[:30])
        by_crate[crate] += size
    print(f"code: {sum(bodies)} bytes in {len(bodies)} functions")
    for crate, size in by_crate.most_common(top):
        print(f"{size:8d}  {crate}")
    print("largest functions:")
    for size, name in sorted(funcs, reverse=True)[:top]:
        print(f"{size:8d}  {name[:150]}")


main()
