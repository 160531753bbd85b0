using System.Text.Json;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Reads the role of a Glue job, crawler, session, development endpoint or ML transform, and lists the account's jobs
/// (<c>glue:GetJobs</c>), crawlers (<c>glue:GetCrawlers</c>), development endpoints (<c>glue:GetDevEndpoints</c>) and
/// interactive sessions (<c>glue:ListSessions</c>), every page (<c>NextToken</c>) up to <see cref="MaxPages"/> pages per
/// kind. ML transforms are not listed (<see cref="UnlistedKinds"/>): the audit then keeps an unknown beside a role it
/// reports dead. A page that fails, or more pages than the bound, makes the whole listing unreadable, never shorter.
/// </summary>
/// <remarks>
/// The container registers this reader as <see cref="IGlueReader"/> only, not as <see cref="IGlueJobDirectory"/>: the
/// audit finds the listing through the reader, and <c>investigate</c> without <c>--job</c> keeps choosing no job live.
/// </remarks>
internal sealed class LiveGlueReader(AwsCallGate<GlueClient> gate, ILogger<LiveGlueReader> logger, int maxPages = LiveGlueReader.MaxPages) : IGlueReader, IGlueJobDirectory
{
    /// <summary>The most pages read per kind; a longer listing is unreadable (an unknown), not cut short.</summary>
    public const int MaxPages = 100;

    /// <summary>Each listed kind: the list operation, the response's list, the name and the role field of an item.</summary>
    private static readonly (GlueResourceKind Kind, string Operation, string List, string NameField, string RoleField, string What)[] Listings =
    [
        (GlueResourceKind.Job, "GetJobs", "Jobs", "Name", "Role", "jobs"),
        (GlueResourceKind.Crawler, "GetCrawlers", "Crawlers", "Name", "Role", "crawlers"),
        (GlueResourceKind.DevEndpoint, "GetDevEndpoints", "DevEndpoints", "EndpointName", "RoleArn", "development endpoints"),
        (GlueResourceKind.Session, "ListSessions", "Sessions", "Id", "Role", "interactive sessions"),
    ];

    /// <summary>ML transforms: <c>glue:GetMLTransforms</c> is not read (moto does not serve it, so it cannot be tested here).</summary>
    public IReadOnlyCollection<GlueResourceKind> UnlistedKinds { get; } = [GlueResourceKind.MLTransform];

    public async ValueTask<SourceResult<IReadOnlyList<GlueResource>>> ListJobsAsync(CancellationToken cancellationToken = default) =>
        await ListAsync(Listings.Take(1), cancellationToken).ConfigureAwait(false);

    public async ValueTask<SourceResult<IReadOnlyList<GlueResource>>> ListResourcesAsync(CancellationToken cancellationToken = default) =>
        await ListAsync(Listings, cancellationToken).ConfigureAwait(false);

    private async Task<SourceResult<IReadOnlyList<GlueResource>>> ListAsync(
        IEnumerable<(GlueResourceKind Kind, string Operation, string List, string NameField, string RoleField, string What)> listings, CancellationToken cancellationToken)
    {
        var all = new List<GlueResource>();
        foreach (var listing in listings)
        {
            var action = "glue:" + listing.Operation;
            var subject = "the account's Glue " + listing.What;
            var read = await AwsRead.GuardAsync<IReadOnlyList<GlueResource>>(action, subject, async () =>
            {
                var items = new List<GlueResource>();
                string? token = null;
                for (var page = 0; ; page++)
                {
                    if (page == maxPages)
                    {
                        return SourceResult.Unreadable<IReadOnlyList<GlueResource>>(new SourceError(
                            $"Listing {subject} stopped after {maxPages} pages of {action}, and more follow; the rest was not read.")
                        {
                            ErrorCode = "TooManyPages",
                        });
                    }

                    var request = JsonRequest.Create(listing.Operation, new Dictionary<string, string?> { ["NextToken"] = token });
                    var response = await gate.RunAsync(listing.Operation, (client, ct) => client.CallAsync(request, ct), r => r, cancellationToken).ConfigureAwait(false);
                    using (response.Document)
                    {
                        foreach (var item in JsonFields.Required(response.Root, action, listing.List, JsonValueKind.Array).EnumerateArray())
                        {
                            var name = JsonFields.Required(item, action, listing.NameField, JsonValueKind.String).GetString()!;
                            var role = JsonFields.Required(item, action, listing.RoleField, JsonValueKind.String).GetString()!;
                            items.Add(new GlueResource(listing.Kind, name, role));
                        }

                        token = Property(response.Root, "NextToken") is { ValueKind: JsonValueKind.String } next ? next.GetString() : null;
                    }

                    if (string.IsNullOrEmpty(token))
                    {
                        return SourceResult.Found<IReadOnlyList<GlueResource>>(items);
                    }
                }
            }, logger).ConfigureAwait(false);
            if (!read.TryGetValue(out var resources))
            {
                // A list has no "not found": an answer that says so is not a listing.
                return read.Status == SourceResultStatus.NotFound
                    ? SourceResult.Unreadable<IReadOnlyList<GlueResource>>(new SourceError($"{subject} could not be listed: {action} says {read.NotFoundSubject} does not exist."))
                    : read;
            }

            all.AddRange(resources);
        }

        return SourceResult.Found<IReadOnlyList<GlueResource>>(all);
    }

    public async ValueTask<SourceResult<GlueResource>> GetResourceAsync(GlueResourceKind kind, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var (operation, parameter, element, roleField) = kind switch
        {
            GlueResourceKind.Job => ("GetJob", "JobName", "Job", "Role"),
            GlueResourceKind.Crawler => ("GetCrawler", "Name", "Crawler", "Role"),
            GlueResourceKind.Session => ("GetSession", "Id", "Session", "Role"),
            GlueResourceKind.DevEndpoint => ("GetDevEndpoint", "EndpointName", "DevEndpoint", "RoleArn"),
            GlueResourceKind.MLTransform => ("GetMLTransform", "TransformId", "Role", "Role"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Glue resource kind."),
        };
        var action = "glue:" + operation;
        var subject = $"Glue {kind} {name}";
        return await AwsRead.GuardAsync(action, subject, async () =>
        {
            var request = JsonRequest.Create(operation, new Dictionary<string, string?> { [parameter] = name });
            var response = await gate.RunAsync(operation, (client, ct) => client.CallAsync(request, ct), r => r, cancellationToken).ConfigureAwait(false);
            using (response.Document)
            {
                var root = response.Root;
                var resource = kind == GlueResourceKind.MLTransform ? root : Property(root, element);
                if (resource is not { ValueKind: JsonValueKind.Object } found)
                {
                    throw new MalformedResponseException($"The {operation} response has no {element}.");
                }

                var role = Property(found, roleField) is { ValueKind: JsonValueKind.String } r ? r.GetString() : null;
                if (string.IsNullOrEmpty(role))
                {
                    throw new MalformedResponseException($"The {operation} response has no {roleField}.");
                }

                var stored = Property(found, kind == GlueResourceKind.Session ? "Id" : "Name");
                return SourceResult.Found(new GlueResource(kind, stored is { ValueKind: JsonValueKind.String } s ? s.GetString()! : name, role));
            }
        }, logger).ConfigureAwait(false);
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
