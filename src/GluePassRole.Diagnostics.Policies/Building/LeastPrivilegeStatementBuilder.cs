using System.Collections.Immutable;
using GluePassRole.Diagnostics.Policies.Building.Internal;

namespace GluePassRole.Diagnostics.Policies.Building;

/// <summary>
/// Builds one validated IAM policy statement, fluently. The builder is <b>immutable</b>: every method returns a new
/// builder and leaves the one it was called on unchanged, so a partly configured builder can be shared and reused
/// safely (also across threads).
/// </summary>
/// <remarks>
/// <para>
/// Each method checks its own arguments at once and throws <see cref="ArgumentException"/> naming the bad value;
/// <see cref="Build"/> then checks that the statement is complete (an effect, at least one action, at least one
/// resource) and throws <see cref="InvalidOperationException"/> listing what is missing. The rules:
/// </para>
/// <list type="bullet">
/// <item><description><b>Sid</b>: ASCII letters and digits only (IAM User Guide, reference_policies_elements_sid).</description></item>
/// <item><description><b>Action/NotAction</b>: <c>*</c> or <c>service:Action</c> with one colon; the service prefix lower-case
/// letters, digits and hyphens, the action name letters and digits; <c>*</c> and <c>?</c> allowed (reference_policies_elements_action).
/// A statement has either actions or not-actions, never both.</description></item>
/// <item><description><b>Resource/NotResource</b>: <c>*</c> or an ARN <c>arn:partition:service:region:account-id:resource</c>
/// with a partition, service and resource (reference_policies_elements_resource). Either resources or not-resources.</description></item>
/// <item><description><b>Condition</b>: an operator AWS documents (<see cref="ConditionOperator.TryParse"/>), a key
/// <c>prefix:name</c>, at least one value and no null value; an operator/key pair at most once (keys compare
/// case-insensitively, as IAM compares them). Empty-string values are allowed, as IAM allows them.</description></item>
/// </list>
/// <para>
/// Repeated actions and resources are kept once, in first-seen order. The statement written by
/// <see cref="ToJson"/> parses back with <see cref="PolicyDocument.Parse(string)"/> to the same canonical JSON.
/// For the Glue PassRole fix use <see cref="PassRole"/>, which refuses wildcards and names one role and one service.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var statement = LeastPrivilegeStatementBuilder.Create()
///     .WithSid("ReadTheLake")
///     .Allow()
///     .Actions("s3:GetObject", "s3:ListBucket")
///     .Resources("arn:aws:s3:::data-lake", "arn:aws:s3:::data-lake/*")
///     .Build();
/// </code>
/// </example>
public sealed class LeastPrivilegeStatementBuilder
{
    /// <summary>The service principal of AWS Glue, the default destination of <see cref="PassRole"/>.</summary>
    public const string GlueServicePrincipal = "glue.amazonaws.com";

    /// <summary>The condition key that names the service a role is passed to (IAM User Guide, id_roles_use_passrole).</summary>
    public const string PassedToServiceKey = "iam:PassedToService";

    /// <summary>The action that passes a role to a service.</summary>
    public const string PassRoleAction = "iam:PassRole";

    private static readonly LeastPrivilegeStatementBuilder Empty = new();

    private string? _sid;
    private Effect? _effect;
    private ImmutableArray<string> _actions = [];
    private ImmutableArray<string> _notActions = [];
    private ImmutableArray<string> _resources = [];
    private ImmutableArray<string> _notResources = [];
    private ImmutableArray<PolicyCondition> _conditions = [];

    private LeastPrivilegeStatementBuilder()
    {
    }

    /// <summary>Starts an empty builder: no Sid, no effect, no actions, resources or conditions.</summary>
    /// <returns>The empty builder (a shared instance; it is immutable).</returns>
    public static LeastPrivilegeStatementBuilder Create() => Empty;

    /// <summary>
    /// Starts a builder holding the least-privilege fix for a Glue (or other service) <c>iam:PassRole</c> denial:
    /// <c>Allow iam:PassRole</c> on exactly <paramref name="roleArn"/> when <c>iam:PassedToService</c> equals
    /// <paramref name="service"/> (<c>StringEquals</c>).
    /// </summary>
    /// <param name="roleArn">The role to pass: <c>arn:&lt;partition&gt;:iam::&lt;12-digit account&gt;:role/&lt;path/&gt;name</c>, no wildcards.</param>
    /// <param name="service">The service principal the role is passed to; <c>glue.amazonaws.com</c> by default.</param>
    /// <param name="sid">The Sid; when <see langword="null"/>, <see cref="PassRoleSid"/> derives one from the role and service.</param>
    /// <returns>A builder whose <see cref="Build"/> gives the statement; add conditions (e.g. <c>iam:AssociatedResourceArn</c>) if wanted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="roleArn"/> or <paramref name="service"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="roleArn"/> is <c>*</c>, contains <c>*</c> or <c>?</c>, or is not a role ARN; <paramref name="service"/>
    /// is not a service principal (<c>*.amazonaws.com</c>, <c>*.amazonaws.com.cn</c>); or <paramref name="sid"/> is not alphanumeric.
    /// </exception>
    /// <remarks>
    /// "To pass a role … to an AWS service, a user must have permissions to pass the role to the service"; the
    /// permission is best scoped to the role's ARN and to <c>iam:PassedToService</c> (IAM User Guide,
    /// id_roles_use_passrole). IAM Access Analyzer warns on "PassRole With Star In Resource"
    /// (access-analyzer-reference-policy-checks), so this method never writes <c>*</c>.
    /// </remarks>
    public static LeastPrivilegeStatementBuilder PassRole(string roleArn, string service = GlueServicePrincipal, string? sid = null)
    {
        var role = ParseRole(roleArn, service);
        sid ??= SidFor(role, service);
        return Create()
            .WithSid(sid)
            .Allow()
            .Actions(PassRoleAction)
            .Resources(roleArn)
            .Condition(new ConditionOperator(ConditionOperatorKind.StringEquals, ConditionSetQualifier.None, IfExists: false), PassedToServiceKey, service);
    }

    /// <summary>
    /// The default Sid of <see cref="PassRole"/>: <c>AllowPass</c> + the role name in PascalCase + <c>To</c> + the
    /// service name (the part before <c>.amazonaws.com</c>) in PascalCase. PascalCase splits at every character that
    /// is not an ASCII letter or digit and upper-cases the first character of each piece, keeping the rest as written.
    /// </summary>
    /// <param name="roleArn">The role ARN (validated as in <see cref="PassRole"/>).</param>
    /// <param name="service">The service principal.</param>
    /// <returns>A deterministic alphanumeric Sid, e.g. <c>AllowPassEtlRuntimeToGlue</c> for <c>role/etl-runtime</c> and <c>glue.amazonaws.com</c>.</returns>
    /// <exception cref="ArgumentException">The role ARN or service is invalid, as for <see cref="PassRole"/>.</exception>
    /// <remarks>The path is not part of the Sid: <c>role/service-role/etl-runtime</c> also gives <c>AllowPassEtlRuntimeToGlue</c>.</remarks>
    public static string PassRoleSid(string roleArn, string service = GlueServicePrincipal) => SidFor(ParseRole(roleArn, service), service);

    /// <summary>
    /// A stable inline-policy name for the <see cref="PassRole"/> fix, for <c>put-group-policy --policy-name</c> and
    /// friends: the same text as <see cref="PassRoleSid"/>, cut to 128 characters. Policy names allow
    /// <c>[\w+=,.@-]</c> and 1–128 characters (IAM API Reference, PutGroupPolicy, PolicyName); the Sid's letters and
    /// digits are a subset.
    /// </summary>
    /// <param name="roleArn">The role ARN (validated as in <see cref="PassRole"/>).</param>
    /// <param name="service">The service principal.</param>
    /// <returns>e.g. <c>AllowPassEtlRuntimeToGlue</c>.</returns>
    /// <exception cref="ArgumentException">The role ARN or service is invalid, as for <see cref="PassRole"/>.</exception>
    public static string PassRolePolicyName(string roleArn, string service = GlueServicePrincipal)
    {
        var name = PassRoleSid(roleArn, service);
        return name.Length <= IamSyntax.MaxPolicyNameLength ? name : name[..IamSyntax.MaxPolicyNameLength];
    }

    /// <summary>Sets the statement ID.</summary>
    /// <param name="sid">ASCII letters and digits only (IAM User Guide, reference_policies_elements_sid).</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sid"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="sid"/> is empty or has a character other than A-Z, a-z, 0-9.</exception>
    public LeastPrivilegeStatementBuilder WithSid(string sid)
    {
        ArgumentNullException.ThrowIfNull(sid);
        Throw(IamSyntax.CheckSid(sid), nameof(sid));
        return Copy(b => b._sid = sid);
    }

    /// <summary>Removes the statement ID.</summary>
    /// <returns>A new builder.</returns>
    public LeastPrivilegeStatementBuilder WithoutSid() => Copy(b => b._sid = null);

    /// <summary>Sets the effect.</summary>
    /// <param name="effect">Allow or Deny.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="effect"/> is not a defined value.</exception>
    public LeastPrivilegeStatementBuilder WithEffect(Effect effect)
    {
        if (effect is not (Effect.Allow or Effect.Deny))
        {
            throw new ArgumentOutOfRangeException(nameof(effect), effect, "Effect must be Allow or Deny.");
        }

        return Copy(b => b._effect = effect);
    }

    /// <summary>Sets the effect to <c>Allow</c>.</summary>
    /// <returns>A new builder.</returns>
    public LeastPrivilegeStatementBuilder Allow() => WithEffect(Effect.Allow);

    /// <summary>Sets the effect to <c>Deny</c>.</summary>
    /// <returns>A new builder.</returns>
    public LeastPrivilegeStatementBuilder Deny() => WithEffect(Effect.Deny);

    /// <summary>Adds patterns to the <c>Action</c> element.</summary>
    /// <param name="actions">e.g. <c>iam:PassRole</c>, <c>glue:Get*</c>, or <c>*</c>.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="actions"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An action is not <c>*</c> or <c>service:Action</c> (see the type remarks).</exception>
    /// <exception cref="InvalidOperationException">The builder already has not-actions.</exception>
    public LeastPrivilegeStatementBuilder Actions(params IEnumerable<string> actions)
    {
        var added = CheckAll(actions, IamSyntax.CheckAction, nameof(actions));
        Conflict(_notActions, "Action", "NotAction");
        return Copy(b => b._actions = Merge(_actions, added));
    }

    /// <summary>Adds patterns to the <c>NotAction</c> element: the statement matches every action except these.</summary>
    /// <param name="notActions">Action patterns, as for <see cref="Actions"/>.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="notActions"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An action is not <c>*</c> or <c>service:Action</c>.</exception>
    /// <exception cref="InvalidOperationException">The builder already has actions.</exception>
    public LeastPrivilegeStatementBuilder NotActions(params IEnumerable<string> notActions)
    {
        var added = CheckAll(notActions, IamSyntax.CheckAction, nameof(notActions));
        Conflict(_actions, "NotAction", "Action");
        return Copy(b => b._notActions = Merge(_notActions, added));
    }

    /// <summary>Adds patterns to the <c>Resource</c> element.</summary>
    /// <param name="resources"><c>*</c> or ARNs (wildcards allowed), e.g. <c>arn:aws:s3:::data-lake/*</c>.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resources"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A resource is neither <c>*</c> nor a well-formed ARN.</exception>
    /// <exception cref="InvalidOperationException">The builder already has not-resources.</exception>
    public LeastPrivilegeStatementBuilder Resources(params IEnumerable<string> resources)
    {
        var added = CheckAll(resources, IamSyntax.CheckResource, nameof(resources));
        Conflict(_notResources, "Resource", "NotResource");
        return Copy(b => b._resources = Merge(_resources, added));
    }

    /// <summary>Adds patterns to the <c>NotResource</c> element: the statement matches every resource except these.</summary>
    /// <param name="notResources"><c>*</c> or ARNs.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="notResources"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A resource is neither <c>*</c> nor a well-formed ARN.</exception>
    /// <exception cref="InvalidOperationException">The builder already has resources.</exception>
    public LeastPrivilegeStatementBuilder NotResources(params IEnumerable<string> notResources)
    {
        var added = CheckAll(notResources, IamSyntax.CheckResource, nameof(notResources));
        Conflict(_resources, "NotResource", "Resource");
        return Copy(b => b._notResources = Merge(_notResources, added));
    }

    /// <summary>Adds one operator/key pair to the <c>Condition</c> element.</summary>
    /// <param name="conditionOperator">The operator.</param>
    /// <param name="key">The condition key, e.g. <c>iam:PassedToService</c>.</param>
    /// <param name="values">One or more values; any one may match (OR).</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/>, <paramref name="values"/> or a value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The operator is not one AWS documents (an undefined <see cref="ConditionOperatorKind"/>, or <c>Null</c> with <c>IfExists</c>), the key is not <c>prefix:name</c>, there is no value, or the
    /// builder already has this operator with this key.
    /// </exception>
    public LeastPrivilegeStatementBuilder Condition(ConditionOperator conditionOperator, string key, params IEnumerable<string> values)
    {
        if (!ConditionOperator.TryParse(conditionOperator.Name, out var canonical) || canonical != conditionOperator)
        {
            throw new ArgumentException($"'{conditionOperator.Name}' is not a condition operator AWS documents.", nameof(conditionOperator));
        }

        ArgumentNullException.ThrowIfNull(key);
        Throw(IamSyntax.CheckConditionKey(key), nameof(key));
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException($"Condition {conditionOperator.Name} on '{key}' needs at least one value.", nameof(values));
        }

        if (list.Any(v => v is null))
        {
            throw new ArgumentNullException(nameof(values), $"Condition {conditionOperator.Name} on '{key}' has a null value.");
        }

        if (_conditions.Any(c => c.Operator == conditionOperator && string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException(
                $"Condition {conditionOperator.Name} on '{key}' is already set; put all values in one call (values of one key are alternatives).",
                nameof(key));
        }

        var condition = new PolicyCondition(conditionOperator, key, list.Distinct(StringComparer.Ordinal).ToArray());
        return Copy(b => b._conditions = _conditions.Add(condition));
    }

    /// <summary>Adds one operator/key pair to the <c>Condition</c> element, naming the operator as in a policy.</summary>
    /// <param name="operatorName">e.g. <c>StringEquals</c>, <c>ArnLike</c>, <c>ForAnyValue:StringLike</c>, <c>BoolIfExists</c>.</param>
    /// <param name="key">The condition key.</param>
    /// <param name="values">One or more values.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentNullException">An argument or a value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The operator is unknown, the key malformed, there is no value, or the pair is already set.</exception>
    public LeastPrivilegeStatementBuilder Condition(string operatorName, string key, params IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(operatorName);
        if (!ConditionOperator.TryParse(operatorName, out var parsed))
        {
            throw new ArgumentException(
                $"'{operatorName}' is not a condition operator AWS documents (IAM User Guide, reference_policies_elements_condition_operators).",
                nameof(operatorName));
        }

        return Condition(parsed, key, values);
    }

    /// <summary>Builds the statement.</summary>
    /// <returns>An immutable statement.</returns>
    /// <exception cref="InvalidOperationException">The effect, the actions or the resources are missing; the message lists each.</exception>
    public PolicyStatement Build()
    {
        var missing = new List<string>();
        if (_effect is null)
        {
            missing.Add("an effect (call Allow() or Deny())");
        }

        if (_actions.IsEmpty && _notActions.IsEmpty)
        {
            missing.Add("at least one action (call Actions(...) or NotActions(...))");
        }

        if (_resources.IsEmpty && _notResources.IsEmpty)
        {
            missing.Add("at least one resource (call Resources(...) or NotResources(...))");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException("The statement is incomplete: it needs " + string.Join("; ", missing) + ".");
        }

        return new PolicyStatement
        {
            Sid = _sid,
            Effect = _effect!.Value,
            Action = _actions.IsEmpty ? null : _actions,
            NotAction = _notActions.IsEmpty ? null : _notActions,
            Resource = _resources.IsEmpty ? null : _resources,
            NotResource = _notResources.IsEmpty ? null : _notResources,
            Conditions = _conditions,
        };
    }

    /// <summary>Builds a policy document holding just this statement, with Version <c>2012-10-17</c>.</summary>
    /// <returns>The document.</returns>
    /// <exception cref="InvalidOperationException">The statement is incomplete (see <see cref="Build"/>).</exception>
    public PolicyDocument BuildDocument() => new() { Version = PolicyDocument.Version2012, Statements = [Build()] };

    /// <summary>Writes <see cref="BuildDocument"/> as canonical JSON, ready for <c>put-group-policy --policy-document</c>.</summary>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="InvalidOperationException">The statement is incomplete (see <see cref="Build"/>).</exception>
    public string ToJson(bool indented = true) => BuildDocument().ToJson(indented);

    /// <inheritdoc />
    public override string ToString() =>
        $"{(_effect?.ToString() ?? "(no effect)")} "
        + (_notActions.IsEmpty ? string.Join(",", _actions) : "NotAction " + string.Join(",", _notActions))
        + " on " + (_notResources.IsEmpty ? string.Join(",", _resources) : "NotResource " + string.Join(",", _notResources))
        + (_conditions.IsEmpty ? string.Empty : " if " + string.Join(" and ", _conditions));

    private static RoleArn ParseRole(string roleArn, string service)
    {
        ArgumentNullException.ThrowIfNull(roleArn);
        ArgumentNullException.ThrowIfNull(service);
        if (!IamSyntax.TryParseRoleArn(roleArn, out var role, out var error))
        {
            throw new ArgumentException(error, nameof(roleArn));
        }

        Throw(IamSyntax.CheckServicePrincipal(service), nameof(service));
        return role;
    }

    private static string SidFor(RoleArn role, string service)
    {
        var name = IamSyntax.Pascal(role.Name);
        return "AllowPass" + (name.Length == 0 ? "Role" : name) + "To" + IamSyntax.Pascal(IamSyntax.ServiceName(service));
    }

    private static void Throw(string? error, string parameterName)
    {
        if (error is not null)
        {
            throw new ArgumentException(error, parameterName);
        }
    }

    private static string[] CheckAll(IEnumerable<string> values, Func<string, string?> check, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(values, parameterName);
        var list = values.ToArray();
        foreach (var value in list)
        {
            if (value is null)
            {
                throw new ArgumentNullException(parameterName, "The list contains a null item.");
            }

            Throw(check(value), parameterName);
        }

        return list;
    }

    private static void Conflict(ImmutableArray<string> other, string adding, string existing)
    {
        if (!other.IsEmpty)
        {
            throw new InvalidOperationException($"A statement has {adding} or {existing}, not both; this builder already has {existing}.");
        }
    }

    private static ImmutableArray<string> Merge(ImmutableArray<string> existing, string[] added)
    {
        var builder = existing.ToBuilder();
        foreach (var value in added)
        {
            if (!builder.Contains(value))
            {
                builder.Add(value);
            }
        }

        return builder.ToImmutable();
    }

    private LeastPrivilegeStatementBuilder Copy(Action<LeastPrivilegeStatementBuilder> change)
    {
        var copy = (LeastPrivilegeStatementBuilder)MemberwiseClone();
        change(copy);
        return copy;
    }
}
