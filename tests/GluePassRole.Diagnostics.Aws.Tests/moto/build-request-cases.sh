#!/usr/bin/env bash
# Builds, in moto, an account whose PassRole answers depend on the keys AWS puts in every request (issue 17's cases:
# aws:PrincipalArn, aws:PrincipalTag, aws:PrincipalOrgID, aws:CurrentTime, aws:SourceIp, a trust policy guarded by
# aws:SourceAccount), with real AWS CLI calls, then writes an offline snapshot of it into OUT_DIR.
#   build-request-cases.sh http://127.0.0.1:PORT OUT_DIR
set -euo pipefail
endpoint=$1 out=$2

export AWS_ACCESS_KEY_ID=AKIDMOTOREQUESTS AWS_SECRET_ACCESS_KEY=moto-secret AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN
aws_() { aws --endpoint-url "$endpoint" --output json "$@"; }

curl -fsS -X POST "$endpoint/moto-api/reset" >/dev/null
account=$(aws_ sts get-caller-identity --query Account --output text)
aws_ organizations create-organization --feature-set ALL >/dev/null
org=$(aws_ organizations describe-organization --query Organization.Id --output text)
root=$(aws_ organizations list-roots --query 'Roots[0].Id' --output text)
# A guardrail SCP of the organization's own (its ARN names the organization, as customer SCPs do).
scp=$(aws_ organizations create-policy --name DenyLeaveOrganization --type SERVICE_CONTROL_POLICY --description guardrail \
  --content '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}' \
  --query Policy.PolicySummary.Id --output text)
aws_ organizations attach-policy --policy-id "$scp" --target-id "$root"

glue_trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
guarded_trust="{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"glue.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"$account\"}}}]}"
aws_ iam create-role --role-name etl-runtime --assume-role-policy-document "$glue_trust" >/dev/null
aws_ iam create-role --role-name guarded-runtime --assume-role-policy-document "$guarded_trust" >/dev/null

pass() { # pass NAME CONDITION_JSON RESOURCE
  echo "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Pass\",\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"$3\",\"Condition\":$2}]}"
}
to_glue='"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}'

# aws:PrincipalArn: a group's allow, and a deny for everyone but admin-* users.
aws_ iam create-group --group-name etl-admins >/dev/null
aws_ iam put-group-policy --group-name etl-admins --policy-name pass-runtime-roles \
  --policy-document "$(pass x "{$to_glue}" "arn:aws:iam::$account:role/*-runtime")"
aws_ iam put-group-policy --group-name etl-admins --policy-name only-admins-pass \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"OnlyAdminsPass","Effect":"Deny","Action":"iam:PassRole","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/admin-*"}}}]}'
for user in admin-bob carol; do
  aws_ iam create-user --user-name "$user" >/dev/null
  aws_ iam add-user-to-group --user-name "$user" --group-name etl-admins
done

# aws:PrincipalTag: the user's tag.
aws_ iam create-user --user-name frank --tags Key=team,Value=data >/dev/null
aws_ iam put-user-policy --user-name frank --policy-name pass-when-data \
  --policy-document "$(pass x "{$to_glue,\"StringEqualsIgnoreCase\":{\"aws:PrincipalTag/team\":\"data\"}}" "arn:aws:iam::$account:role/etl-runtime")"

# aws:PrincipalOrgID: the organization the account is in.
aws_ iam create-user --user-name olga >/dev/null
aws_ iam put-user-policy --user-name olga --policy-name pass-in-org \
  --policy-document "$(pass x "{$to_glue,\"StringEqualsIgnoreCase\":{\"aws:PrincipalOrgID\":\"$org\"}}" "arn:aws:iam::$account:role/etl-runtime")"

# aws:CurrentTime: an allow until 2099.
aws_ iam create-user --user-name tim >/dev/null
aws_ iam put-user-policy --user-name tim --policy-name pass-until-2099 \
  --policy-document "$(pass x "{$to_glue,\"DateLessThan\":{\"aws:CurrentTime\":\"2099-01-01T00:00:00Z\"}}" "arn:aws:iam::$account:role/etl-runtime")"

# aws:SourceIp: a circumstance the account data cannot tell.
aws_ iam create-user --user-name ivy >/dev/null
aws_ iam put-user-policy --user-name ivy --policy-name pass-from-office \
  --policy-document "$(pass x "{$to_glue,\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}" "arn:aws:iam::$account:role/etl-runtime")"

mkdir -p "$out"
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
aws_ sts get-caller-identity > "$out/sts-get-caller-identity.json"
echo "ORG_ID=$org ACCOUNT=$account"
