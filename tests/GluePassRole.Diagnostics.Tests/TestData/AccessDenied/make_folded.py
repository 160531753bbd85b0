#!/usr/bin/env python3
"""Regenerates folded-*.txt: every verbatim case of AccessDeniedMessageCases.cs passed through GNU `fold -w N`
(hard wrap at column N, mid-word, as a terminal copy does), optionally with each line then prefixed (indentation,
Markdown quote marks). Run from this folder; needs coreutils' fold."""
import pathlib, re, subprocess

here = pathlib.Path(__file__).resolve().parent
source = (here / "../../AccessDenied/AccessDeniedMessageCases.cs").read_text()
cases = re.findall(r'\["([a-z0-9-]+)"\] = new\(\s*\n\s*"((?:[^"\\]|\\.)*)"', source)
variants = [("folded-w80.txt", 80, ""), ("folded-w60.txt", 60, ""), ("folded-w80-indented.txt", 80, "    "),
            ("folded-w60-quoted.txt", 60, "> ")]
for name, width, prefix in variants:
    out = []
    for case_id, literal in cases:
        text = literal.encode().decode("unicode_escape")
        folded = subprocess.run(["fold", "-w", str(width)], input=text, capture_output=True, text=True, check=True).stdout
        out.append(f"=== {case_id} ===\n" + "".join(prefix + line + "\n" for line in folded.split("\n")))
    (here / name).write_text("".join(out))

# An EC2-style error that holds only an encoded authorization failure message (a made-up 600-character base64url blob),
# unfolded and folded at 80 and 60 columns.
import base64, hashlib
blob, seed = "", b"glue-passrole"
while len(blob) < 600:
    seed = hashlib.sha256(seed).digest()
    blob += base64.urlsafe_b64encode(seed).decode().rstrip("=")
encoded = ("An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to "
           "perform this operation. Encoded authorization failure message: " + blob[:600])
sections = [f"=== unfolded ===\n{encoded}\n"]
for width in (80, 60):
    folded = subprocess.run(["fold", "-w", str(width)], input=encoded, capture_output=True, text=True, check=True).stdout
    sections.append(f"=== w{width} ===\n{folded}\n")
(here / "encoded-only.txt").write_text("".join(sections))
