using System.Globalization;
using System.Text;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Conditions;

/// <summary>
/// One condition (operator, key, values) parsed once and tested many times against request contexts.
/// </summary>
/// <remarks>
/// <para>Semantics, each from the AWS IAM User Guide:</para>
/// <list type="bullet">
/// <item>The values of one condition are alternatives (OR); for a negated operator (<c>StringNotEquals</c>, <c>NotIpAddress</c>,
/// <c>ArnNotLike</c>, ...) the request value must match none of them (NOR). The caller ANDs conditions.
/// (reference_policies_condition-logic-multiple-context-keys-or-values)</item>
/// <item>A missing key fails a positive operator and satisfies a negated one; <c>...IfExists</c> is satisfied by a missing key;
/// <c>Null</c> tests presence itself. (reference_policies_elements_condition_operators)</item>
/// <item><c>ForAllValues:</c> is satisfied when every request value passes (so by a missing key or an empty set);
/// <c>ForAnyValue:</c> needs at least one request value that passes, so a missing key fails it. With a negated operator
/// "passes" means "matches none of the condition values". (reference_policies_condition-single-vs-multi-valued-context-keys,
/// reference_policies_condition_examples-multi-valued-context-keys)</item>
/// <item>Without a set qualifier, several request values are tested like <c>ForAnyValue:</c> for positive operators and like
/// <c>ForAllValues:</c> for negated ones, i.e. the negated operator is exactly the negation of its positive twin. AWS tells
/// authors to use a set qualifier for multivalued keys and documents no other rule.</item>
/// <item>A key present with no values counts as missing (AWS: "resolves to a null data set").</item>
/// <item>A policy variable with no value and no default makes that one condition value match nothing: a positive operator
/// cannot match through it, a negated operator counts it as "not equal". Variables are resolved only for the String,
/// Bool and Arn families, the ones AWS documents as supporting them (reference_policies_variables).</item>
/// <item>A condition value that is invalid for its operator (<c>NumericLessThan "abc"</c>, a bad CIDR or date, bad base64)
/// matches nothing, the same as a request value that cannot be parsed; nothing throws. IAM may reject such values when a
/// policy is saved; documents that reach us anyway are evaluated leniently and <see cref="InvalidValues"/> lists them.</item>
/// </list>
/// <see cref="IsSatisfied"/> does not allocate unless a condition value contains a policy variable.
/// </remarks>
internal sealed class CompiledCondition
{
    private const int StackBufferBytes = 512;

    private enum Family
    {
        String,
        StringIgnoreCase,
        StringLike,
        Numeric,
        Date,
        Bool,
        Binary,
        IpAddress,
        Arn,
        Null,
    }

    private enum Comparison
    {
        Equal,
        LessThan,
        LessThanOrEqual,
        GreaterThan,
        GreaterThanOrEqual,
    }

    private readonly Family _family;
    private readonly Comparison _comparison;
    private readonly bool _negated;
    private readonly bool _missingKeyResult;
    private readonly CompiledValue[] _values;
    private readonly bool _hasVariables;

    private CompiledCondition(PolicyCondition condition, Family family, Comparison comparison, CompiledValue[] values, IReadOnlyList<string> invalid)
    {
        Condition = condition;
        _family = family;
        _comparison = comparison;
        _values = values;
        _negated = condition.Operator.IsNegated;
        _hasVariables = Array.Exists(values, v => v.HasVariable);
        InvalidValues = invalid;
        var op = condition.Operator;
        _missingKeyResult = op.IfExists || op.Qualifier switch
        {
            ConditionSetQualifier.ForAllValues => true,
            ConditionSetQualifier.ForAnyValue => false,
            _ => _negated,
        };
    }

    /// <summary>The condition as written in the policy.</summary>
    public PolicyCondition Condition { get; }

    /// <summary>Descriptions of condition values that are invalid for the operator and therefore never match.</summary>
    public IReadOnlyList<string> InvalidValues { get; }

    /// <summary>Parses everything the condition needs once.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="policyVariablesEnabled">Whether <c>${...}</c> in values are policy variables (policy version 2012-10-17).</param>
    public static CompiledCondition Compile(PolicyCondition condition, bool policyVariablesEnabled)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var (family, comparison) = Classify(condition.Operator.Kind);
        var variablesSupported = policyVariablesEnabled && family is Family.String or Family.StringIgnoreCase or Family.StringLike
            or Family.Bool or Family.Arn;
        var values = new CompiledValue[condition.Values.Count];
        var invalid = new List<string>();
        for (var i = 0; i < values.Length; i++)
        {
            var text = condition.Values[i] ?? string.Empty;
            ref var value = ref values[i];
            value.Text = text;
            if (variablesSupported && PolicyVariables.ContainsVariable(text))
            {
                value.HasVariable = true;
                value.IsValid = true;
                continue;
            }

            value.IsValid = CompileLiteral(family, text, ref value);
            if (!value.IsValid)
            {
                invalid.Add($"\"{text}\" is not {Expected(family)}");
            }
        }

        return new CompiledCondition(condition, family, comparison, values, invalid);
    }

    /// <summary>Whether the condition holds for <paramref name="context"/>.</summary>
    /// <param name="context">The request's condition keys.</param>
    public bool IsSatisfied(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var present = context.TryGetValues(Condition.Key, out var requestValues) && requestValues.Length > 0;
        if (_family == Family.Null)
        {
            return NullSatisfied(present);
        }

        if (!present)
        {
            return _missingKeyResult;
        }

        // Positive operators without a qualifier behave like ForAnyValue, negated ones like ForAllValues (see remarks).
        var requireAll = Condition.Operator.Qualifier switch
        {
            ConditionSetQualifier.ForAllValues => true,
            ConditionSetQualifier.ForAnyValue => false,
            _ => _negated,
        };
        foreach (var requestValue in requestValues!)
        {
            var passes = FindMatch(requestValue, context) < 0 == _negated;
            if (requireAll && !passes)
            {
                return false;
            }

            if (!requireAll && passes)
            {
                return true;
            }
        }

        return requireAll;
    }

    /// <summary>Tests the condition and says why it holds or not.</summary>
    /// <param name="context">The request's condition keys.</param>
    public ConditionEvaluation Explain(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var satisfied = IsSatisfied(context);
        var present = context.TryGetValues(Condition.Key, out var found) && found.Length > 0;
        IReadOnlyList<string> requestValues = present ? [.. found!] : [];
        var op = Condition.Operator;
        var key = Condition.Key;
        var reason = new StringBuilder();
        if (_family == Family.Null)
        {
            reason.Append(CultureInfo.InvariantCulture, $"{op.Name} {key}: ")
                .Append(present ? $"key is in the request with {FormatList(requestValues)}" : "key is not in the request")
                .Append(CultureInfo.InvariantCulture, $"; Null {FormatList(Condition.Values)} ")
                .Append(satisfied ? "is satisfied" : "is not satisfied")
                .Append(" (\"true\" tests that the key is missing, \"false\" that it is present)");
        }
        else if (!present)
        {
            reason.Append(CultureInfo.InvariantCulture, $"key {key} is not in the request; ");
            if (op.IfExists)
            {
                reason.Append(CultureInfo.InvariantCulture, $"{op.Name} treats a missing key as a match");
            }
            else if (op.Qualifier == ConditionSetQualifier.ForAllValues)
            {
                reason.Append(CultureInfo.InvariantCulture, $"{op.Name} is satisfied by an empty set of request values");
            }
            else if (op.Qualifier == ConditionSetQualifier.ForAnyValue)
            {
                reason.Append(CultureInfo.InvariantCulture, $"{op.Name} needs at least one request value");
            }
            else if (_negated)
            {
                reason.Append(CultureInfo.InvariantCulture, $"the negated operator {op.Name} is satisfied when the key is missing");
            }
            else
            {
                reason.Append(CultureInfo.InvariantCulture, $"{op.Name} does not match a missing key");
            }
        }
        else
        {
            var display = DisplayValues(context, out var notes);
            reason.Append(CultureInfo.InvariantCulture, $"{op.Name} {key}: ");
            if (requestValues.Count > 1 || op.Qualifier != ConditionSetQualifier.None)
            {
                var all = op.Qualifier == ConditionSetQualifier.ForAllValues
                    || (op.Qualifier == ConditionSetQualifier.None && _negated);
                reason.Append(all ? "every request value must " : "at least one request value must ")
                    .Append(_negated ? "match none of the condition values: " : "match a condition value: ");
            }

            for (var i = 0; i < requestValues.Count; i++)
            {
                if (i > 0)
                {
                    reason.Append("; ");
                }

                AppendValuePhrase(reason, requestValues[i], FindMatch(requestValues[i], context), display);
            }

            foreach (var note in notes)
            {
                reason.Append(CultureInfo.InvariantCulture, $" (condition value {note})");
            }
        }

        return new ConditionEvaluation(Condition, satisfied, present, requestValues, reason.ToString());
    }

    private bool NullSatisfied(bool present)
    {
        foreach (var value in _values)
        {
            if (value.IsValid && value.Bool != present)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the first condition value the request value matches (positive comparison), or -1.</summary>
    private int FindMatch(string requestValue, RequestContext context)
    {
        switch (_family)
        {
            case Family.String:
            case Family.StringIgnoreCase:
            {
                var comparison = _family == Family.String ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
                for (var i = 0; i < _values.Length; i++)
                {
                    ref readonly var value = ref _values[i];
                    var text = value.Text;
                    if (value.HasVariable && !PolicyVariables.TryResolve(value.Text, context, out text))
                    {
                        continue;
                    }

                    if (string.Equals(requestValue, text, comparison))
                    {
                        return i;
                    }
                }

                return -1;
            }

            case Family.StringLike:
            case Family.Arn:
                for (var i = 0; i < _values.Length; i++)
                {
                    ref readonly var value = ref _values[i];
                    if (value.HasVariable)
                    {
                        if (PolicyVariables.TryResolvePattern(value.Text, context, out var escaped)
                            && (_family == Family.Arn
                                ? ArnPattern.CreateForCondition(escaped, escaped: true).IsMatch(requestValue)
                                : WildcardPattern.CreateEscaped(escaped, ignoreCase: false).IsMatch(requestValue)))
                        {
                            return i;
                        }
                    }
                    else if (value.IsValid && (_family == Family.Arn ? value.Arn!.IsMatch(requestValue) : value.Wildcard!.IsMatch(requestValue)))
                    {
                        return i;
                    }
                }

                return -1;

            case Family.Numeric:
                if (!TryParseNumber(requestValue, out var number))
                {
                    return -1;
                }

                for (var i = 0; i < _values.Length; i++)
                {
                    if (_values[i].IsValid && Compare(number.CompareTo(_values[i].Number)))
                    {
                        return i;
                    }
                }

                return -1;

            case Family.Date:
                if (!IamDate.TryParse(requestValue, out var ticks))
                {
                    return -1;
                }

                for (var i = 0; i < _values.Length; i++)
                {
                    if (_values[i].IsValid && Compare(ticks.CompareTo(_values[i].Ticks)))
                    {
                        return i;
                    }
                }

                return -1;

            case Family.Bool:
                if (!TryParseBool(requestValue, out var flag))
                {
                    return -1;
                }

                for (var i = 0; i < _values.Length; i++)
                {
                    ref readonly var value = ref _values[i];
                    if (value.HasVariable)
                    {
                        if (PolicyVariables.TryResolve(value.Text, context, out var resolved) && TryParseBool(resolved, out var resolvedFlag)
                            && resolvedFlag == flag)
                        {
                            return i;
                        }
                    }
                    else if (value.IsValid && value.Bool == flag)
                    {
                        return i;
                    }
                }

                return -1;

            case Family.Binary:
                return FindBinaryMatch(requestValue);

            case Family.IpAddress:
                if (!IpRange.TryParseAddress(requestValue.AsSpan().Trim(), out var bits, out var isV6))
                {
                    return -1;
                }

                for (var i = 0; i < _values.Length; i++)
                {
                    if (_values[i].IsValid && _values[i].Ip.Contains(bits, isV6))
                    {
                        return i;
                    }
                }

                return -1;

            default:
                return -1;
        }
    }

    private int FindBinaryMatch(string requestValue)
    {
        var maxBytes = (requestValue.Length / 4 * 3) + 3;
        byte[]? rented = null;
        var buffer = maxBytes <= StackBufferBytes
            ? stackalloc byte[StackBufferBytes]
            : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            if (!Convert.TryFromBase64String(requestValue, buffer, out var written))
            {
                return -1;
            }

            var bytes = buffer[..written];
            for (var i = 0; i < _values.Length; i++)
            {
                if (_values[i].IsValid && bytes.SequenceEqual(_values[i].Bytes))
                {
                    return i;
                }
            }

            return -1;
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private bool Compare(int order) => _comparison switch
    {
        Comparison.Equal => order == 0,
        Comparison.LessThan => order < 0,
        Comparison.LessThanOrEqual => order <= 0,
        Comparison.GreaterThan => order > 0,
        Comparison.GreaterThanOrEqual => order >= 0,
        _ => false,
    };

    /// <summary>Reads exactly <c>true</c> or <c>false</c> in any letter case (AWS documents lowercase; peers accept <c>True</c>); no whitespace, no 1/0.</summary>
    private static bool TryParseBool(ReadOnlySpan<char> text, out bool value)
    {
        value = text.Equals("true", StringComparison.OrdinalIgnoreCase);
        return value || text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParseNumber(ReadOnlySpan<char> text, out decimal number) =>
        decimal.TryParse(
            text,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture,
            out number);

    private static bool CompileLiteral(Family family, string text, ref CompiledValue value)
    {
        switch (family)
        {
            case Family.String:
            case Family.StringIgnoreCase:
                return true;
            case Family.StringLike:
                value.Wildcard = WildcardPattern.Create(text, ignoreCase: false);
                return true;
            case Family.Arn:
                value.Arn = ArnPattern.CreateForCondition(text);
                return true;
            case Family.Numeric:
                return TryParseNumber(text, out value.Number);
            case Family.Date:
                return IamDate.TryParse(text, out value.Ticks);
            case Family.Bool:
            case Family.Null:
                return TryParseBool(text, out value.Bool);
            case Family.Binary:
            {
                var buffer = new byte[(text.Length / 4 * 3) + 3];
                if (!Convert.TryFromBase64String(text, buffer, out var written))
                {
                    return false;
                }

                value.Bytes = buffer[..written];
                return true;
            }

            case Family.IpAddress:
                return IpRange.TryParse(text, out value.Ip);
            default:
                return false;
        }
    }

    private static string Expected(Family family) => family switch
    {
        Family.Numeric => "a number",
        Family.Date => "an ISO 8601 date or epoch seconds",
        Family.Bool or Family.Null => "true or false",
        Family.Binary => "base64",
        Family.IpAddress => "an IP address or CIDR range",
        _ => "valid",
    };

    private static (Family Family, Comparison Comparison) Classify(ConditionOperatorKind kind) => kind switch
    {
        ConditionOperatorKind.StringEquals or ConditionOperatorKind.StringNotEquals => (Family.String, Comparison.Equal),
        ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringNotEqualsIgnoreCase => (Family.StringIgnoreCase, Comparison.Equal),
        ConditionOperatorKind.StringLike or ConditionOperatorKind.StringNotLike => (Family.StringLike, Comparison.Equal),
        ConditionOperatorKind.NumericEquals or ConditionOperatorKind.NumericNotEquals => (Family.Numeric, Comparison.Equal),
        ConditionOperatorKind.NumericLessThan => (Family.Numeric, Comparison.LessThan),
        ConditionOperatorKind.NumericLessThanEquals => (Family.Numeric, Comparison.LessThanOrEqual),
        ConditionOperatorKind.NumericGreaterThan => (Family.Numeric, Comparison.GreaterThan),
        ConditionOperatorKind.NumericGreaterThanEquals => (Family.Numeric, Comparison.GreaterThanOrEqual),
        ConditionOperatorKind.DateEquals or ConditionOperatorKind.DateNotEquals => (Family.Date, Comparison.Equal),
        ConditionOperatorKind.DateLessThan => (Family.Date, Comparison.LessThan),
        ConditionOperatorKind.DateLessThanEquals => (Family.Date, Comparison.LessThanOrEqual),
        ConditionOperatorKind.DateGreaterThan => (Family.Date, Comparison.GreaterThan),
        ConditionOperatorKind.DateGreaterThanEquals => (Family.Date, Comparison.GreaterThanOrEqual),
        ConditionOperatorKind.Bool => (Family.Bool, Comparison.Equal),
        ConditionOperatorKind.BinaryEquals => (Family.Binary, Comparison.Equal),
        ConditionOperatorKind.IpAddress or ConditionOperatorKind.NotIpAddress => (Family.IpAddress, Comparison.Equal),
        ConditionOperatorKind.ArnEquals or ConditionOperatorKind.ArnLike or ConditionOperatorKind.ArnNotEquals
            or ConditionOperatorKind.ArnNotLike => (Family.Arn, Comparison.Equal),
        _ => (Family.Null, Comparison.Equal),
    };

    /// <summary>The condition values as shown in reasons (variables resolved), plus notes on values that match nothing.</summary>
    private string[] DisplayValues(RequestContext context, out List<string> notes)
    {
        notes = [.. InvalidValues];
        var display = new string[_values.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            var value = _values[i];
            display[i] = value.Text;
            if (value.HasVariable)
            {
                if (PolicyVariables.TryResolve(value.Text, context, out var resolved))
                {
                    display[i] = resolved;
                }
                else
                {
                    notes.Add($"\"{value.Text}\" has a policy variable with no value in the request and matches nothing");
                }
            }
        }

        return display;
    }

    private void AppendValuePhrase(StringBuilder reason, string requestValue, int match, string[] display)
    {
        reason.Append(CultureInfo.InvariantCulture, $"request value \"{requestValue}\" ");
        if (match >= 0)
        {
            reason.Append(_comparison == Comparison.Equal && _family is not (Family.StringLike or Family.Arn) ? "equals " : "matches ")
                .Append(CultureInfo.InvariantCulture, $"\"{display[match]}\"");
            return;
        }

        if (!IsParsable(requestValue))
        {
            reason.Append(CultureInfo.InvariantCulture, $"is not {Expected(_family)}, so it matches none of {FormatList(display)}");
            return;
        }

        reason.Append(_comparison switch
        {
            Comparison.LessThan => "is not less than any of ",
            Comparison.LessThanOrEqual => "is not less than or equal to any of ",
            Comparison.GreaterThan => "is not greater than any of ",
            Comparison.GreaterThanOrEqual => "is not greater than or equal to any of ",
            _ when _family is Family.StringLike or Family.Arn => "matches none of ",
            _ => "is not one of ",
        }).Append(FormatList(display));
    }

    private bool IsParsable(string requestValue) => _family switch
    {
        Family.Numeric => TryParseNumber(requestValue, out _),
        Family.Date => IamDate.TryParse(requestValue, out _),
        Family.Bool => TryParseBool(requestValue, out _),
        Family.IpAddress => IpRange.TryParseAddress(requestValue.AsSpan().Trim(), out _, out _),
        Family.Binary => Convert.TryFromBase64String(requestValue, new byte[requestValue.Length + 3], out _),
        _ => true,
    };

    private static string FormatList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(v => $"\"{v}\"")) + "]";

    /// <summary>Adds the values this condition compares its key with, by kind, so a circumstance's classes can be found.</summary>
    /// <param name="anchors">Collects the values of every condition on one key.</param>
    /// <param name="context">The request's known keys, which resolve the policy variables in the values.</param>
    internal void CollectAnchors(CircumstanceAnchors anchors, RequestContext context)
    {
        if (_family == Family.Bool)
        {
            // true and false are the only values Bool tells apart, whatever the condition's values (even invalid or variables).
            anchors.AddBool();
            return;
        }

        foreach (var value in _values)
        {
            var text = value.Text;
            if (value.HasVariable)
            {
                // A variable resolved from the known keys names a value like a literal; one that does not resolve matches nothing.
                if (!PolicyVariables.TryResolve(value.Text, context, out text))
                {
                    continue;
                }
            }
            else if (!value.IsValid)
            {
                continue;
            }

            switch (_family)
            {
                case Family.String:
                case Family.StringIgnoreCase:
                    anchors.AddString(text, ignoreCase: _family == Family.StringIgnoreCase);
                    break;
                case Family.StringLike:
                case Family.Arn:
                    anchors.AddPattern(text, arn: _family == Family.Arn);
                    break;
                case Family.Numeric:
                    anchors.AddNumber(value.Number);
                    break;
                case Family.Date:
                    anchors.AddDate(value.Ticks);
                    break;
                case Family.IpAddress:
                    anchors.AddRange(value.Ip);
                    break;
                default:
                    break; // Null asks only presence, which the absent class and any present value cover; Binary has no circumstance keys.
            }
        }
    }

    /// <summary>Whether any condition value needs resolving per request (and so allocates).</summary>
    public bool HasPolicyVariables => _hasVariables;

    private struct CompiledValue
    {
        public string Text;
        public bool HasVariable;
        public bool IsValid;
        public decimal Number;
        public long Ticks;
        public bool Bool;
        public byte[]? Bytes;
        public IpRange Ip;
        public WildcardPattern? Wildcard;
        public ArnPattern? Arn;
    }
}
