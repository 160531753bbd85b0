using System.Text.Json;
using Amazon.Runtime;
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
        var subject = $"service control policies of account {accountId}";
        var permission = "organizations:ListParents";
        try
        {
            var path = new List<(OrganizationTargetKind Kind, string Id)> { (OrganizationTargetKind.Account, accountId) };
            var child = accountId;
            while (path.Count < 8)
            {
                using var parents = await CallAsync("ListParents", new Dictionary<string, string?> { ["ChildId"] = child }, cancellationToken).ConfigureAwait(false);
                var parent = parents.RootElement.GetProperty("Parents").EnumerateArray().FirstOrDefault();
                if (parent.ValueKind != JsonValueKind.Object)
                {
                    break;
                }

                var id = parent.GetProperty("Id").GetString()!;
                var isRoot = string.Equals(parent.GetProperty("Type").GetString(), "ROOT", StringComparison.Ordinal);
                path.Add((isRoot ? OrganizationTargetKind.Root : OrganizationTargetKind.OrganizationalUnit, id));
                if (isRoot)
                {
                    break;
                }

                child = id;
            }

            path.Reverse();
            permission = "organizations:ListPoliciesForTarget";
            var levels = await Task.WhenAll(path.Select(level => ReadLevelAsync(level.Kind, level.Id, cancellationToken))).ConfigureAwait(false);
            return SourceResult.Found<IReadOnlyList<OrganizationLevel>>(levels);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "AWSOrganizationsNotInUseException")
        {
            return SourceResult.NotFound<IReadOnlyList<OrganizationLevel>>($"organization of account {accountId}");
        }
        catch (AmazonServiceException ex)
        {
            Log.ReadFailed(logger, subject, permission, ex.ErrorCode, ex);
            return AwsFailures.IsNotFound(ex)
                ? SourceResult.Unreadable<IReadOnlyList<OrganizationLevel>>(new SourceError($"Account {accountId} is not in the organization these credentials can read ({ex.ErrorCode}).") { ErrorCode = ex.ErrorCode })
                : AwsFailures.ToResult<IReadOnlyList<OrganizationLevel>>(ex, permission, subject);
        }
        catch (AmazonClientException ex)
        {
            Log.ReadFailed(logger, subject, permission, null, ex);
            return AwsFailures.ToResult<IReadOnlyList<OrganizationLevel>>(ex, permission, subject);
        }
        catch (HttpRequestException ex)
        {
            Log.ReadFailed(logger, subject, permission, null, ex);
            return AwsFailures.ToResult<IReadOnlyList<OrganizationLevel>>(ex, permission, subject);
        }
        catch (PolicyDocumentException ex)
        {
            return AwsFailures.ToResult<IReadOnlyList<OrganizationLevel>>(ex, "organizations:DescribePolicy", subject);
        }
        catch (KeyNotFoundException ex)
        {
            return AwsFailures.ToResult<IReadOnlyList<OrganizationLevel>>(ex, permission, subject);
        }
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
            ids.AddRange(page.RootElement.GetProperty("Policies").EnumerateArray().Select(p => p.GetProperty("Id").GetString()!));
            token = page.RootElement.TryGetProperty("NextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(token));

        var policies = await Task.WhenAll(ids.Select(async id =>
        {
            using var described = await CallAsync("DescribePolicy", new Dictionary<string, string?> { ["PolicyId"] = id }, cancellationToken).ConfigureAwait(false);
            var policy = described.RootElement.GetProperty("Policy");
            var summary = policy.GetProperty("PolicySummary");
            return new ServiceControlPolicy(summary.GetProperty("Name").GetString()!, PolicyDocument.Parse(policy.GetProperty("Content").GetString()!))
            {
                Id = id,
                Arn = summary.TryGetProperty("Arn", out var arn) ? arn.GetString() : null,
            };
        })).ConfigureAwait(false);
        return new OrganizationLevel(kind, targetId, policies);
    }

    private async Task<JsonDocument> CallAsync(string operation, Dictionary<string, string?> body, CancellationToken cancellationToken)
    {
        var response = await gate.RunAsync(operation, (client, ct) => client.CallAsync(JsonRequest.Create(operation, body), ct), r => r, cancellationToken).ConfigureAwait(false);
        return response.Document ?? throw new FormatException($"The {operation} response has no body.");
    }
}
