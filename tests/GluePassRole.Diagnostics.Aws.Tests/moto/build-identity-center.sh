#!/usr/bin/env bash
# On a moto_server of its own: an IAM Identity Center caller's account, built with the AWS CLI. Role
# AWSReservedSSO_DataEngineer_0123456789abcdef (path /aws-reserved/sso.amazonaws.com/ap-northeast-1/, AWSGlueConsoleFullAccess),
# role etl-runtime trusting Glue, and in Identity Center (ap-northeast-1) permission sets Analyst and DataEngineer.
# Prints the instance ARN and DataEngineer's permission set ARN, tab-separated.
#   build-identity-center.sh http://127.0.0.1:PORT
set -euo pipefail
endpoint=$1
export AWS_ACCESS_KEY_ID=AKIDMOTOSSO AWS_SECRET_ACCESS_KEY=moto-secret AWS_DEFAULT_REGION=ap-northeast-1 AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN
aws_() { aws --endpoint-url "$endpoint" --output json "$@"; }

curl -fsS -X POST "$endpoint/moto-api/reset" >/dev/null
sso_trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE"},"Action":["sts:AssumeRoleWithSAML","sts:TagSession"]}]}'
aws_ iam create-role --role-name AWSReservedSSO_DataEngineer_0123456789abcdef --path /aws-reserved/sso.amazonaws.com/ap-northeast-1/ \
  --assume-role-policy-document "$sso_trust" >/dev/null
aws_ iam attach-role-policy --role-name AWSReservedSSO_DataEngineer_0123456789abcdef --policy-arn arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess
aws_ iam create-role --role-name etl-runtime --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null

instance=$(aws_ sso-admin list-instances --query 'Instances[0].InstanceArn' --output text)
aws_ sso-admin create-permission-set --instance-arn "$instance" --name Analyst >/dev/null
arn=$(aws_ sso-admin create-permission-set --instance-arn "$instance" --name DataEngineer --query 'PermissionSet.PermissionSetArn' --output text)
printf '%s\t%s\n' "$instance" "$arn"
