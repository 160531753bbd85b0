# A platform repository's Glue stack in Terraform: the runtime role and job come from a module; the people who edit
# the job are a group. make-plan.sh plans it against moto_server on 127.0.0.1 and writes plan.json
# (terraform show -json), which the tests and the README example read.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "moto_endpoint" {
  type        = string
  description = "The moto_server the plan is made against (make-plan.sh sets it)."
}

provider "aws" {
  region                      = "ap-northeast-1"
  access_key                  = "AKIDMOTOTERRAFORM"
  secret_key                  = "moto-secret"
  skip_credentials_validation = true
  skip_requesting_account_id  = false
  skip_metadata_api_check     = true
  endpoints {
    iam  = var.moto_endpoint
    sts  = var.moto_endpoint
    glue = var.moto_endpoint
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

module "nightly_etl" {
  source     = "./modules/glue-etl"
  job_name   = "nightly-etl"
  role_name  = "etl-runtime"
  script     = "s3://example-etl-scripts/nightly-etl.py"
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
}

resource "aws_iam_user" "dana" {
  name = "dana"
  tags = { team = "data" }
}

resource "aws_iam_group" "glue_developers" {
  name = "GlueDevelopers"
}

resource "aws_iam_user_group_membership" "dana" {
  user   = aws_iam_user.dana.name
  groups = [aws_iam_group.glue_developers.name]
}

resource "aws_iam_group_policy_attachment" "console" {
  group      = aws_iam_group.glue_developers.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSGlueConsoleFullAccess"
}

# The statement the group needs: pass exactly the module's runtime role, and only to Glue. The ARN is built from
# known values (not aws_iam_role.x.arn, which is known only after apply), so the plan holds the whole document.
data "aws_iam_policy_document" "pass_runtime_role" {
  statement {
    sid       = "PassEtlRuntimeRoleToGlue"
    actions   = ["iam:PassRole"]
    resources = [module.nightly_etl.role_arn_planned]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["glue.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "pass_runtime_role" {
  name   = "PassEtlRuntimeRole"
  path   = "/platform/"
  policy = data.aws_iam_policy_document.pass_runtime_role.json
}

resource "aws_iam_group_policy_attachment" "pass_runtime_role" {
  group      = aws_iam_group.glue_developers.name
  policy_arn = aws_iam_policy.pass_runtime_role.arn # known after apply; resolved from the configuration
}

# A group that reads job logs but must not be able to pass the role.
resource "aws_iam_group" "analysts" {
  name = "analysts"
}

resource "aws_iam_group_policy" "analysts_read" {
  name  = "read-glue"
  group = aws_iam_group.analysts.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ReadGlue"
      Effect   = "Allow"
      Action   = ["glue:GetJob", "glue:GetJobRuns"]
      Resource = "*"
    }]
  })
}
