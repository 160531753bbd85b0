namespace GluePassRole.Diagnostics.Preflight;

/// <summary>Which resource policy, besides the identity's own policies, decides a need.</summary>
internal enum ResourcePolicyKind
{
    /// <summary>None: the resource has no resource policy this tool reads (a log group, a Glue job).</summary>
    None,

    /// <summary>The S3 bucket's policy.</summary>
    Bucket,

    /// <summary>The KMS key's key policy (which must allow).</summary>
    Key,
}

/// <summary>One need before it is decided: who asks what on which resource, and which resource policy decides too.</summary>
internal sealed record NeedSpec(string Id, string Why, NeedSubject Subject, string Action, string Resource, string Documentation)
{
    public ResourcePolicyKind PolicyKind { get; init; }

    /// <summary>The bucket name or key ARN whose policy decides, for <see cref="PolicyKind"/>.</summary>
    public string? PolicyResource { get; init; }

    /// <summary>Request keys the action supplies (e.g. <c>s3:prefix</c> for <c>s3:ListBucket</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Context { get; init; } = [];

    /// <summary>Why the need cannot be decided (a part of the job that was not read); <see langword="null"/> when it can.</summary>
    public string? UnreadBecause { get; init; }

    /// <summary>For a <see cref="NeedSubject.Service"/> need, the service principal that asks (decided on the resource policy alone).</summary>
    public string? Service { get; init; }

    /// <summary>Request keys the service may send whose values are not known (each with why): decided per class of values.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Circumstances { get; init; } = [];
}

/// <summary>
/// What a Glue job needs, from its definition. Each need cites the AWS Glue documentation page that says so.
/// </summary>
internal static class NeedCatalog
{
    // The principal: "the same rights as to edit a job: glue:UpdateJob or glue:CreateJob, and iam:PassRole on the job role".
    internal const string SaveDoc = "https://docs.aws.amazon.com/glue/latest/dg/auto-version-upgrades-iam-permissions-for-auto-upgrade.html";

    // StartJobRun starts a run of the job definition.
    internal const string RunDoc = "https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-jobs-runs.html";

    // The role Glue assumes: a Glue service role, trusted by Glue, with access to "any sources, targets, scripts, and temporary directories".
    internal const string RoleDoc = "https://docs.aws.amazon.com/glue/latest/dg/create-an-iam-role.html";

    // --TempDir, --extra-py-files, --extra-jars, --extra-files, --enable-metrics, --continuous-log-logGroup.
    internal const string ArgumentsDoc = "https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html";

    // Log groups /aws-glue/jobs/error, /aws-glue/jobs/output and continuous logging.
    internal const string LoggingDoc = "https://docs.aws.amazon.com/glue/latest/dg/monitor-continuous-logging.html";

    // The service policy for Glue: CloudWatch Logs under /aws-glue/, cloudwatch:PutMetricData, glue actions.
    internal const string ServicePolicyDoc = "https://docs.aws.amazon.com/glue/latest/dg/create-service-policy.html";

    // Spark UI event logs written to the S3 path every 30 seconds.
    internal const string SparkUiDoc = "https://docs.aws.amazon.com/glue/latest/dg/monitor-spark-ui-jobs.html";

    // Connections: secretsmanager:GetSecretValue on the secret, and ec2:CreateNetworkInterface, DescribeNetworkInterfaces,
    // DeleteNetworkInterface on "*" for a connection in a VPC.
    internal const string ConnectionDoc = "https://docs.aws.amazon.com/glue/latest/dg/sap-odata-configuring-iam-permissions.html";

    // Security configurations: the job's role needs kms:Decrypt, kms:Encrypt and kms:GenerateDataKey on the keys of S3
    // encryption (SSE-KMS) and job bookmark encryption (CSE-KMS), and logs:AssociateKmsKey for CloudWatch Logs encryption.
    internal const string EncryptionDoc = "https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html";

    // "Setting up encryption in AWS Glue": an ETL job that writes encrypted CloudWatch Logs needs, in the key policy (not an
    // IAM policy), an allow for the service principal logs.<region>.amazonaws.com of kms:Encrypt*, kms:Decrypt*,
    // kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe* on the key used for CloudWatch encryption.
    internal const string SetUpEncryptionDoc = "https://docs.aws.amazon.com/glue/latest/dg/set-up-encryption.html";

    /// <summary>The KMS actions the CloudWatch Logs service principal uses on the key (one per action group the key policy must allow).</summary>
    internal static readonly string[] LogsServiceKeyActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:GenerateDataKey", "kms:DescribeKey"];

    /// <summary>The action patterns of the key-policy statement AWS Glue documents for the CloudWatch Logs service principal.</summary>
    internal static readonly string[] LogsServiceKeyPolicyActions = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];

    /// <summary>The default log groups of a Glue job (AWS Glue, "Logging for AWS Glue jobs").</summary>
    /// <remarks>
    /// With CloudWatch Logs encryption the Glue API's JobRun.LogGroupName (as published in the SDK reference,
    /// https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/glue/aws.sdk.kotlin.services.glue.model/-job-run/log-group-name.html) says only that a log group named
    /// <c>/aws-glue/jobs-yourRoleName-yourSecurityConfigurationName/</c> is encrypted with that configuration; it does not
    /// pin the names of the error and output groups, so the needs keep these names (all under <c>/aws-glue/</c>, where
    /// the Glue service-role policy example grants <c>logs:AssociateKmsKey</c>).
    /// </remarks>
    internal static readonly string[] DefaultLogGroups = ["/aws-glue/jobs/error", "/aws-glue/jobs/output"];

    /// <summary>The log group of continuous logging when <c>--continuous-log-logGroup</c> is not set.</summary>
    internal const string ContinuousLogGroup = "/aws-glue/jobs/logs-v2";

    /// <summary>The principal's needs: save (create or update) and run the job.</summary>
    public static IEnumerable<NeedSpec> Principal(GlueJobDefinition job, string jobArn)
    {
        yield return job.Exists
            ? new NeedSpec("principal.update-job", $"Save job {job.Name} (UpdateJob resends the whole definition, its role included).", NeedSubject.Principal, "glue:UpdateJob", jobArn, SaveDoc)
            : new NeedSpec("principal.create-job", $"Create job {job.Name}.", NeedSubject.Principal, "glue:CreateJob", jobArn, SaveDoc);
        yield return new NeedSpec("principal.start-job-run", $"Run job {job.Name}.", NeedSubject.Principal, "glue:StartJobRun", jobArn, RunDoc);
    }

    /// <summary>The role's run-time needs, from what the definition says the job does.</summary>
    public static IEnumerable<NeedSpec> Role(
        GlueJobDefinition job, string partition, string? region, string account,
        IReadOnlyDictionary<string, Sources.SourceResult<GlueConnection>> connections, Sources.SourceResult<GlueSecurityConfiguration>? security)
    {
        if (S3Location.TryParse(job.ScriptLocation, out var script))
        {
            yield return Object("role.script.read", $"Read the job's script {job.ScriptLocation} (Command.ScriptLocation).", "s3:GetObject", script, RoleDoc);
        }

        foreach (var argument in (string[])["--extra-py-files", "--extra-jars", "--extra-files"])
        {
            var index = 0;
            foreach (var entry in (job.Argument(argument) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (S3Location.TryParse(entry, out var file))
                {
                    yield return Object($"role.{argument.TrimStart('-')}.{index++}.read", $"Read {entry} ({argument}).", "s3:GetObject", file.Key.EndsWith('/') ? file.Under() : file, ArgumentsDoc);
                }
            }
        }

        if (S3Location.TryParse(job.Argument("--TempDir"), out var temp))
        {
            var under = temp.Under();
            var why = $"Use the temporary directory {job.Argument("--TempDir")} (--TempDir)";
            yield return Object("role.tempdir.write", why + ": write objects under it.", "s3:PutObject", under, RoleDoc);
            yield return Object("role.tempdir.read", why + ": read objects under it.", "s3:GetObject", under, RoleDoc);
            yield return Object("role.tempdir.delete", why + ": delete objects under it.", "s3:DeleteObject", under, RoleDoc);
            yield return new NeedSpec("role.tempdir.list", why + ": list its bucket under the prefix.", NeedSubject.Role, "s3:ListBucket", $"arn:{partition}:s3:::{temp.Bucket}", RoleDoc)
            {
                PolicyKind = ResourcePolicyKind.Bucket,
                PolicyResource = temp.Bucket,
                Context = [new("s3:prefix", temp.Prefix)],
            };
        }

        if (string.Equals(job.Argument("--enable-spark-ui"), "true", StringComparison.OrdinalIgnoreCase) && S3Location.TryParse(job.Argument("--spark-event-logs-path"), out var sparkUi))
        {
            yield return Object("role.spark-ui.write", $"Write the Spark UI event logs to {job.Argument("--spark-event-logs-path")} (--enable-spark-ui).", "s3:PutObject", sparkUi.Under(), SparkUiDoc);
        }

        var groups = new List<(string Id, string Group)>();
        foreach (var group in DefaultLogGroups)
        {
            groups.Add((group[(group.LastIndexOf('/') + 1)..], group));
        }

        if (string.Equals(job.Argument("--enable-continuous-cloudwatch-log"), "true", StringComparison.OrdinalIgnoreCase) || job.Argument("--continuous-log-logGroup") is not null)
        {
            groups.Add(("continuous", job.Argument("--continuous-log-logGroup") ?? ContinuousLogGroup));
        }

        foreach (var (id, group) in groups)
        {
            var groupArn = $"arn:{partition}:logs:{region ?? "REGION"}:{account}:log-group:{group}";
            var unread = region is null ? "the job's Region is not known (give --region): the log group's ARN names it" : null;
            yield return new NeedSpec($"role.logs.{id}.create-group", $"Create the log group {group}.", NeedSubject.Role, "logs:CreateLogGroup", groupArn, LoggingDoc) { UnreadBecause = unread };
            yield return new NeedSpec($"role.logs.{id}.create-stream", $"Create log streams in {group}.", NeedSubject.Role, "logs:CreateLogStream", groupArn + ":log-stream:*", LoggingDoc) { UnreadBecause = unread };
            yield return new NeedSpec($"role.logs.{id}.put-events", $"Put log events in {group}.", NeedSubject.Role, "logs:PutLogEvents", groupArn + ":log-stream:*", LoggingDoc) { UnreadBecause = unread };
            if (security?.Value is { CloudWatchEncryptionMode: { } mode } && !string.Equals(mode, "DISABLED", StringComparison.OrdinalIgnoreCase))
            {
                yield return new NeedSpec($"role.logs.{id}.associate-kms-key", $"Associate the security configuration's KMS key with {group} (CloudWatch Logs encryption).", NeedSubject.Role, "logs:AssociateKmsKey", groupArn, EncryptionDoc) { UnreadBecause = unread };
            }
        }

        if (string.Equals(job.Argument("--enable-metrics"), "true", StringComparison.OrdinalIgnoreCase) || (job.Arguments.ContainsKey("--enable-metrics") && job.Argument("--enable-metrics") is null))
        {
            yield return new NeedSpec("role.metrics.put", "Publish the job's metrics (--enable-metrics).", NeedSubject.Role, "cloudwatch:PutMetricData", "*", ServicePolicyDoc);
        }

        foreach (var name in job.Connections)
        {
            var connectionArn = $"arn:{partition}:glue:{region ?? "REGION"}:{account}:connection/{name}";
            yield return new NeedSpec($"role.connection.{name}.get", $"Read connection {name}.", NeedSubject.Role, "glue:GetConnection", connectionArn, ServicePolicyDoc)
            {
                UnreadBecause = region is null ? "the job's Region is not known (give --region): the connection's ARN names it" : null,
            };
            if (!connections.TryGetValue(name, out var read) || !read.TryGetValue(out var connection))
            {
                yield return new NeedSpec($"role.connection.{name}.details", $"Use connection {name}: its secret and network.", NeedSubject.Role, "secretsmanager:GetSecretValue", $"connection {name}", ConnectionDoc)
                {
                    UnreadBecause = $"connection {name} was not read ({read?.Error?.Message ?? read?.NotFoundSubject ?? "no source"}): its secret and VPC are not known",
                };
                continue;
            }

            if (connection.SecretId is { } secret)
            {
                var secretArn = secret.StartsWith("arn:", StringComparison.Ordinal) ? secret : $"arn:{partition}:secretsmanager:{region ?? "REGION"}:{account}:secret:{secret}-*";
                yield return new NeedSpec($"role.connection.{name}.secret", $"Read the secret {secret} of connection {name}.", NeedSubject.Role, "secretsmanager:GetSecretValue", secretArn, ConnectionDoc)
                {
                    UnreadBecause = region is null && !secret.StartsWith("arn:", StringComparison.Ordinal) ? "the job's Region is not known (give --region): the secret's ARN names it" : null,
                };
            }

            if (connection.SubnetId is not null)
            {
                foreach (var action in (string[])["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"])
                {
                    yield return new NeedSpec($"role.connection.{name}.{action[4..].ToLowerInvariant()}", $"Manage the network interfaces of connection {name} in subnet {connection.SubnetId} ({action}).", NeedSubject.Role, action, "*", ConnectionDoc);
                }
            }
        }

        if (job.SecurityConfiguration is { } configurationName)
        {
            if (security is null || !security.TryGetValue(out var configuration))
            {
                yield return new NeedSpec("role.security-configuration", $"Use the keys of security configuration {configurationName}.", NeedSubject.Role, "kms:GenerateDataKey", $"security configuration {configurationName}", EncryptionDoc)
                {
                    UnreadBecause = $"security configuration {configurationName} was not read ({security?.Error?.Message ?? security?.NotFoundSubject ?? "no source"}): its keys are not known",
                };
                yield break;
            }

            foreach (var (id, mode, key, what) in new[]
            {
                ("s3", configuration.S3EncryptionMode, configuration.S3KmsKeyArn, "S3 encryption (SSE-KMS): the temporary directory and the job's S3 writes"),
                ("bookmarks", configuration.JobBookmarksEncryptionMode, configuration.JobBookmarksKmsKeyArn, "job bookmark encryption (CSE-KMS)"),
                ("logs", configuration.CloudWatchEncryptionMode, configuration.CloudWatchKmsKeyArn, "CloudWatch Logs encryption (SSE-KMS): the job's log groups"),
            })
            {
                if (key is null || mode is null || !mode.Contains("KMS", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var action in (string[])["kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt"])
                {
                    yield return new NeedSpec($"role.kms.{id}.{action[4..].ToLowerInvariant()}", $"Use key {key} of security configuration {configuration.Name} for {what}.", NeedSubject.Role, action, key, EncryptionDoc)
                    {
                        PolicyKind = ResourcePolicyKind.Key,
                        PolicyResource = key,
                    };
                }
            }

            // CloudWatch Logs itself encrypts the job's log events with the key: the key policy must allow the service
            // principal of the job's Region (SetUpEncryptionDoc); an IAM policy cannot grant a service principal.
            if (configuration.CloudWatchKmsKeyArn is { } logsKey && configuration.CloudWatchEncryptionMode is { } logsMode && logsMode.Contains("KMS", StringComparison.OrdinalIgnoreCase))
            {
                var service = $"logs.{region ?? "REGION"}.amazonaws.com";
                foreach (var action in LogsServiceKeyActions)
                {
                    yield return new NeedSpec($"service.logs.kms.{action[4..].ToLowerInvariant()}", $"CloudWatch Logs ({service}) uses key {logsKey} of security configuration {configuration.Name} to encrypt the job's logs ({action}, allowed by the key policy).", NeedSubject.Service, action, logsKey, SetUpEncryptionDoc)
                    {
                        PolicyKind = ResourcePolicyKind.Key,
                        PolicyResource = logsKey,
                        Service = service,
                        Circumstances = [new("kms:EncryptionContext:aws:logs:arn", "the log group whose events are encrypted (CloudWatch Logs sends its ARN as the encryption context)")],
                        UnreadBecause = region is null ? "the job's Region is not known (give --region): the CloudWatch Logs service principal names it" : null,
                    };
                }
            }
        }
    }

    private static NeedSpec Object(string id, string why, string action, S3Location location, string documentation) =>
        new(id, why, NeedSubject.Role, action, location.ObjectArn, documentation) { PolicyKind = ResourcePolicyKind.Bucket, PolicyResource = location.Bucket };
}

/// <summary>An <c>s3://bucket/key</c> location.</summary>
internal readonly record struct S3Location(string Bucket, string Key)
{
    /// <summary>The object's ARN (the partition is <c>aws</c>: S3 URIs do not name one).</summary>
    public string ObjectArn => $"arn:aws:s3:::{Bucket}/{Key}";

    /// <summary>The prefix the location names, ending in <c>/</c> (empty for the bucket's root).</summary>
    public string Prefix => Key.Length == 0 || Key.EndsWith('/') ? Key : Key + "/";

    /// <summary>Every object under the location: <c>bucket/prefix/*</c>, matched by a policy only when it covers them all.</summary>
    public S3Location Under() => new(Bucket, Prefix + "*");

    /// <summary>Parses <c>s3://bucket/key</c> (also <c>s3a://</c>, <c>s3n://</c>).</summary>
    public static bool TryParse(string? uri, out S3Location location)
    {
        location = default;
        if (uri is null)
        {
            return false;
        }

        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0 || uri[..scheme].ToLowerInvariant() is not ("s3" or "s3a" or "s3n"))
        {
            return false;
        }

        var rest = uri[(scheme + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            return false;
        }

        location = new S3Location(bucket, slash < 0 ? string.Empty : rest[(slash + 1)..]);
        return true;
    }
}
