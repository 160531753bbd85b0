#!/usr/bin/env bash
# The README's "Checking infrastructure-as-code before deploy" example, as CI runs it: each command on the bundled
# samples must exit with the documented code. Usage: bash samples/iac/check-samples.sh [path/to/glue-passrole]
# (default: dotnet run the CLI project in Release).
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ $# -gt 0 ]; then cli=("$1"); else
  dotnet build src/GluePassRole.Diagnostics.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null || exit 1
  cli=(dotnet src/GluePassRole.Diagnostics.Cli/bin/Release/net10.0/glue-passrole.dll)
fi
failed=0
expect() {
  local want=$1; shift
  "${cli[@]}" "$@" >/tmp/glue-passrole-check.out 2>&1
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAILED (exit $got, expected $want): glue-passrole $*"; cat /tmp/glue-passrole-check.out; failed=1
  else
    echo "ok (exit $got): glue-passrole $*"
  fi
}
expect 0 check --template samples/iac/cloudformation/reporting-job.yaml --snapshot samples/accounts/field-note \
  --group GlueAccess --principal arn:aws:iam::123456789012:user/dana
expect 1 check --terraform-plan samples/iac/terraform/plan.json --group analysts
expect 0 check --terraform-plan samples/iac/terraform/plan.json --group GlueDevelopers
expect 0 check --cdk-out samples/iac/cdk/cdk.out --format sarif
expect 3 check --template samples/iac/cloudformation/glue-platform.yaml --group GlueDevelopers
# The sample accounts as templates: only role-not-trusting-glue fails (GPR003: its role trusts EC2, not Glue).
for t in field-note boundary-no-allow service-role-path job-uses-other-role; do expect 0 check --template "samples/iac/accounts/$t.yaml"; done
expect 1 check --template samples/iac/accounts/role-not-trusting-glue.yaml
exit $failed
