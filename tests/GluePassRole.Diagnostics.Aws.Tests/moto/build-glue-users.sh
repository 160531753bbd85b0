#!/usr/bin/env bash
# On a moto_server of its own: three roles that trust Glue and that no principal can pass. job-only-runtime is the role
# of job orders-etl only, crawler-only-runtime the role of crawler orders-crawler only, idle-runtime the role of nothing.
#   build-glue-users.sh http://127.0.0.1:PORT
set -euo pipefail
endpoint=$1
export AWS_ACCESS_KEY_ID=AKIDMOTOADMIN AWS_SECRET_ACCESS_KEY=moto-secret AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN
aws_() { aws --endpoint-url "$endpoint" --output json "$@"; }

curl -fsS -X POST "$endpoint/moto-api/reset" >/dev/null
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
for role in job-only-runtime crawler-only-runtime idle-runtime; do
  aws_ iam create-role --role-name "$role" --assume-role-policy-document "$trust" >/dev/null
done
aws_ glue create-job --name orders-etl --role job-only-runtime \
  --command Name=glueetl,ScriptLocation=s3://orders/scripts/etl.py >/dev/null
aws_ glue create-crawler --name orders-crawler --role arn:aws:iam::123456789012:role/crawler-only-runtime \
  --targets '{"S3Targets":[{"Path":"s3://orders/raw/"}]}' >/dev/null
