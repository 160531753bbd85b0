using System.Text.Json;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>Reads the role of a Glue job, crawler, session, development endpoint or ML transform.</summary>
internal sealed class LiveGlueReader(AwsCallGate<GlueClient> gate, ILogger<LiveGlueReader> logger) : IGlueReader
{
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
