using System.Text;
using System.Text.RegularExpressions;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation.Internal;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>
/// A statement of a policy that is not known in full: a value known only at deploy (infrastructure-as-code), or a
/// statement the reader cannot read. What is known of it bounds the requests it could match: it matters to a decision
/// only when its action and resource could match the request (<see cref="CouldMatch"/>).
/// </summary>
/// <remarks>
/// The elements are an over-approximation of the statement: an unknown part of an <c>Action</c> or <c>Resource</c>
/// pattern is written <c>*</c> (e.g. <c>arn:aws:s3:::*/orders/*</c> for <c>arn:aws:s3:::${DataBucket}/orders/*</c>), an
/// unknown item of a <c>NotAction</c> or <c>NotResource</c> list is left out (so the statement covers more), and an
/// element that is not known at all is <see langword="null"/> (any action, any resource). Conditions are not kept: a
/// statement that could match but whose condition would not hold still counts as could-match.
/// </remarks>
/// <param name="Index">The statement's zero-based position in its policy document.</param>
/// <param name="Error">Why it is not known, and where.</param>
public sealed partial record UnknownStatement(int Index, SourceError Error)
{
    /// <summary>The statement's <c>Sid</c>, when known.</summary>
    public string? Sid { get; init; }

    /// <summary>Whether it allows or denies, when known.</summary>
    public Effect? Effect { get; init; }

    /// <summary>The <c>Action</c> patterns it could match; <see langword="null"/> with <see cref="NotAction"/> also null when its actions are not known.</summary>
    public IReadOnlyList<string>? Action { get; init; }

    /// <summary>The <c>NotAction</c> patterns known to be in it (possibly none: then it covers every action).</summary>
    public IReadOnlyList<string>? NotAction { get; init; }

    /// <summary>The <c>Resource</c> patterns it could match; <see langword="null"/> with <see cref="NotResource"/> also null when its resources are not known.</summary>
    public IReadOnlyList<string>? Resource { get; init; }

    /// <summary>The <c>NotResource</c> patterns known to be in it (possibly none: then it covers every resource).</summary>
    public IReadOnlyList<string>? NotResource { get; init; }

    /// <summary>The statement as messages name it: its Sid, else <c>#Index</c>.</summary>
    public string Label => string.IsNullOrEmpty(Sid) ? $"#{Index}" : Sid;

    /// <summary>Whether the statement, whatever its unknown parts turn out to be, could match a request for <paramref name="action"/> on <paramref name="resource"/>.</summary>
    /// <param name="action">A concrete action, e.g. <c>iam:PassRole</c>.</param>
    /// <param name="resource">The resource ARN, or <see langword="null"/> for any resource.</param>
    /// <returns><see langword="false"/> only when what is known of it rules the request out.</returns>
    public bool CouldMatch(string action, string? resource = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var statement = new PolicyStatement
        {
            Effect = Policies.Effect.Allow,
            Action = Action is not null ? Action : NotAction is null ? ["*"] : null,
            NotAction = Action is null ? NotAction : null,

            // A policy variable resolves to some value: in a pattern it is widened to '*'. A NotResource pattern with a
            // variable excludes a value not known here, so it is left out.
            Resource = Resource?.Select(p => Variable().Replace(p, "*")).ToList(),
            NotResource = Resource is null ? NotResource?.Where(p => !Variable().IsMatch(p)).ToList() : null,
        };
        var compiled = new CompiledStatement(statement, Index, policyVariablesEnabled: false);
        return compiled.MatchesAction(action) && (resource is null || compiled.MatchesResource(resource, RequestContext.Empty));
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Effect?.ToString() ?? "Allow or Deny").Append(' ');
        text.Append(Action is not null ? List(Action) : NotAction is not null ? "NotAction " + List(NotAction) : "(any action)");
        text.Append(" on ");
        text.Append(Resource is not null ? List(Resource) : NotResource is not null ? "NotResource " + List(NotResource) : "(any resource)");
        return text.ToString();
    }

    // A report names a statement, it does not reprint it: a long list shows its first few and how many more.
    private static string List(IReadOnlyList<string> values) =>
        values.Count <= 5 ? string.Join(",", values) : $"{string.Join(",", values.Take(5))} and {values.Count - 5:N0} more";

    [GeneratedRegex(@"\$\{[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();
}
