using System.Text.Json;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Finds a permission set by name in the Identity Center Region: <c>ListInstances</c>, then per instance
/// <c>ListPermissionSets</c> and <c>DescribePermissionSet</c> (a few at a time, stopping at the match). Usually
/// unreadable outside the management or delegated administrator account.
/// </summary>
internal sealed class LiveIdentityCenterReader(AwsCallGate<SsoAdminClient> gate, ILogger<LiveIdentityCenterReader> logger) : IIdentityCenterReader
{
    /// <summary>How many permission sets are described at once before looking for the name.</summary>
    private const int DescribeBatch = 8;

    public async ValueTask<SourceResult<IdentityCenterPermissionSet>> FindPermissionSetAsync(string permissionSetName, string? region = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permissionSetName);
        var where = region is null ? string.Empty : $" in {region}";
        return await AwsRead.GuardAsync(
            "sso:ListInstances",
            $"IAM Identity Center permission set {permissionSetName}{where}",
            async () =>
            {
                var instances = await ListAsync("ListInstances", "Instances", new Dictionary<string, string?>(), region, e => Text(e, "ListInstances", "InstanceArn"), cancellationToken).ConfigureAwait(false);
                if (instances.Count == 0)
                {
                    return SourceResult.NotFound<IdentityCenterPermissionSet>($"IAM Identity Center instance{where} (sso:ListInstances lists none)");
                }

                foreach (var instance in instances)
                {
                    var arns = await ListAsync(
                        "ListPermissionSets", "PermissionSets", new Dictionary<string, string?> { ["InstanceArn"] = instance }, region,
                        e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw AwsCallException.Malformed("sso:ListPermissionSets", "a PermissionSets entry is not an ARN"),
                        cancellationToken).ConfigureAwait(false);
                    foreach (var batch in arns.Chunk(DescribeBatch))
                    {
                        var names = await Task.WhenAll(batch.Select(arn => DescribeAsync(instance, arn, region, cancellationToken))).ConfigureAwait(false);
                        var match = Array.FindIndex(names, n => string.Equals(n, permissionSetName, StringComparison.Ordinal));
                        if (match >= 0)
                        {
                            return SourceResult.Found(new IdentityCenterPermissionSet(permissionSetName, instance, batch[match]));
                        }
                    }
                }

                return SourceResult.NotFound<IdentityCenterPermissionSet>($"permission set {permissionSetName} in instance {string.Join(" or ", instances)}{where}");
            },
            logger).ConfigureAwait(false);
    }

    private async Task<string> DescribeAsync(string instance, string arn, string? region, CancellationToken cancellationToken)
    {
        using var described = await CallAsync("DescribePermissionSet", new Dictionary<string, string?> { ["InstanceArn"] = instance, ["PermissionSetArn"] = arn }, region, cancellationToken).ConfigureAwait(false);
        return Text(Field(described.RootElement, "DescribePermissionSet", "PermissionSet", JsonValueKind.Object), "DescribePermissionSet", "Name");
    }

    /// <summary>Every page of a list operation (<c>NextToken</c>), selected item by item.</summary>
    private async Task<List<string>> ListAsync(string operation, string list, Dictionary<string, string?> body, string? region, Func<JsonElement, string> select, CancellationToken cancellationToken)
    {
        var items = new List<string>();
        string? token = null;
        do
        {
            body["NextToken"] = token;
            using var page = await CallAsync(operation, body, region, cancellationToken).ConfigureAwait(false);
            items.AddRange(Field(page.RootElement, operation, list, JsonValueKind.Array).EnumerateArray().Select(select));
            token = page.RootElement.TryGetProperty("NextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(token));
        return items;
    }

    private async Task<JsonDocument> CallAsync(string operation, Dictionary<string, string?> body, string? region, CancellationToken cancellationToken)
    {
        var request = JsonRequest.Create(operation, body, region);
        var response = await gate.RunAsync(operation, (client, ct) => client.CallAsync(request, ct), r => r, cancellationToken, region).ConfigureAwait(false);
        return response.Document ?? throw AwsCallException.Malformed("sso:" + operation, "the body is empty");
    }

    private static JsonElement Field(JsonElement element, string operation, string name, JsonValueKind kind) =>
        JsonFields.Required(element, "sso:" + operation, name, kind);

    private static string Text(JsonElement element, string operation, string name) => Field(element, operation, name, JsonValueKind.String).GetString()!;
}
