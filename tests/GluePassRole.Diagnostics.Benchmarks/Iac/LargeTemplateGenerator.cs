using System.Globalization;
using System.Text;

namespace GluePassRole.Diagnostics.Benchmarks.Iac;

/// <summary>
/// Writes a large CloudFormation template (about 1 MB by default) built the way the real templates of
/// tests/Shared/RealTemplates are: per pipeline a Glue job role trusting Glue (AWSGlueServiceRole, an inline S3 policy on a
/// bucket parameter, a name from a parameter, every tenth from <c>AWS::StackId</c> and so known only at deploy), a job and a
/// crawler that run as it (<c>!GetAtt</c>/<c>!Ref</c>), a catalog table with its columns, and a customer managed policy
/// that lets the developers' group pass the role to Glue only. Deterministic: the same size gives the same text.
/// </summary>
internal static class LargeTemplateGenerator
{
    /// <summary>About 1 MB: the size the benchmark names.</summary>
    public const int DefaultPipelines = 280;

    public static string Write(string directory, int pipelines = DefaultPipelines)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "large-glue-platform.yaml");
        File.WriteAllText(path, Text(pipelines));
        return path;
    }

    public static string Text(int pipelines)
    {
        var text = new StringBuilder(capacity: pipelines * 3_200);
        text.Append("""
            AWSTemplateFormatVersion: "2010-09-09"
            Description: "Generated data platform (benchmark): Glue pipelines, their roles, and who may pass them."

            Parameters:
              Environment:
                Type: String
                Default: prod
                AllowedValues: [dev, staging, prod]
              ScriptsBucket:
                Type: String
                Default: example-glue-scripts-123456789012
              DataBucket:
                Type: String
                Description: Set at deploy.

            Resources:
              Developers:
                Type: AWS::IAM::Group
                Properties:
                  GroupName: !Sub ${Environment}-glue-developers

            """);
        for (var i = 0; i < pipelines; i++)
        {
            Pipeline(text, i);
        }

        return text.ToString();
    }

    private static void Pipeline(StringBuilder text, int i)
    {
        var n = i.ToString("D4", CultureInfo.InvariantCulture);
        var roleName = i % 10 == 0
            ? $"!Join ['-', ['etl-{n}', !Select [2, !Split ['/', !Ref AWS::StackId]]]]"
            : $"!Sub ${{Environment}}-etl-{n}-role";
        text.Append(CultureInfo.InvariantCulture, $$"""
              EtlRole{{n}}:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: {{roleName}}
                  Path: /service-role/
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal:
                          Service: glue.amazonaws.com
                        Action: sts:AssumeRole
                  ManagedPolicyArns:
                    - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSGlueServiceRole
                  Policies:
                    - PolicyName: etl-{{n}}-data
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Sid: ReadScripts
                            Effect: Allow
                            Action: [s3:GetObject, s3:ListBucket]
                            Resource:
                              - !Sub arn:${AWS::Partition}:s3:::${ScriptsBucket}
                              - !Sub arn:${AWS::Partition}:s3:::${ScriptsBucket}/etl-{{n}}/*
                          - Sid: WriteData
                            Effect: Allow
                            Action: [s3:GetObject, s3:PutObject, s3:DeleteObject]
                            Resource: !Sub arn:${AWS::Partition}:s3:::${DataBucket}/etl-{{n}}/*

              EtlJob{{n}}:
                Type: AWS::Glue::Job
                Properties:
                  Name: !Sub ${Environment}-etl-{{n}}
                  Role: !GetAtt EtlRole{{n}}.Arn
                  GlueVersion: "4.0"
                  WorkerType: G.1X
                  NumberOfWorkers: 2
                  Command:
                    Name: glueetl
                    PythonVersion: "3"
                    ScriptLocation: !Sub s3://${ScriptsBucket}/etl-{{n}}/job.py
                  DefaultArguments:
                    "--job-bookmark-option": job-bookmark-enable
                    "--TempDir": !Sub s3://${ScriptsBucket}/etl-{{n}}/tmp/
                    "--enable-metrics": "true"

              EtlCrawler{{n}}:
                Type: AWS::Glue::Crawler
                Properties:
                  Name: !Sub ${Environment}-etl-{{n}}-crawler
                  Role: !Ref EtlRole{{n}}
                  DatabaseName: !Sub ${Environment}_etl
                  Targets:
                    S3Targets:
                      - Path: !Sub s3://${DataBucket}/etl-{{n}}/
                  SchemaChangePolicy:
                    UpdateBehavior: UPDATE_IN_DATABASE
                    DeleteBehavior: LOG

              EtlTable{{n}}:
                Type: AWS::Glue::Table
                Properties:
                  CatalogId: !Ref AWS::AccountId
                  DatabaseName: !Sub ${Environment}_etl
                  TableInput:
                    Name: etl_{{n}}
                    TableType: EXTERNAL_TABLE
                    Parameters: { classification: parquet, typeOfData: file }
                    StorageDescriptor:
                      Location: !Sub s3://${DataBucket}/etl-{{n}}/
                      InputFormat: org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat
                      OutputFormat: org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat
                      SerdeInfo:
                        SerializationLibrary: org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe
                      Columns:
                        - { Name: id, Type: bigint }
                        - { Name: created_at, Type: timestamp }
                        - { Name: customer, Type: string }
                        - { Name: amount, Type: double }
                        - { Name: region, Type: string }

              PassEtlRole{{n}}:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  ManagedPolicyName: !Sub ${Environment}-pass-etl-{{n}}
                  Groups: [!Ref Developers]
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Sid: PassToGlueOnly
                        Effect: Allow
                        Action: iam:PassRole
                        Resource: !GetAtt EtlRole{{n}}.Arn
                        Condition:
                          StringEquals:
                            iam:PassedToService: glue.amazonaws.com
                      - Sid: EditTheJob
                        Effect: Allow
                        Action: [glue:GetJob, glue:UpdateJob, glue:StartJobRun]
                        Resource: !Sub arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:job/${Environment}-etl-{{n}}


            """);
    }
}
