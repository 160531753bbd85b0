using System.Text.Json;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Reads the SCPs on an account's path (<c>ListParents</c> up to the root, then <c>ListPoliciesForTarget</c> and
/// <c>DescribePolicy</c> for every level, concurrently). Usually unreadable outside the management account.
/// </summary>
internal sealed class LiveOrganizationsReader(AwsCallGate<OrganizationsClient> gate, ILogger<LiveOrganizationsReader> logger) : IOrganizationsReader
{
    public async ValueTask<SourceResult<IReadOnlyList<OrganizationLevel>>> GetServiceControlPoliciesAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        return await AwsRead.GuardAsync(
            "organizations:ListParents",
            $"service control policies of account {accountId}",
            async () =>
            {
                var path = new List<(OrganizationTargetKind Kind, string Id)> { (OrganizationTargetKind.Account, accountId) };
                var child = accountId;
                while (path.Count < 8)
                {
                    using var parents = await CallAsync("ListParents", new Dictionary<string, string?> { ["ChildId"] = child }, cancellationToken).ConfigureAwait(false);
                    var parent = Array(parents.RootElement, "ListParents", "Parents").FirstOrDefault();
                    if (parent.ValueKind != JsonValueKind.Object)
                    {
                        break;
                    }

                    var id = Text(parent, "ListParents", "Id");
                    var isRoot = string.Equals(Text(parent, "ListParents", "Type"), "ROOT", StringComparison.Ordinal);
                    path.Add((isRoot ? OrganizationTargetKind.Root : OrganizationTargetKind.OrganizationalUnit, id));
                    if (isRoot)
                    {
                        break;
                    }

                    child = id;
                }

                path.Reverse();
                var levels = await Task.WhenAll(path.Select(level => ReadLevelAsync(level.Kind, level.Id, cancellationToken))).ConfigureAwait(false);
                return SourceResult.Found<IReadOnlyList<OrganizationLevel>>(levels);
            },
            logger,
            failure => failure switch
            {
                // Not an organization member: there are no SCPs. An answer, not a failure.
                { ErrorCode: "AWSOrganizationsNotInUseException" } => SourceResult.NotFound<IReadOnlyList<OrganizationLevel>>($"organization of account {accountId}"),

                // The account (or a parent) is not in the organization these credentials read: its SCPs are unknown, not absent.
                { Kind: AwsFailureKind.NotFound } => SourceResult.Unreadable<IReadOnlyList<OrganizationLevel>>(
                    new SourceError($"Account {accountId} is not in the organization these credentials can read ({failure.ErrorCode}).") { ErrorCode = failure.ErrorCode, Location = failure.Action }),
                _ => null,
            }).ConfigureAwait(false);
    }

    private async Task<OrganizationLevel> ReadLevelAsync(OrganizationTargetKind kind, string targetId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            using var page = await CallAsync(
                "ListPoliciesForTarget",
                new Dictionary<string, string?> { ["TargetId"] = targetId, ["Filter"] = "SERVICE_CONTROL_POLICY", ["NextToken"] = token },
                cancellationToken).ConfigureAwait(false);
            ids.AddRange(Array(page.RootElement, "ListPoliciesForTarget", "Policies").Select(p => Text(p, "ListPoliciesForTarget", "Id")));
            token = page.RootElement.TryGetProperty("NextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(token));

        var policies = await Task.WhenAll(ids.Select(async id =>
        {
            using var described = await CallAsync("DescribePolicy", new Dictionary<string, string?> { ["PolicyId"] = id }, cancellationToken).ConfigureAwait(false);
            var policy = Object(described.RootElement, "DescribePolicy", "Policy");
            var summary = Object(policy, "DescribePolicy", "PolicySummary");
            if (!PolicyDocument.TryParse(Text(policy, "DescribePolicy", "Content"), out var document, out var error))
            {
                throw AwsCallException.Malformed("organizations:DescribePolicy", $"the content of SCP {id} is not a valid policy document: {error!.Message}");
            }

            return new ServiceControlPolicy(Text(summary, "DescribePolicy", "Name"), document!)
            {
                Id = id,
                Arn = summary.TryGetProperty("Arn", out var arn) && arn.ValueKind == JsonValueKind.String ? arn.GetString() : null,
            };
        })).ConfigureAwait(false);
        return new OrganizationLevel(kind, targetId, policies);
    }

    private async Task<JsonDocument> CallAsync(string operation, Dictionary<string, string?> body, CancellationToken cancellationToken)
    {
        var response = await gate.RunAsync(operation, (client, ct) => client.CallAsync(JsonRequest.Create(operation, body), ct), r => r, cancellationToken).ConfigureAwait(false);
        return response.Document ?? throw AwsCallException.Malformed("organizations:" + operation, "the body is empty");
    }

    // Field access that reports a missing or mistyped field as the named call's malformed response, not a KeyNotFoundException.
    private static JsonElement Field(JsonElement element, string operation, string name, JsonValueKind kind) =>
        JsonFields.Required(element, "organizations:" + operation, name, kind);

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string operation, string name) => Field(element, operation, name, JsonValueKind.Array).EnumerateArray();

    private static JsonElement Object(JsonElement element, string operation, string name) => Field(element, operation, name, JsonValueKind.Object);

    private static string Text(JsonElement element, string operation, string name) => Field(element, operation, name, JsonValueKind.String).GetString()!;
}
