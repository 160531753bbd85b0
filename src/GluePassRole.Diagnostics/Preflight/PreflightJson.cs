using System.Text.Json;
using System.Text.Json.Serialization;
using GluePassRole.Diagnostics.Internal;

namespace GluePassRole.Diagnostics.Preflight;

// The preflight JSON contract (schemaVersion 1) as DTOs serialized by System.Text.Json source generation. Fields are
// only ever added; docs/glue-preflight.schema.json is the published schema, tested against the bundled sample's report.
#pragma warning disable SA1402, SA1649 // the contract's DTOs read best together

internal sealed record PreflightDto(
    int SchemaVersion,
    string Job,
    string? Role,
    string? Principal,
    bool AllPassed,
    IReadOnlyList<NeedDto> Needs,
    IReadOnlyList<string> Unread,
    IReadOnlyList<FixDto> Fixes);

internal sealed record NeedDto(
    string Id,
    string Why,
    string Subject,
    string Principal,
    string Action,
    string Resource,
    string Decision,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> Blockers,
    IReadOnlyList<string> GrantedBy,
    IReadOnlyList<string> Unread,
    string? Documentation);

internal sealed record FixDto(
    string Target,
    string PolicyName,
    JsonElement? Document,
    string Command,
    IReadOnlyList<string> Needs,
    bool Verified,
    IReadOnlyList<string> Verification,
    IReadOnlyList<string> AlsoRequired);

[JsonSerializable(typeof(PreflightDto))]
internal sealed partial class PreflightJsonContext : JsonSerializerContext
{
    /// <summary>The context with the contract's options (<see cref="ContractJsonOptions"/>).</summary>
    public static PreflightJsonContext Contract => field ??= new(ContractJsonOptions.Create());
}

/// <summary>Maps a report to its DTOs.</summary>
internal static class PreflightDtoMapper
{
    public static PreflightDto Map(GlueJobPreflightReport report) => new(
        GlueJobPreflightReport.SchemaVersion,
        report.Job,
        report.Role,
        report.Principal,
        report.AllPassed,
        [.. report.Needs.Select(n => new NeedDto(n.Id, n.Why, n.Subject.ToString(), n.Principal, n.Action, n.Resource, n.Decision.ToString(), n.Conditions, n.Blockers, n.GrantedBy, n.Unread, n.Documentation))],
        report.Unread,
        [.. report.Fixes.Select(f => new FixDto(
            f.Target,
            f.PolicyName,
            f.Document is { } document ? JsonDocument.Parse(document.ToJson(indented: false)).RootElement.Clone() : null,
            f.Command,
            f.Needs,
            f.Verified,
            f.Verification,
            f.AlsoRequired))]);
}
