#!/usr/bin/env bash
# Builds a Glue job's account for preflight in moto with real AWS CLI calls (IAM, S3, KMS, Glue), then writes an offline
# snapshot of it with the same CLI (the layout of src/GluePassRole.Diagnostics/Sources/Snapshot/README.md) into OUT_DIR.
#   build-preflight.sh http://127.0.0.1:PORT OUT_DIR
# Prints the key ID on standard output.
set -euo pipefail
endpoint=$1 out=$2

export AWS_ACCESS_KEY_ID=AKIDMOTOPREFLIGHT AWS_SECRET_ACCESS_KEY=moto-secret AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN
aws_() { aws --endpoint-url "$endpoint" --output json "$@"; }

curl -fsS -X POST "$endpoint/moto-api/reset" >/dev/null

account=$(aws_ sts get-caller-identity --query Account --output text)
role_arn="arn:aws:iam::$account:role/etl-runtime"
aws_ iam create-user --user-name dana >/dev/null
aws_ iam put-user-policy --user-name dana --policy-name glue-developer --policy-document \
  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"glue:UpdateJob\",\"glue:StartJobRun\"],\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"$role_arn\",\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"glue.amazonaws.com\"}}}]}"
aws_ iam create-role --role-name etl-runtime --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
aws_ iam attach-role-policy --role-name etl-runtime --policy-arn arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole
aws_ iam put-role-policy --role-name etl-runtime --policy-name temp-dir --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::example-etl-temp/*"}]}'

aws_ s3api create-bucket --bucket example-etl-scripts >/dev/null
aws_ s3api create-bucket --bucket example-etl-temp >/dev/null
aws_ s3api put-bucket-policy --bucket example-etl-temp --policy \
  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"$role_arn\"},\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::example-etl-temp/*\"}]}"
key_id=$(aws_ kms create-key --description "etl temp dir" --query KeyMetadata.KeyId --output text)
key_arn="arn:aws:kms:us-east-1:$account:key/$key_id"
aws_ glue create-security-configuration --name etl-encrypted --encryption-configuration \
  "{\"S3Encryption\":[{\"S3EncryptionMode\":\"SSE-KMS\",\"KmsKeyArn\":\"$key_arn\"}],\"CloudWatchEncryption\":{\"CloudWatchEncryptionMode\":\"DISABLED\"},\"JobBookmarksEncryption\":{\"JobBookmarksEncryptionMode\":\"DISABLED\"}}" >/dev/null
aws_ glue create-job --name nightly-etl --role etl-runtime --security-configuration etl-encrypted \
  --command Name=glueetl,ScriptLocation=s3://example-etl-scripts/nightly-etl.py \
  --default-arguments '{"--TempDir":"s3://example-etl-temp/nightly-etl/"}' >/dev/null

mkdir -p "$out/organizations"
aws_ iam get-account-authorization-details > "$out/get-account-authorization-details.json"
aws_ glue get-job --job-name nightly-etl > "$out/glue-get-job-nightly-etl.json"
aws_ glue get-security-configuration --name etl-encrypted > "$out/glue-get-security-configuration-etl-encrypted.json"
aws_ s3api get-bucket-policy --bucket example-etl-temp > "$out/s3api-get-bucket-policy-example-etl-temp.json"
aws_ s3api get-bucket-policy --bucket example-etl-scripts > "$out/s3api-get-bucket-policy-example-etl-scripts.json" 2>&1 || true
aws_ kms get-key-policy --key-id "$key_id" --policy-name default > "$out/kms-get-key-policy-$key_id.json"
echo "$key_arn"
