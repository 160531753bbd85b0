#!/usr/bin/env bash
# Packaging check, run by CI after the tests (and runnable by hand: bash .ci/pack.sh).
#   1. dotnet pack the solution; check the five .nupkg/.snupkg and what is inside them.
#   2. Install the glue-passrole tool from those packages into a temporary tool path and run it.
#   3. Build and run a throwaway console app (tests/consumer) that references the PACKED libraries.
# Everything happens in one temporary folder, removed at the end. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
start=$SECONDS

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/glue-passrole-pack.XXXXXX")
trap 'rm -rf "$work"' EXIT
packages=$work/packages

fail() { echo "pack check FAILED: $*" >&2; exit 1; }

version=$(dotnet msbuild src/GluePassRole.Diagnostics.Policies/GluePassRole.Diagnostics.Policies.csproj -nologo -getProperty:Version)
[ -n "$version" ] || fail "could not read Version from Directory.Build.props"
bundled=samples/accounts/field-note

echo "== pack: dotnet pack GluePassRole.Diagnostics.sln -c Release (version $version) -> $packages"
dotnet pack GluePassRole.Diagnostics.sln -c Release -o "$packages" -nologo -nr:false -clp:ErrorsOnly \
  || fail "dotnet pack exited $?"

echo "== pack: package contents (5 .nupkg + .snupkg, README, XML docs, license, repository, Source Link, tool layout)"
python3 - "$packages" "$version" "$root" "$bundled" <<'PY'
import os, re, sys, zipfile

packages, version, root, bundled = sys.argv[1:5]
ci = os.environ.get("CI", "").lower() == "true"
libraries = ["GluePassRole.Diagnostics.Policies", "GluePassRole.Diagnostics", "GluePassRole.Diagnostics.Aws", "GluePassRole.Diagnostics.Iac"]
tool = "GluePassRole.Diagnostics.Cli"
errors = []

def check(condition, what):
    print(f"  {'ok  ' if condition else 'FAIL'} {what}")
    if not condition:
        errors.append(what)

def open_package(name):
    path = os.path.join(packages, name)
    check(os.path.isfile(path), f"{name} exists")
    return zipfile.ZipFile(path) if os.path.isfile(path) else None

def check_metadata(pid, nupkg):
    names = set(nupkg.namelist())
    nuspec = nupkg.read(f"{pid}.nuspec").decode("utf-8-sig")
    check("PACKAGE.md" in names and "<readme>PACKAGE.md</readme>" in nuspec, f"{pid}: README (PACKAGE.md)")
    check('<license type="expression">Apache-2.0</license>' in nuspec, f"{pid}: license Apache-2.0")
    repo = re.search(r'<repository type="git" url="(https://[^"]+)"[^>]* commit="([0-9a-f]{40})"', nuspec)
    check(repo is not None and "<projectUrl>" in nuspec, f"{pid}: repository (git, url, commit) and project URL"
          + (f" [{repo.group(1)}]" if repo else ""))
    check(f"<version>{version}</version>" in nuspec, f"{pid}: version {version}")
    check("<description>" in nuspec and "<tags>" in nuspec, f"{pid}: description and tags")

def check_symbols(pid, pdb_path):
    snupkg = open_package(f"{pid}.{version}.snupkg")
    if snupkg is None:
        return
    names = snupkg.namelist()
    check(pdb_path in names, f"{pid}: snupkg has {pdb_path}")
    if pdb_path in names:
        pdb = snupkg.read(pdb_path)
        # Source Link's JSON is stored verbatim in the portable PDB: {"documents":{"<local root>/*":"<url>/*"}}.
        link = re.search(rb'\{"documents":\{"[^"]*":"(https://[^"]+)"', pdb)
        check(link is not None, f"{pid}: PDB has Source Link" + (f" [{link.group(1).decode()}]" if link else ""))
        if ci:
            check(root.encode() not in pdb, f"{pid}: deterministic PDB (no local paths, CI=true)")

for pid in libraries:
    nupkg = open_package(f"{pid}.{version}.nupkg")
    if nupkg is None:
        continue
    names = set(nupkg.namelist())
    check_metadata(pid, nupkg)
    for ext in ("dll", "xml"):
        check(f"lib/net10.0/{pid}.{ext}" in names, f"{pid}: lib/net10.0/{pid}.{ext}")
    check_symbols(pid, f"lib/net10.0/{pid}.pdb")

nupkg = open_package(f"{tool}.{version}.nupkg")
if nupkg is not None:
    names = set(nupkg.namelist())
    nuspec = nupkg.read(f"{tool}.nuspec").decode("utf-8-sig")
    check_metadata(tool, nupkg)
    check('<packageType name="DotnetTool" />' in nuspec, f"{tool}: package type DotnetTool")
    check({"tools/net10.0/any/glue-passrole.dll", "tools/net10.0/any/DotnetToolSettings.xml"} <= names,
          f"{tool}: tools/net10.0/any/glue-passrole.dll and DotnetToolSettings.xml")
    source = os.path.join(root, bundled)
    if os.path.isdir(source):
        expected = sorted(os.path.relpath(os.path.join(d, f), source).replace(os.sep, "/")
                          for d, _, files in os.walk(source) for f in files)
        missing = [f for f in expected if f"tools/net10.0/any/accounts/field-note/{f}" not in names]
        check(expected and not missing, f"{tool}: bundles {bundled} ({len(expected)} files) as accounts/field-note"
              + (f"; missing {missing[:5]}" if missing else ""))
    else:
        print(f"  skip {tool}: bundled account ({bundled} is not in this checkout)")
    check_symbols(tool, "tools/net10.0/any/glue-passrole.pdb")

extra = sorted(f for f in os.listdir(packages)
               if not any(f.startswith(f"{p}.{version}.") for p in libraries + [tool]))
check(not extra, "no other packages" + (f" (found {extra})" if extra else ""))
if errors:
    sys.exit(f"{len(errors)} package check(s) failed")
PY

# A NuGet.config of our own: the repository's feed (nuget.config) plus the folder just packed, and a packages cache
# of our own, so that restores use these packages and never a same-versioned copy cached by an earlier run.
cp nuget.config "$work/NuGet.config"
dotnet nuget add source "$packages" --name local-packages --configfile "$work/NuGet.config" >/dev/null
export NUGET_PACKAGES=$work/nuget-packages
# Stop MSBuild's upward search for Directory.Build.* / Directory.Packages.props at the temporary folder.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
echo '<Project />' > "$work/Directory.Packages.props"

echo "== tool: dotnet tool install GluePassRole.Diagnostics.Cli --version $version --tool-path <tmp>/tool (from the packed folder)"
(cd "$work" && dotnet tool install GluePassRole.Diagnostics.Cli --version "$version" --tool-path "$work/tool" \
  --configfile "$work/NuGet.config") || fail "dotnet tool install exited $?"
glue_passrole=$work/tool/glue-passrole

if [ -d "$bundled" ]; then
  echo "== tool: glue-passrole investigate --format json (the bundled field-note account)"
  args=(investigate --format json)
else
  echo "== tool: glue-passrole investigate --format json --snapshot tests/.../TestData/FieldNote ($bundled not in this checkout)"
  args=(investigate --format json --snapshot "$root/tests/GluePassRole.Diagnostics.Tests/TestData/FieldNote"
        --error "User: arn:aws:iam::111122223333:user/dana is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/etl-orders-runtime because no identity-based policy allows the iam:PassRole action")
fi
# Exit 0: complete report; 3: a report, but some account data was unreadable (e.g. no organizations/ in the snapshot).
set +e
(cd "$work" && "$glue_passrole" "${args[@]}") > "$work/report.json"
status=$?
set -e
case $status in
  0) ;;
  3) echo "  note: investigate exited 3 (report incomplete: some account data unknown); checking its verdict" ;;
  *) fail "glue-passrole investigate exited $status" ;;
esac
python3 - "$work/report.json" <<'PY'
import json, sys

report = json.load(open(sys.argv[1]))
def find(node, key):
    if isinstance(node, dict):
        if key in node:
            yield node[key]
        for value in node.values():
            yield from find(value, key)
    elif isinstance(node, list):
        for value in node:
            yield from find(value, key)

after = list(find(report, "decisionAfterFix"))
print(f"  decision: {report.get('decision')}, decisionAfterFix: {after[0] if after else None}")
if report.get("decision") != "ImplicitDeny" or "Allowed" not in after:
    sys.exit('expected "decision": "ImplicitDeny" and "decisionAfterFix": "Allowed"')
PY

echo "== tool: glue-passrole policy validate (a valid policy: exit 0; an invalid one: exit 1)"
"$glue_passrole" policy validate tests/consumer/identity-policy.json || fail "policy validate of a valid policy exited $?"
set +e
"$glue_passrole" policy validate tests/consumer/invalid-policy.json
status=$?
set -e
[ "$status" -eq 1 ] || fail "policy validate of an invalid policy exited $status, expected 1"

echo "== consumer: a console app referencing the PACKED GluePassRole.Diagnostics.Policies and GluePassRole.Diagnostics $version"
cp -r tests/consumer "$work/consumer"
dotnet build "$work/consumer/Consumer.csproj" -c Release -nologo -nr:false -clp:ErrorsOnly -p:GluePassRoleVersion="$version" \
  || fail "consumer build exited $?"
python3 - "$work/consumer/obj/project.assets.json" "$version" <<'PY'
import json, sys

libraries = json.load(open(sys.argv[1]))["libraries"]
for pid in ("GluePassRole.Diagnostics.Policies", "GluePassRole.Diagnostics"):
    entry = libraries.get(f"{pid}/{sys.argv[2]}", {})
    print(f"  {pid} {sys.argv[2]}: {entry.get('type', 'missing')}")
    if entry.get("type") != "package":
        sys.exit(f"{pid} was not restored as a package")
PY
dotnet "$work/consumer/bin/Release/net10.0/Consumer.dll" "$work/consumer" || fail "consumer exited $?"

echo "pack check passed in $((SECONDS - start)) s"
