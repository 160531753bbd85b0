using System.Text.Json;
using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Preflight;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Tests.Preflight;

/// <summary>A copy of the bundled glue-preflight sample that a test changes, then preflights.</summary>
internal sealed class PreflightSample : IDisposable
{
    public const string Account = "123456789012";
    public const string RoleArn = "arn:aws:iam::123456789012:role/etl-runtime";
    public const string KeyArn = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string KeyFile = "kms-get-key-policy-1234abcd-12ab-34cd-56ef-1234567890ab.json";
    private const string Details = "get-account-authorization-details.json";

    private readonly TempFolder _folder = TempFolder.CopyOfSample("glue-preflight");

    public string Path => _folder.Path;

    /// <summary>Adds an inline policy to role etl-runtime.</summary>
    public PreflightSample RolePolicy(string name, object document) => EditDetails(details =>
    {
        var role = Role(details);
        ((role["RolePolicyList"] ??= new JsonArray()) as JsonArray)!.Add(new JsonObject { ["PolicyName"] = name, ["PolicyDocument"] = JsonSerializer.SerializeToNode(document) });
    });

    /// <summary>Replaces role etl-runtime's trust policy.</summary>
    public PreflightSample Trust(object document) => EditDetails(details => Role(details)["AssumeRolePolicyDocument"] = JsonSerializer.SerializeToNode(document));

    /// <summary>Removes an inline policy of a group.</summary>
    public PreflightSample RemoveGroupPolicy(string group, string policyName) => EditDetails(details =>
    {
        var list = (JsonArray)details["GroupDetailList"]!.AsArray().First(g => (string?)g!["GroupName"] == group)!["GroupPolicyList"]!;
        foreach (var item in list.Where(p => (string?)p!["PolicyName"] == policyName).ToList())
        {
            list.Remove(item);
        }
    });

    /// <summary>Detaches a managed policy from role etl-runtime.</summary>
    public PreflightSample DetachFromRole(string policyName) => EditDetails(details =>
    {
        var attached = (JsonArray)Role(details)["AttachedManagedPolicies"]!;
        foreach (var item in attached.Where(p => (string?)p!["PolicyName"] == policyName).ToList())
        {
            attached.Remove(item);
        }
    });

    /// <summary>Detaches a managed policy from group GlueAccess.</summary>
    public PreflightSample DetachFromGroup(string group, string policyName) => EditDetails(details =>
    {
        var entry = details["GroupDetailList"]!.AsArray().First(g => (string?)g!["GroupName"] == group)!;
        var attached = (JsonArray)entry["AttachedManagedPolicies"]!;
        foreach (var item in attached.Where(p => (string?)p!["PolicyName"] == policyName).ToList())
        {
            attached.Remove(item);
        }
    });

    /// <summary>Writes a resource-policy file in the AWS CLI's shape: <c>{"Policy": "&lt;document&gt;"}</c>.</summary>
    public PreflightSample PolicyFile(string file, object document)
    {
        _folder.Write(file, JsonSerializer.Serialize(new { Policy = JsonSerializer.Serialize(document) }));
        return this;
    }

    public PreflightSample Write(string file, string content)
    {
        _folder.Write(file, content);
        return this;
    }

    public PreflightSample Delete(string file)
    {
        File.Delete(System.IO.Path.Combine(Path, file));
        return this;
    }

    /// <summary>Changes the job definition (<c>$.Job</c> of glue-get-job-nightly-etl.json).</summary>
    public PreflightSample Job(Action<JsonObject> change)
    {
        var file = System.IO.Path.Combine(Path, "glue-get-job-nightly-etl.json");
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        change(json["Job"]!.AsObject());
        File.WriteAllText(file, json.ToJsonString());
        return this;
    }

    /// <summary>Buckets the source says belong to another account, by name.</summary>
    public Dictionary<string, string> BucketOwners { get; } = new(StringComparer.Ordinal);

    public async Task<GlueJobPreflightReport> RunAsync(string? principal = null, string? region = "ap-northeast-1")
    {
        var services = new ServiceCollection();
        IGlueJobResourceReader resources = GlueJobResourceSnapshot.FromDirectory(Path);
        if (BucketOwners.Count > 0)
        {
            resources = new OwnedBuckets(resources, BucketOwners);
        }

        services.AddPassRoleDiagnostics().UseSnapshot(Path).UseGlueJobResources(resources);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IGlueJobPreflight>().RunAsync(new GlueJobPreflightRequest
        {
            JobName = "nightly-etl",
            Principal = principal,
            Region = region,
            At = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
        });
    }

    public void Dispose() => _folder.Dispose();

    private static JsonNode Role(JsonNode details) => details["RoleDetailList"]!.AsArray().First(r => (string?)r!["RoleName"] == "etl-runtime")!;

    private PreflightSample EditDetails(Action<JsonNode> change)
    {
        var file = System.IO.Path.Combine(Path, Details);
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        change(json);
        File.WriteAllText(file, json.ToJsonString());
        return this;
    }
}

/// <summary>A source that knows which account owns some buckets (as a live source may).</summary>
internal sealed class OwnedBuckets(IGlueJobResourceReader inner, IReadOnlyDictionary<string, string> owners) : IGlueJobResourceReader
{
    public ValueTask<Diagnostics.Sources.SourceResult<GlueJobDefinition>> GetJobDefinitionAsync(string name, CancellationToken cancellationToken = default) => inner.GetJobDefinitionAsync(name, cancellationToken);

    public ValueTask<Diagnostics.Sources.SourceResult<GlueSecurityConfiguration>> GetSecurityConfigurationAsync(string name, CancellationToken cancellationToken = default) => inner.GetSecurityConfigurationAsync(name, cancellationToken);

    public ValueTask<Diagnostics.Sources.SourceResult<GlueConnection>> GetConnectionAsync(string name, CancellationToken cancellationToken = default) => inner.GetConnectionAsync(name, cancellationToken);

    public async ValueTask<Diagnostics.Sources.SourceResult<ResourcePolicy>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default)
    {
        var read = await inner.GetBucketPolicyAsync(bucket, cancellationToken);
        return owners.TryGetValue(bucket, out var owner) && read.Value is { } policy ? Diagnostics.Sources.SourceResult.Found(policy with { OwnerAccount = owner }) : read;
    }

    public ValueTask<Diagnostics.Sources.SourceResult<ResourcePolicy>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default) => inner.GetKeyPolicyAsync(keyArn, cancellationToken);
}

internal static class PreflightReportExtensions
{
    public static PreflightNeed Need(this GlueJobPreflightReport report, string id) =>
        report.Needs.SingleOrDefault(n => n.Id == id) ?? throw new Xunit.Sdk.XunitException($"No need {id}; the needs are {string.Join(", ", report.Needs.Select(n => n.Id))}.");
}
