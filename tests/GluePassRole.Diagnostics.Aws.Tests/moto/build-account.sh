#!/usr/bin/env bash
# Builds the field note's account in moto with real AWS CLI calls, then writes an offline snapshot of it
# (the layout of src/GluePassRole.Diagnostics/Sources/Snapshot/README.md) into OUT_DIR.
#   build-account.sh http://127.0.0.1:PORT OUT_DIR FORCE_MFA_POLICY_JSON
set -euo pipefail
endpoint=$1 out=$2 force_mfa=$3

export AWS_ACCESS_KEY_ID=AKIDMOTOFIELDNOTE AWS_SECRET_ACCESS_KEY=moto-secret AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN
aws_() { aws --endpoint-url "$endpoint" --output json "$@"; }

curl -fsS -X POST "$endpoint/moto-api/reset" >/dev/null

aws_ iam create-user --user-name dana >/dev/null
aws_ iam create-group --group-name GlueAccess >/dev/null
aws_ iam create-group --group-name developers >/dev/null
aws_ iam add-user-to-group --user-name dana --group-name GlueAccess
aws_ iam add-user-to-group --user-name dana --group-name developers
aws_ iam attach-group-policy --group-name GlueAccess --policy-arn arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess
mfa_arn=$(aws_ iam create-policy --policy-name Force_MFA --policy-document "file://$force_mfa" --query Policy.Arn --output text)
aws_ iam attach-group-policy --group-name developers --policy-arn "$mfa_arn"
aws_ iam create-role --role-name etl-runtime --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
aws_ iam attach-role-policy --role-name etl-runtime --policy-arn arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole
aws_ iam put-role-policy --role-name etl-runtime --policy-name read-orders --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Sid":"ReadOrders","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::orders/*"}]}'
aws_ glue create-job --name nightly-orders-etl --role etl-runtime \
  --command Name=glueetl,ScriptLocation=s3://orders/scripts/etl.py >/dev/null

aws_ organizations create-organization --feature-set ALL >/dev/null

mkdir -p "$out"
# SCPs per level, root first, as the snapshot README lays them out.
account=$(aws_ sts get-caller-identity --query Account --output text)
root=$(aws_ organizations list-roots --query 'Roots[0].Id' --output text)
order=0
for target in "$root" "$account"; do
  dir="$out/organizations/$order-$target"
  mkdir -p "$dir"
  for policy in $(aws_ organizations list-policies-for-target --target-id "$target" --filter SERVICE_CONTROL_POLICY --query 'Policies[].Id' --output text); do
    aws_ organizations describe-policy --policy-id "$policy" > "$dir/$policy.json"
  done
  order=$((order + 1))
done
aws_ iam get-account-authorization-details > "$out/get-account-authorization-details.json"
aws_ glue get-job --job-name nightly-orders-etl > "$out/glue-get-job-nightly-orders-etl.json"
aws_ sts get-caller-identity > "$out/sts-get-caller-identity.json"
