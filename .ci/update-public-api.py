#!/usr/bin/env python3
"""Regenerates src/*/PublicAPI.Unshipped.txt from the analyzer's RS0016/RS0017 diagnostics.

Run after a deliberate public API change, then review the diff of PublicAPI.Unshipped.txt.
Usage: update-public-api.py [PROJECT.csproj ...]   (default: the whole solution)
"""
import pathlib, re, subprocess, sys

root = pathlib.Path(__file__).resolve().parent.parent
for _ in range(3):
    targets = sys.argv[1:] or [str(root / "GluePassRole.Diagnostics.sln")]
    out = "".join(subprocess.run(["dotnet", "build", target, "-c", "Release", "--no-incremental", "-p:TreatWarningsAsErrors=false"],
                                 capture_output=True, text=True).stdout for target in targets)
    added, removed = {}, {}
    for m in re.finditer(r"error RS0016: Symbol '(.+?)' is not part of the declared public API.*?\[(.+?\.csproj)\]", out):
        added.setdefault(m.group(2), set()).add(m.group(1))
    for m in re.finditer(r"warning RS0016: Symbol '(.+?)' is not part of the declared public API.*?\[(.+?\.csproj)\]", out):
        added.setdefault(m.group(2), set()).add(m.group(1))
    for m in re.finditer(r"(?:error|warning) RS0017: Symbol '(.+?)' is part of the declared API, but is either not public or could not be found.*?\[(.+?\.csproj)\]", out):
        removed.setdefault(m.group(2), set()).add(m.group(1))
    if not added and not removed:
        break
    for proj in set(added) | set(removed):
        f = pathlib.Path(proj).parent / "PublicAPI.Unshipped.txt"
        lines = [l for l in f.read_text().splitlines() if l and not l.startswith("#nullable")]
        lines = sorted((set(lines) | added.get(proj, set())) - removed.get(proj, set()))
        f.write_text("#nullable enable\n" + "".join(l + "\n" for l in lines))
        print(f"{f}: +{len(added.get(proj, ()))} -{len(removed.get(proj, ()))}")
