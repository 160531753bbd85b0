using System.Text.Json.Serialization;
using GluePassRole.Diagnostics.Internal;

namespace GluePassRole.Diagnostics.Audit.Internal;

// The audit's JSON contract (schemaVersion 1, docs/passrole-audit.schema.json) as DTOs serialized by System.Text.Json
// source generation. The lists are enumerated while they are written, so a report of hundreds of thousands of grants
// (--pairs) is streamed record by record, never held as one document. Fields are only ever added, in this order.
#pragma warning disable SA1402, SA1649 // the contract's DTOs read best together

internal sealed record AuditDto(
    int SchemaVersion,
    string? Source,
    string Account,
    bool PerPair,
    AuditSummaryDto Summary,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IEnumerable<AuditGrantDto>? Grants,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IEnumerable<AuditGrantGroupDto>? GrantGroups,
    IEnumerable<AuditFindingDto> Findings,
    IEnumerable<AuditUnknownDto> Unknowns);

internal sealed record AuditSummaryDto(int Principals, int Roles, int RolesTrustingGlue, long PairsDecided, int Grants, int GrantGroups);

internal sealed record AuditGrantDto(
    string Account,
    string Principal,
    string Role,
    bool RequiresMfa,
    IEnumerable<AuditConditionDto> Conditions,
    string Verdict,
    string? TrustVerdict,
    bool CanRunAsRole,
    IReadOnlyList<string> RunOperations,
    IReadOnlyList<string> OtherOperations,
    IEnumerable<AuditGrantSourceDto> GrantedBy);

internal sealed record AuditGrantGroupDto(
    string Account,
    IReadOnlyList<string> Principals,
    IReadOnlyList<string> Roles,
    bool RequiresMfa,
    IEnumerable<AuditConditionDto> Conditions,
    string Verdict,
    string? TrustVerdict,
    bool CanRunAsRole,
    IReadOnlyList<string> RunOperations,
    IReadOnlyList<string> OtherOperations,
    IEnumerable<AuditGrantSourceDto> GrantedBy);

internal sealed record AuditConditionDto(string Key, string Description, string Scope, int Alternative);

internal sealed record AuditGrantSourceDto(string Policy, string? AttachedTo, string Statement, string Kind);

internal sealed record AuditFindingDto(
    string Account,
    string Code,
    string Severity,
    string? Principal,
    string? Role,
    string Message,
    string? Path,
    string? Policy,
    string? Statement,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<string> Principals,
    IReadOnlyList<string> Roles,
    IEnumerable<AuditGrantSourceDto> GrantedBy);

internal sealed record AuditUnknownDto(
    string Account,
    string Subject,
    string? Principal,
    string? Role,
    string Reason,
    string? MissingPermission,
    IReadOnlyList<string> AllowedByReadPolicies);

[JsonSerializable(typeof(AuditDto))]
internal sealed partial class AuditJsonContext : JsonSerializerContext
{
    /// <summary>The context with the contract's options (<see cref="ContractJsonOptions"/>).</summary>
    public static AuditJsonContext Contract => field ??= new(ContractJsonOptions.Create());
}

/// <summary>Maps an audit report to its DTOs, lazily: each record is made as the serializer reaches it.</summary>
internal static class AuditDtoMapper
{
    public static AuditDto Map(PassRoleAuditReport report) => new(
        PassRoleAuditReport.SchemaVersion,
        report.Source?.ToString(),
        report.Account,
        report.PerPair,
        new AuditSummaryDto(report.PrincipalCount, report.RoleCount, report.TargetCount, report.PairsDecided, report.Grants.Count, report.GrantGroups.Count),
        report.PerPair
            ? report.Grants.Select(g => new AuditGrantDto(
                g.Account, g.Principal, g.Role, g.RequiresMfa, Conditions(g.Conditions), g.Verdict, g.TrustVerdict, g.CanRunAsRole, g.RunOperations, g.OtherOperations, Sources(g.GrantedBy)))
            : null,
        report.PerPair
            ? null
            : report.GrantGroups.Select(g => new AuditGrantGroupDto(
                g.Account, g.Principals, g.Roles, g.RequiresMfa, Conditions(g.Conditions), g.Verdict, g.TrustVerdict, g.CanRunAsRole, g.RunOperations, g.OtherOperations, Sources(g.GrantedBy))),
        report.Findings.Select(f => new AuditFindingDto(
            f.Account, f.Code, f.Severity.ToString(), f.Principal, f.Role, f.Message, f.Path, f.Policy, f.Statement, f.Evidence, f.Principals, f.Roles, Sources(f.GrantedBy))),
        report.Unknowns.Select(u => new AuditUnknownDto(u.Account, u.Subject, u.Principal, u.Role, u.Reason, u.MissingPermission, u.AllowedByReadPolicies)));

    private static IEnumerable<AuditConditionDto> Conditions(IReadOnlyList<GrantCondition> conditions) =>
        conditions.Select(c => new AuditConditionDto(c.Key, c.Description, c.Scope.ToString(), c.Alternative));

    private static IEnumerable<AuditGrantSourceDto> Sources(IReadOnlyList<GrantSource> sources) =>
        sources.Select(s => new AuditGrantSourceDto(s.Policy, s.AttachedTo, s.Statement, s.Kind.ToString()));
}
