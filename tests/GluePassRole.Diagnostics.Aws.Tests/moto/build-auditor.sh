#!/usr/bin/env bash
# On a moto_server of its own: builds user dana in two groups, an investigating user "auditor" allowed every IAM read
# except iam:ListGroupsForUser, then turns on moto's SigV4 + IAM enforcement. Prints the auditor's access key pair.
#   build-auditor.sh http://127.0.0.1:PORT
set -euo pipefail
endpoint=$1
export AWS_ACCESS_KEY_ID=AKIDMOTOADMIN AWS_SECRET_ACCESS_KEY=moto-secret AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN
aws_() { aws --endpoint-url "$endpoint" --output json "$@"; }

curl -fsS -X POST "$endpoint/moto-api/reset" >/dev/null
aws_ iam create-user --user-name dana >/dev/null
aws_ iam create-group --group-name GlueAccess >/dev/null
aws_ iam add-user-to-group --user-name dana --group-name GlueAccess
aws_ iam create-user --user-name auditor >/dev/null
aws_ iam put-user-policy --user-name auditor --policy-name read-iam-but-not-groups --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"},{"Effect":"Deny","Action":"iam:ListGroupsForUser","Resource":"*"}]}'
aws_ iam create-access-key --user-name auditor --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text
curl -fsS -X POST -H 'Content-Type: text/plain' --data-binary 0 "$endpoint/moto-api/reset-auth" >/dev/null
