namespace GluePassRole.Diagnostics.Investigation;

/// <summary>The names of the built-in steps, in their default order. Use them to insert, replace or remove steps.</summary>
public static class InvestigationSteps
{
    /// <summary>Parses the AccessDenied text: principal, action, role, implicit or explicit, policy type.</summary>
    public const string ParseError = "parse-error";

    /// <summary>Confirms the account being read is the account in the error.</summary>
    public const string ConfirmAccount = "confirm-account";

    /// <summary>Reads the Glue job and confirms it uses the role (or learns the role from it).</summary>
    public const string ReadGlueJob = "read-glue-job";

    /// <summary>Reads the role and checks its trust policy lets the service assume it.</summary>
    public const string ReadRole = "read-role";

    /// <summary>Resolves the principal's effective policies with provenance (user, groups, role, boundary, SCPs).</summary>
    public const string ResolvePolicies = "resolve-policies";

    /// <summary>Evaluates <c>iam:PassRole</c> with <c>iam:PassedToService</c>, the MFA variants, and reconciles with the error.</summary>
    public const string EvaluatePassRole = "evaluate-passrole";

    /// <summary>Classifies the cause: the guardrail that denies, or the near misses and the layer that lacks an allow.</summary>
    public const string ClassifyCause = "classify-cause";

    /// <summary>Plans the least-privilege fix.</summary>
    public const string PlanFix = "plan-fix";

    /// <summary>Re-evaluates with the fix applied.</summary>
    public const string VerifyFix = "verify-fix";

    /// <summary>The built-in order. The Glue job is read before the role, so a job-only request learns its role first.</summary>
    public static IReadOnlyList<string> DefaultOrder { get; } =
        [ParseError, ConfirmAccount, ReadGlueJob, ReadRole, ResolvePolicies, EvaluatePassRole, ClassifyCause, PlanFix, VerifyFix];
}
