using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Validation;

namespace GluePassRole.Diagnostics.Policies.Internal;

/// <summary>One way a document breaks its policy type's grammar.</summary>
/// <param name="Rule">The check it fails.</param>
/// <param name="Problem">What is wrong, without the location.</param>
/// <param name="JsonPath">Where.</param>
/// <param name="StatementIndex">The statement, or <see langword="null"/> for the document.</param>
/// <param name="Element">The element, e.g. <c>Principal</c>.</param>
internal sealed record GrammarViolation(PolicyRule Rule, string Problem, string JsonPath, int? StatementIndex, string Element)
{
    public PolicyDocumentException ToException() => new(Problem, JsonPath, StatementIndex);
}

/// <summary>
/// The grammar each policy type adds to the common one <see cref="PolicyDocumentReader"/> enforces: which statements
/// need or must not have <c>Principal</c>/<c>NotPrincipal</c>, <c>Resource</c>/<c>NotResource</c>, and what SCPs and
/// RCPs allow.
/// </summary>
/// <remarks>
/// Sources: IAM User Guide, "AWS JSON policy elements: Principal" (required in resource-based policies, including role
/// trust policies; not allowed in identity-based ones), "NotPrincipal" (Deny only; not in identity-based policies nor
/// role trust policies), "Resource" (statements must include Resource or NotResource); AWS Organizations User Guide,
/// "SCP syntax" (no Principal/NotPrincipal; since September 2025 every other element with Allow and Deny — AWS Security
/// Blog, "AWS Organizations service control policy now supports full IAM language") and "RCP syntax" (Principal "*",
/// no NotPrincipal/NotAction, Allow only in RCPFullAWSAccess); both need Version 2012-10-17.
/// </remarks>
internal static class PolicyGrammar
{
    /// <summary>The path of statement <paramref name="index"/>: <c>$.Statement[i]</c>, or <c>$.Statement</c> when it was a single object.</summary>
    public static string StatementPath(bool statementIsArray, int index) => statementIsArray ? $"$.Statement[{index}]" : "$.Statement";

    /// <summary>Throws the first violation of <paramref name="type"/>'s grammar.</summary>
    public static void ThrowIfInvalid(PolicyDocument document, PolicyType type, bool statementIsArray)
    {
        if (Check(document, type, statementIsArray).FirstOrDefault() is { } violation)
        {
            throw violation.ToException();
        }
    }

    /// <summary>
    /// The evaluator's guard: a resource-based policy statement names its principals. Reading one without as
    /// <c>Principal: "*"</c> would grant or deny to everyone, on input AWS rejects.
    /// </summary>
    public static void RequirePrincipal(PolicyDocument document)
    {
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            if (statement.Principal is null && statement.NotPrincipal is null)
            {
                // The document no longer says whether Statement was an array; name the statement by index.
                throw MissingPrincipal(statement, StatementPath(statementIsArray: true, i), i, "resource-based policy").ToException();
            }
        }
    }

    /// <summary>Every violation of <paramref name="type"/>'s grammar, in document order.</summary>
    public static IEnumerable<GrammarViolation> Check(PolicyDocument document, PolicyType type, bool statementIsArray)
    {
        if (type is PolicyType.ServiceControlPolicy or PolicyType.ResourceControlPolicy && document.Version != PolicyDocument.Version2012)
        {
            var name = type == PolicyType.ServiceControlPolicy ? "An SCP" : "An RCP";
            yield return new GrammarViolation(
                PolicyRules.VersionRequired,
                document.Version is null
                    ? $"{name} must have \"Version\": \"{PolicyDocument.Version2012}\"; this one has no Version."
                    : $"{name} must have \"Version\": \"{PolicyDocument.Version2012}\", not \"{document.Version}\".",
                document.Version is null ? "$" : "$.Version",
                null,
                "Version");
        }

        for (var i = 0; i < document.Statements.Count; i++)
        {
            foreach (var violation in Check(document.Statements[i], type, StatementPath(statementIsArray, i), i))
            {
                yield return violation;
            }
        }
    }

    private static IEnumerable<GrammarViolation> Check(PolicyStatement statement, PolicyType type, string path, int index)
    {
        var principalPath = JsonPath.Child(path, "Principal");
        var notPrincipalPath = JsonPath.Child(path, "NotPrincipal");
        switch (type)
        {
            case PolicyType.IdentityBased or PolicyType.PermissionsBoundary or PolicyType.SessionPolicy or PolicyType.ServiceControlPolicy:
                if (statement.Principal is not null)
                {
                    yield return Unsupported(type, "Principal", principalPath, index);
                }

                if (statement.NotPrincipal is not null)
                {
                    yield return Unsupported(type, "NotPrincipal", notPrincipalPath, index);
                }

                break;
            case PolicyType.ResourceBased:
                if (statement.Principal is null && statement.NotPrincipal is null)
                {
                    yield return MissingPrincipal(statement, path, index, "resource-based policy");
                }
                else if (statement.NotPrincipal is not null && statement.Effect == Effect.Allow)
                {
                    yield return new GrammarViolation(
                        PolicyRules.NotPrincipalWithAllow, "NotPrincipal is supported only with \"Effect\": \"Deny\".", notPrincipalPath, index, "NotPrincipal");
                }

                break;
            case PolicyType.RoleTrustPolicy or PolicyType.ResourceControlPolicy:
                var what = type == PolicyType.RoleTrustPolicy ? "role trust policy" : "resource control policy";
                if (statement.NotPrincipal is not null)
                {
                    yield return new GrammarViolation(
                        PolicyRules.UnsupportedNotPrincipal, $"A {what} cannot use NotPrincipal; name the principals in Principal.", notPrincipalPath, index, "NotPrincipal");
                }

                if (statement.Principal is null)
                {
                    yield return MissingPrincipal(statement, path, index, what);
                }
                else if (type == PolicyType.ResourceControlPolicy && !statement.Principal.IsAnyone)
                {
                    yield return new GrammarViolation(
                        PolicyRules.RcpPrincipalNotAnyone,
                        $"An RCP statement's Principal must be \"*\", not {statement.Principal}; narrow it with conditions such as aws:PrincipalArn.",
                        principalPath,
                        index,
                        "Principal");
                }

                break;
        }

        if (type is PolicyType.IdentityBased or PolicyType.PermissionsBoundary or PolicyType.SessionPolicy or PolicyType.ResourceBased
            && statement.Resource is null && statement.NotResource is null)
        {
            yield return new GrammarViolation(
                PolicyRules.MissingResource, "The statement has neither Resource nor NotResource; it needs one.", path, index, "Resource");
        }

        if (type == PolicyType.ResourceControlPolicy)
        {
            if (statement.NotAction is not null)
            {
                yield return new GrammarViolation(
                    PolicyRules.UnsupportedElement, "A resource control policy cannot use NotAction; list the actions in Action.", JsonPath.Child(path, "NotAction"), index, "NotAction");
            }

            if (statement.Effect == Effect.Allow && !IsRcpFullAwsAccess(statement))
            {
                yield return new GrammarViolation(
                    PolicyRules.RcpAllowNotSupported,
                    "A resource control policy supports \"Effect\": \"Allow\" only in RCPFullAWSAccess (Principal, Action and Resource \"*\", no Condition); write the restriction as a Deny.",
                    JsonPath.Child(path, "Effect"),
                    index,
                    "Effect");
            }
        }
    }

    /// <summary>The statement of AWS's RCPFullAWSAccess, the one Allow an RCP may hold.</summary>
    private static bool IsRcpFullAwsAccess(PolicyStatement statement) =>
        statement.Principal is { IsAnyone: true }
        && statement.Action is ["*"]
        && statement.Resource is ["*"]
        && statement.Conditions.Count == 0;

    private static GrammarViolation MissingPrincipal(PolicyStatement statement, string path, int index, string what) => new(
        PolicyRules.MissingPrincipal,
        statement.NotPrincipal is null
            ? $"A {what} statement must have a Principal naming whom it applies to; it has none (AWS does not read a missing Principal as \"*\")."
            : $"A {what} statement must have a Principal; it has only NotPrincipal.",
        path,
        index,
        "Principal");

    private static GrammarViolation Unsupported(PolicyType type, string element, string path, int index)
    {
        var what = type switch
        {
            PolicyType.PermissionsBoundary => "A permissions boundary",
            PolicyType.SessionPolicy => "A session policy",
            PolicyType.ServiceControlPolicy => "A service control policy",
            _ => "An identity-based policy",
        };
        return new GrammarViolation(
            PolicyRules.UnsupportedPrincipal,
            $"{what} cannot use {element}: it applies to the identity it is attached to.",
            path,
            index,
            element);
    }
}
