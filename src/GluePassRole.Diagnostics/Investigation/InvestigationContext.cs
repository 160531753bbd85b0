using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// What the investigation knows so far. Immutable: a step returns a <c>with</c>-copy carrying its new facts, and the
/// investigator passes it on.
/// </summary>
public sealed record InvestigationContext
{
    /// <summary>The request being investigated.</summary>
    public required PassRoleInvestigationRequest Request { get; init; }

    /// <summary>The parsed AccessDenied message, when the request carried one.</summary>
    public AccessDeniedMessage? Error { get; init; }

    /// <summary>The principal ARN that passes the role.</summary>
    public string? Principal { get; init; }

    /// <summary>The account of the principal (from the error or the principal ARN).</summary>
    public string? Account { get; init; }

    /// <summary>The role as referenced so far: an ARN or a bare name.</summary>
    public string? RoleReference { get; init; }

    /// <summary>The role as read from the account (with its path and trust policy).</summary>
    public IamRole? Role { get; init; }

    /// <summary>The service principal the role is passed to.</summary>
    public required string Service { get; init; }

    /// <summary>The Glue job, when one was named and read.</summary>
    public GlueResource? Job { get; init; }

    /// <summary>The principal's policies with provenance, and the gaps in what could be read.</summary>
    public EffectivePolicies? Policies { get; init; }

    /// <summary>The context the PassRole request is evaluated under (PassedToService, inferred MFA, ...).</summary>
    public RequestContext EvaluationContext { get; init; } = RequestContext.Empty;

    /// <summary>The explained evaluation of the PassRole request.</summary>
    public EvaluationResult? Evaluation { get; init; }

    /// <summary>The decisions under the MFA variants.</summary>
    public WhatIfResult? MfaVariants { get; init; }

    /// <summary>What blocks the request.</summary>
    public IReadOnlyList<Blocker> Blockers { get; init; } = [];

    /// <summary>The proposed fix.</summary>
    public ProposedFix? Fix { get; init; }

    /// <summary>The fix's verification.</summary>
    public FixVerification? Verification { get; init; }

    /// <summary>Every finding reported by earlier steps.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Free-form facts custom steps share with later steps.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>The role's ARN: as read from the account, else the reference when it is an ARN.</summary>
    public string? RoleArn => Role?.Arn ?? (RoleReference is { } reference && reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : null);

    /// <summary>Whether a finding with the code was reported.</summary>
    /// <param name="code">The finding code.</param>
    /// <returns><see langword="true"/> when reported.</returns>
    public bool HasFinding(string code) => Findings.Any(f => f.Code == code);

    /// <summary>The PassRole request under <see cref="EvaluationContext"/>, when principal and role are known.</summary>
    /// <returns>The request, or <see langword="null"/>.</returns>
    public AuthorizationRequest? PassRoleRequest() =>
        Principal is { } principal && RoleArn is { } role
            ? new AuthorizationRequest { Principal = principal, Action = "iam:PassRole", Resource = role, Context = EvaluationContext }
            : null;
}
