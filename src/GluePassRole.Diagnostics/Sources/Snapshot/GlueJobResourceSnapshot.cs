using System.Text.Json;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Preflight;

namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>
/// The Glue job resources of a snapshot folder, in the AWS CLI's output shapes, read when asked for:
/// <c>glue-get-job*.json</c> (the whole definition), <c>glue-get-security-configuration-&lt;name&gt;.json</c>,
/// <c>glue-get-connection-&lt;name&gt;.json</c>, <c>s3api-get-bucket-policy-&lt;bucket&gt;.json</c> and
/// <c>kms-get-key-policy-&lt;key id&gt;.json</c>. A bucket without a policy is recorded by saving the CLI's
/// <c>NoSuchBucketPolicy</c> error in the bucket's file (<c>2&gt;&amp;1</c>); a missing file is a policy that was not read.
/// </summary>
public sealed class GlueJobResourceSnapshot : IGlueJobResourceReader
{
    private const long MaxBytes = 4L * 1024 * 1024;
    private readonly string _directory;

    private GlueJobResourceSnapshot(string directory) => _directory = directory;

    /// <summary>Serves the job resources of <paramref name="directory"/> (read on demand; nothing is read here).</summary>
    /// <param name="directory">The snapshot folder.</param>
    /// <returns>The reader.</returns>
    public static GlueJobResourceSnapshot FromDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return new GlueJobResourceSnapshot(directory);
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<GlueJobDefinition>> GetJobDefinitionAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        SourceError? firstProblem = null;
        foreach (var file in Directory.EnumerateFiles(_directory, "glue-get-job*.json").Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (json, problem) = Read(file);
            if (json is null)
            {
                firstProblem ??= problem;
                continue;
            }

            using (json)
            {
                var root = json.RootElement;
                var jobs = root.ValueKind != JsonValueKind.Object ? []
                    : root.TryGetProperty("Job", out var one) && one.ValueKind == JsonValueKind.Object ? [(one, "$.Job")]
                    : root.TryGetProperty("Jobs", out var many) && many.ValueKind == JsonValueKind.Array ? many.EnumerateArray().Select((j, i) => (j, $"$.Jobs[{i}]")).ToArray()
                    : Array.Empty<(JsonElement, string)>();
                foreach (var (job, path) in jobs)
                {
                    if (job.ValueKind == JsonValueKind.Object && string.Equals(Text(job, "Name"), name, StringComparison.Ordinal))
                    {
                        return ValueTask.FromResult(Job(job, file, path));
                    }
                }
            }
        }

        return ValueTask.FromResult(firstProblem is null
            ? SourceResult.NotFound<GlueJobDefinition>($"Glue job {name} (no glue-get-job*.json file of the snapshot holds it)")
            : SourceResult.Unreadable<GlueJobDefinition>(firstProblem));
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<GlueSecurityConfiguration>> GetSecurityConfigurationAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var file = Path.Combine(_directory, $"glue-get-security-configuration-{name}.json");
        if (!File.Exists(file))
        {
            return ValueTask.FromResult(SourceResult.NotFound<GlueSecurityConfiguration>($"security configuration {name} (the snapshot has no {Path.GetFileName(file)}: aws glue get-security-configuration --name {name})"));
        }

        var (json, problem) = Read(file);
        if (json is null)
        {
            return ValueTask.FromResult(SourceResult.Unreadable<GlueSecurityConfiguration>(problem!));
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("SecurityConfiguration", out var configuration) || configuration.ValueKind != JsonValueKind.Object)
            {
                return ValueTask.FromResult(SourceResult.Unreadable<GlueSecurityConfiguration>(
                    new SourceError("The file holds no SecurityConfiguration (the output of aws glue get-security-configuration).") { Location = file, JsonPath = "$" }));
            }

            var result = GlueJobJson.ReadSecurityConfiguration(configuration, name);
            return ValueTask.FromResult(SourceResult.Found(result));
        }
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<GlueConnection>> GetConnectionAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var file = Path.Combine(_directory, $"glue-get-connection-{name}.json");
        if (!File.Exists(file))
        {
            return ValueTask.FromResult(SourceResult.NotFound<GlueConnection>($"connection {name} (the snapshot has no {Path.GetFileName(file)}: aws glue get-connection --name {name})"));
        }

        var (json, problem) = Read(file);
        if (json is null)
        {
            return ValueTask.FromResult(SourceResult.Unreadable<GlueConnection>(problem!));
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("Connection", out var connection) || connection.ValueKind != JsonValueKind.Object)
            {
                return ValueTask.FromResult(SourceResult.Unreadable<GlueConnection>(
                    new SourceError("The file holds no Connection (the output of aws glue get-connection).") { Location = file, JsonPath = "$" }));
            }

            return ValueTask.FromResult(SourceResult.Found(GlueJobJson.ReadConnection(connection, name)));
        }
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<ResourcePolicy>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        var file = Path.Combine(_directory, $"s3api-get-bucket-policy-{bucket}.json");
        return ValueTask.FromResult(Policy(file, $"the bucket policy of {bucket}", $"aws s3api get-bucket-policy --bucket {bucket}", "NoSuchBucketPolicy"));
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<ResourcePolicy>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyArn);
        var slash = keyArn.LastIndexOf("key/", StringComparison.Ordinal);
        var keyId = slash >= 0 ? keyArn[(slash + 4)..] : keyArn;
        var file = Path.Combine(_directory, $"kms-get-key-policy-{keyId}.json");
        return ValueTask.FromResult(Policy(file, $"the key policy of {keyArn}", $"aws kms get-key-policy --key-id {keyId} --policy-name default", noPolicyCode: null));
    }

    private static SourceResult<ResourcePolicy> Policy(string file, string subject, string command, string? noPolicyCode)
    {
        if (!File.Exists(file))
        {
            return SourceResult.NotFound<ResourcePolicy>($"{subject} (the snapshot has no {Path.GetFileName(file)}: {command})");
        }

        string text;
        try
        {
            var info = new FileInfo(file);
            if (info.Length > MaxBytes)
            {
                return SourceResult.Unreadable<ResourcePolicy>(new SourceError($"{Path.GetFileName(file)} is larger than {MaxBytes / (1024 * 1024)} MiB.") { Location = file });
            }

            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return SourceResult.Unreadable<ResourcePolicy>(new SourceError($"{Path.GetFileName(file)} cannot be read: {ex.Message}") { Location = file });
        }

        if (noPolicyCode is not null && text.Contains(noPolicyCode, StringComparison.Ordinal))
        {
            // The CLI's error, saved with 2>&1: the bucket has no policy (it neither allows nor denies).
            return SourceResult.Found(new ResourcePolicy(null) { Location = file });
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return SourceResult.Unreadable<ResourcePolicy>(new SourceError($"{Path.GetFileName(file)} is empty: the command that should have written it failed or was interrupted ({command}).") { Location = file });
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Object || Text(json.RootElement, "Policy") is not { } policy)
            {
                return SourceResult.Unreadable<ResourcePolicy>(new SourceError($"{Path.GetFileName(file)} holds no Policy string (the output of {command}).") { Location = file, JsonPath = "$" });
            }

            return SourceResult.Found(new ResourcePolicy(PolicyDocument.Parse(policy, Policies.Evaluation.PolicyType.ResourceBased)) { Location = file });
        }
        catch (JsonException ex)
        {
            return SourceResult.Unreadable<ResourcePolicy>(new SourceError($"{Path.GetFileName(file)} is not valid JSON: {ex.Message}") { Location = file, JsonPath = ex.Path ?? "$" });
        }
        catch (PolicyDocumentException ex)
        {
            return SourceResult.Unreadable<ResourcePolicy>(new SourceError($"{subject} is not a valid resource policy: {ex.Problem}") { Location = file, JsonPath = $"$.Policy ({ex.JsonPath})" });
        }
    }

    private static SourceResult<GlueJobDefinition> Job(JsonElement job, string file, string path) =>
        GlueJobJson.ReadJob(job, $"{file} {path}") is { } definition
            ? SourceResult.Found(definition)
            : SourceResult.Unreadable<GlueJobDefinition>(new SourceError("The Glue job has no Role.") { Location = file, JsonPath = path });

    private static (JsonDocument? Json, SourceError? Problem) Read(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length > MaxBytes * 8)
            {
                return (null, new SourceError($"{Path.GetFileName(file)} is larger than {MaxBytes * 8 / (1024 * 1024)} MiB.") { Location = file });
            }

            if (info.Length == 0)
            {
                return (null, new SourceError($"{Path.GetFileName(file)} is empty (0 bytes): the command that should have written it failed or was interrupted.") { Location = file });
            }

            using var stream = File.OpenRead(file);
            return (JsonDocument.Parse(stream), null);
        }
        catch (JsonException ex)
        {
            return (null, new SourceError($"{Path.GetFileName(file)} is not valid JSON: {ex.Message}") { Location = file, JsonPath = ex.Path ?? "$" });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new SourceError($"{Path.GetFileName(file)} cannot be read: {ex.Message}") { Location = file });
        }
    }

    private static string? Text(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
