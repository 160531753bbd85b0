using System.Diagnostics.CodeAnalysis;

namespace GluePassRole.Diagnostics.Policies;

/// <summary>The comparison a condition operator performs, without its set qualifier or <c>IfExists</c> suffix.</summary>
public enum ConditionOperatorKind
{
    /// <summary><c>StringEquals</c>: exact, case-sensitive.</summary>
    StringEquals,
    /// <summary><c>StringNotEquals</c>: negated exact, case-sensitive.</summary>
    StringNotEquals,
    /// <summary><c>StringEqualsIgnoreCase</c>.</summary>
    StringEqualsIgnoreCase,
    /// <summary><c>StringNotEqualsIgnoreCase</c>.</summary>
    StringNotEqualsIgnoreCase,
    /// <summary><c>StringLike</c>: case-sensitive with <c>*</c> and <c>?</c> wildcards.</summary>
    StringLike,
    /// <summary><c>StringNotLike</c>: negated <c>StringLike</c>.</summary>
    StringNotLike,
    /// <summary><c>NumericEquals</c>.</summary>
    NumericEquals,
    /// <summary><c>NumericNotEquals</c>.</summary>
    NumericNotEquals,
    /// <summary><c>NumericLessThan</c>.</summary>
    NumericLessThan,
    /// <summary><c>NumericLessThanEquals</c>.</summary>
    NumericLessThanEquals,
    /// <summary><c>NumericGreaterThan</c>.</summary>
    NumericGreaterThan,
    /// <summary><c>NumericGreaterThanEquals</c>.</summary>
    NumericGreaterThanEquals,
    /// <summary><c>DateEquals</c>.</summary>
    DateEquals,
    /// <summary><c>DateNotEquals</c>.</summary>
    DateNotEquals,
    /// <summary><c>DateLessThan</c>.</summary>
    DateLessThan,
    /// <summary><c>DateLessThanEquals</c>.</summary>
    DateLessThanEquals,
    /// <summary><c>DateGreaterThan</c>.</summary>
    DateGreaterThan,
    /// <summary><c>DateGreaterThanEquals</c>.</summary>
    DateGreaterThanEquals,
    /// <summary><c>Bool</c>.</summary>
    Bool,
    /// <summary><c>BinaryEquals</c>: base64-encoded bytes compared exactly.</summary>
    BinaryEquals,
    /// <summary><c>IpAddress</c>: IPv4 or IPv6 address or CIDR range.</summary>
    IpAddress,
    /// <summary><c>NotIpAddress</c>.</summary>
    NotIpAddress,
    /// <summary><c>ArnEquals</c>: compared ARN component by component.</summary>
    ArnEquals,
    /// <summary><c>ArnLike</c>.</summary>
    ArnLike,
    /// <summary><c>ArnNotEquals</c>.</summary>
    ArnNotEquals,
    /// <summary><c>ArnNotLike</c>.</summary>
    ArnNotLike,
    /// <summary><c>Null</c>: whether the key is absent.</summary>
    Null,
}

/// <summary>The set qualifier of a condition operator, for multivalued context keys.</summary>
public enum ConditionSetQualifier
{
    /// <summary>No qualifier: the operator compares single values.</summary>
    None,
    /// <summary><c>ForAllValues:</c>: every request value must match some condition value.</summary>
    ForAllValues,
    /// <summary><c>ForAnyValue:</c>: at least one request value must match some condition value.</summary>
    ForAnyValue,
}

/// <summary>
/// A parsed condition operator such as <c>StringLike</c>, <c>BoolIfExists</c> or <c>ForAnyValue:StringEquals</c>.
/// </summary>
/// <remarks>
/// See "IAM JSON policy elements: Condition operators" in the AWS IAM User Guide
/// (reference_policies_elements_condition_operators). Operator names are matched case-insensitively and kept in their
/// canonical spelling. <c>IfExists</c> may follow any operator except <c>Null</c>.
/// </remarks>
/// <param name="Kind">The comparison.</param>
/// <param name="Qualifier">The set qualifier.</param>
/// <param name="IfExists">Whether the <c>IfExists</c> suffix is present.</param>
public readonly record struct ConditionOperator(ConditionOperatorKind Kind, ConditionSetQualifier Qualifier, bool IfExists)
{
    private const string IfExistsSuffix = "IfExists";
    private const string ForAllValuesPrefix = "ForAllValues:";
    private const string ForAnyValuePrefix = "ForAnyValue:";
    private static readonly System.Buffers.SearchValues<char> AsciiLetters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>The canonical spelling, e.g. <c>ForAnyValue:StringLikeIfExists</c>.</summary>
    public string Name => Qualifier switch
    {
        ConditionSetQualifier.ForAllValues => ForAllValuesPrefix,
        ConditionSetQualifier.ForAnyValue => ForAnyValuePrefix,
        _ => string.Empty,
    } + Kind.ToString() + (IfExists ? IfExistsSuffix : string.Empty);

    /// <summary>Whether the operator is a negated one (<c>StringNotEquals</c>, <c>NotIpAddress</c>, <c>ArnNotLike</c>, ...).</summary>
    public bool IsNegated => Kind is ConditionOperatorKind.StringNotEquals or ConditionOperatorKind.StringNotEqualsIgnoreCase
        or ConditionOperatorKind.StringNotLike or ConditionOperatorKind.NumericNotEquals or ConditionOperatorKind.DateNotEquals
        or ConditionOperatorKind.NotIpAddress or ConditionOperatorKind.ArnNotEquals or ConditionOperatorKind.ArnNotLike;

    /// <summary>Parses an operator name.</summary>
    /// <param name="name">The operator as written in a policy.</param>
    /// <param name="conditionOperator">The parsed operator.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> is an operator AWS documents.</returns>
    public static bool TryParse([NotNullWhen(true)] string? name, out ConditionOperator conditionOperator)
    {
        conditionOperator = default;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var rest = name.AsSpan();
        var qualifier = ConditionSetQualifier.None;
        if (rest.StartsWith(ForAllValuesPrefix, StringComparison.OrdinalIgnoreCase))
        {
            qualifier = ConditionSetQualifier.ForAllValues;
            rest = rest[ForAllValuesPrefix.Length..];
        }
        else if (rest.StartsWith(ForAnyValuePrefix, StringComparison.OrdinalIgnoreCase))
        {
            qualifier = ConditionSetQualifier.ForAnyValue;
            rest = rest[ForAnyValuePrefix.Length..];
        }

        var ifExists = false;
        if (rest.EndsWith(IfExistsSuffix, StringComparison.OrdinalIgnoreCase))
        {
            ifExists = true;
            rest = rest[..^IfExistsSuffix.Length];
        }

        // Enum.TryParse also accepts numbers and comma lists; insist on a letters-only name.
        if (rest.IsEmpty || rest.ContainsAnyExcept(AsciiLetters)
            || !Enum.TryParse(rest, ignoreCase: true, out ConditionOperatorKind kind))
        {
            return false;
        }

        if (kind == ConditionOperatorKind.Null && ifExists)
        {
            return false;
        }

        conditionOperator = new ConditionOperator(kind, qualifier, ifExists);
        return true;
    }

    /// <summary>Parses an operator name, throwing when it is not one AWS documents.</summary>
    /// <param name="name">The operator as written in a policy.</param>
    /// <returns>The parsed operator.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a documented condition operator.</exception>
    public static ConditionOperator Parse(string name) =>
        TryParse(name, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{name}' is not a condition operator AWS documents.", nameof(name));

    /// <inheritdoc />
    public override string ToString() => Name;
}
