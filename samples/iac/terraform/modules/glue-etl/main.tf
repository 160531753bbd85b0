# A Glue job and the role it runs with.

variable "job_name" { type = string }
variable "role_name" { type = string }
variable "script" { type = string }
variable "account_id" { type = string }
variable "partition" { type = string }

data "aws_iam_policy_document" "trust_glue" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "runtime" {
  name               = var.role_name
  assume_role_policy = data.aws_iam_policy_document.trust_glue.json
}

resource "aws_iam_role_policy_attachment" "service" {
  role       = aws_iam_role.runtime.name
  policy_arn = "arn:${var.partition}:iam::aws:policy/service-role/AWSGlueServiceRole"
}

resource "aws_iam_role_policy" "read_scripts" {
  name = "read-scripts"
  role = aws_iam_role.runtime.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ReadScripts"
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:${var.partition}:s3:::example-etl-scripts/*"
    }]
  })
}

resource "aws_glue_job" "this" {
  name     = var.job_name
  role_arn = aws_iam_role.runtime.arn # known after apply: resolved from the configuration
  command {
    script_location = var.script
  }
  glue_version = "4.0"
}

output "role_arn_planned" {
  description = "The role's ARN from known values, for policies that must be complete in the plan."
  value       = "arn:${var.partition}:iam::${var.account_id}:role/${var.role_name}"
}
