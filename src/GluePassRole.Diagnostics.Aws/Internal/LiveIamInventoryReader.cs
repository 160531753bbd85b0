using System.Xml.Linq;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Lists the account's users and roles live with <c>iam:ListUsers</c> and <c>iam:ListRoles</c>, every page (IAM pages
/// with <c>Marker</c> while <c>IsTruncated</c>). A page that fails makes the whole list unreadable, never shorter.
/// </summary>
internal sealed class LiveIamInventoryReader(AwsCallGate<IamClient> gate, ILogger<LiveIamInventoryReader> logger) : IIamInventoryReader
{
    public async ValueTask<SourceResult<IReadOnlyList<IamUser>>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        await ListAsync("ListUsers", "Users", "the account's IAM users", member => member.ToUser(), cancellationToken).ConfigureAwait(false);

    /// <remarks><c>ListRoles</c> returns each trust policy (URL-encoded) but no boundary or tags; <c>GetRole</c> reads those.</remarks>
    public async ValueTask<SourceResult<IReadOnlyList<IamRole>>> ListRolesAsync(CancellationToken cancellationToken = default) =>
        await ListAsync("ListRoles", "Roles", "the account's IAM roles", member => member.ToRole(LiveIamReader.ParseDocument), cancellationToken).ConfigureAwait(false);

    private async Task<SourceResult<IReadOnlyList<T>>> ListAsync<T>(string operation, string listName, string subject, Func<XElement, T> read, CancellationToken cancellationToken)
        where T : notnull
    {
        // The one failure mapping every live reader uses: a failed page makes the whole list unreadable, never shorter.
        return await AwsRead.GuardAsync<IReadOnlyList<T>>("iam:" + operation, subject, async () =>
        {
            var all = new List<T>();
            string? marker = null;
            do
            {
                var request = new QueryRequest(operation).With("Marker", marker);
                var page = await gate.RunAsync(operation, (client, ct) => client.CallAsync(request, ct), response => response.Result, cancellationToken).ConfigureAwait(false);
                all.AddRange(page.Members(listName).Select(read));
                marker = page.Flag("IsTruncated") ? page.Required("Marker") : null;
            }
            while (marker is not null);

            return SourceResult.Found<IReadOnlyList<T>>(all);
        }, logger).ConfigureAwait(false);
    }
}
