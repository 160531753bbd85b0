using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests.Evaluation;

/// <summary>
/// The places where AWS documents an exception to the general evaluation rules. Each test asserts both paths: the
/// explained <see cref="CompiledPolicySet.Evaluate"/> and the fast <see cref="CompiledPolicySet.Decide"/>.
/// </summary>
public class DocumentedExceptionsTests
{
    private const string Account = "111111111111";
    private const string User = "arn:aws:iam::111111111111:user/dana";
    private const string Role = "arn:aws:iam::111111111111:role/etl-runtime";
    private const string Key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string Object = "arn:aws:s3:::data-lake/report.csv";

    private static SourcedPolicy P(string statements, PolicySourceKind kind = PolicySourceKind.Supplied, string name = "p") =>
        new(PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}"""), new PolicySource(kind, name));

    private static SourcedPolicy Allow(string action, string resource = "*") =>
        P($$"""{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"}""");

    private static AuthorizationRequest Request(string principal, string action, string resource, RequestContext? context = null) =>
        new() { Principal = principal, Action = action, Resource = resource, ResourceAccount = Account, Context = context ?? RequestContext.Empty };

    /// <summary>Evaluates on both paths and checks they agree.</summary>
    private static EvaluationResult Both(PolicySet set, AuthorizationRequest request)
    {
        var compiled = PolicyEvaluator.Compile(set);
        var result = compiled.Evaluate(request);
        Assert.Equal(result.Decision, compiled.Decide(request));
        return result;
    }

    // ---- 1. Every SCP level must allow, an empty one too ----
    // "there must be an explicit Allow statement at every level from the root through each OU in the direct path to the
    // account (including the target account itself)". AWS Organizations User Guide, "SCP evaluation":
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html

    [Fact]
    public void Evaluate_ScpLevelWithNoPolicies_ImplicitDenyAtThatLevel()
    {
        var set = new PolicySet { IdentityPolicies = [Allow("*")], ServiceControlPolicies = [[Allow("*")], []] };

        var result = Both(set, AuthorizationRequest.PassRole(User, Role));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.ServiceControlPolicy, result.LayerLackingAllow!.PolicyType);
        Assert.Equal(1, result.LayerLackingAllow.Level);
        Assert.Contains(result.Layers, l => l.PolicyType == PolicyType.ServiceControlPolicy && l.Level == 1 && l.Status == LayerStatus.NoAllow);
    }

    [Fact]
    public void Evaluate_RcpLevelWithNoPolicies_AllowsBecauseRcpFullAwsAccessIsAlwaysAttached()
    {
        // RCPFullAWSAccess "is automatically attached to the organization root, every OU, and every account" and cannot be
        // detached: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
        var set = new PolicySet { IdentityPolicies = [Allow("s3:GetObject")], ResourceControlPolicies = [[], []] };

        var result = Both(set, Request(User, "s3:GetObject", Object));

        Assert.Equal(Decision.Allowed, result.Decision);
        Assert.All(result.Layers.Where(l => l.PolicyType == PolicyType.ResourceControlPolicy), l => Assert.Equal(LayerStatus.Allows, l.Status));
    }

    // ---- 2. Trust policies and key policies must allow on their own ----
    // "IAM role trust policies and KMS key policies are exceptions to this logic, because they must explicitly allow access
    // for principals." IAM User Guide, "Policy evaluation logic":
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
    // "Without permission from the key policy, IAM policies that allow permissions have no effect." AWS KMS Developer
    // Guide, "Key policies in AWS KMS": https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html

    [Theory]
    [InlineData("sts:AssumeRole")]
    [InlineData("sts:AssumeRoleWithSAML")]
    [InlineData("sts:AssumeRoleWithWebIdentity")]
    [InlineData("sts:TagSession")]
    [InlineData("sts:SetSourceIdentity")]
    public void Evaluate_StsRoleActionWithIdentityAllowOnly_ImplicitDenyNamingTheTrustPolicy(string action)
    {
        var set = new PolicySet { IdentityPolicies = [Allow("sts:*")] };

        var result = Both(set, Request(User, action, Role));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.ResourceBased, result.LayerLackingAllow!.PolicyType);
        Assert.Contains("trust policy", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AssumeRoleWhenTrustNamesTheAccount_NeedsTheIdentityAllowToo()
    {
        var trust = P("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}""", PolicySourceKind.ResourcePolicy);

        Assert.Equal(Decision.ImplicitDeny, Both(new PolicySet { ResourcePolicy = trust }, Request(User, "sts:AssumeRole", Role)).Decision);
        Assert.Equal(Decision.Allowed, Both(new PolicySet { ResourcePolicy = trust, IdentityPolicies = [Allow("sts:AssumeRole")] }, Request(User, "sts:AssumeRole", Role)).Decision);
    }

    [Fact]
    public void Evaluate_AssumeRoleWhenTrustNamesTheUser_AllowedWithoutIdentityAllow()
    {
        var trust = P("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/dana"},"Action":"sts:AssumeRole"}""", PolicySourceKind.ResourcePolicy);

        Assert.Equal(Decision.Allowed, Both(new PolicySet { ResourcePolicy = trust }, Request(User, "sts:AssumeRole", Role)).Decision);
    }

    [Fact]
    public void Evaluate_StsActionOnNonRoleResource_GeneralRulesApply()
    {
        // sts:GetSessionToken and friends act on no role: an identity allow is enough.
        var set = new PolicySet { IdentityPolicies = [Allow("sts:*")] };

        Assert.Equal(Decision.Allowed, Both(set, Request(User, "sts:GetSessionToken", "*")).Decision);
    }

    [Fact]
    public void Evaluate_KmsWithIdentityAllowButNoKeyPolicyGrant_ImplicitDenyNamingTheKeyPolicy()
    {
        var keyPolicy = P("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/key-admin"},"Action":"kms:*","Resource":"*"}""", PolicySourceKind.ResourcePolicy);
        var set = new PolicySet { IdentityPolicies = [Allow("kms:Decrypt")], ResourcePolicy = keyPolicy };

        var result = Both(set, Request(User, "kms:Decrypt", Key));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.ResourceBased, result.LayerLackingAllow!.PolicyType);
        Assert.Contains("key policy", result.LayerLackingAllow.Reason, StringComparison.Ordinal);
        Assert.Equal(Decision.ImplicitDeny, Both(set with { ResourcePolicy = null }, Request(User, "kms:Decrypt", Key)).Decision);
    }

    [Fact]
    public void Evaluate_KmsKeyPolicyEnablesIamPolicies_IdentityAllowDecides()
    {
        // The default key policy's "Enable IAM policies" statement names the account.
        var keyPolicy = P("""{"Sid":"Enable IAM policies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"}""", PolicySourceKind.ResourcePolicy);

        Assert.Equal(Decision.Allowed, Both(new PolicySet { IdentityPolicies = [Allow("kms:Decrypt")], ResourcePolicy = keyPolicy }, Request(User, "kms:Decrypt", Key)).Decision);
        Assert.Equal(Decision.ImplicitDeny, Both(new PolicySet { ResourcePolicy = keyPolicy }, Request(User, "kms:Decrypt", Key)).Decision);
    }

    [Fact]
    public void Evaluate_KmsRootUserWithoutKeyPolicyGrant_ImplicitDeny()
    {
        // "No AWS principal, including the account root user or key creator, has any permissions to a KMS key unless they
        // are explicitly allowed ... in a key policy" (key-policies.html).
        var result = Both(new PolicySet(), Request("arn:aws:iam::111111111111:root", "kms:Decrypt", Key));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
    }

    // ---- 3. sts:GetCallerIdentity needs no permission ----
    // "No permissions are required to perform this operation. If an administrator attaches a policy to your identity that
    // explicitly denies access to the sts:GetCallerIdentity action, you can still perform this operation."
    // AWS STS API Reference, GetCallerIdentity: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html

    [Fact]
    public void Evaluate_GetCallerIdentityExplicitlyDenied_AllowedAndExplained()
    {
        var set = new PolicySet
        {
            IdentityPolicies = [P("""{"Sid":"NoWhoAmI","Effect":"Deny","Action":"sts:GetCallerIdentity","Resource":"*"}""")],
            ServiceControlPolicies = [[P("""{"Effect":"Deny","Action":"sts:*","Resource":"*"}""")]],
        };

        var result = Both(set, Request(User, "sts:GetCallerIdentity", "*"));

        Assert.Equal(Decision.Allowed, result.Decision);
        Assert.NotNull(result.DecidingRule);
        Assert.Contains("needs no permission", result.Explanation, StringComparison.Ordinal);
        Assert.Empty(result.DecidingStatements);
        Assert.Contains(result.MatchedStatements, m => m.StatementLabel == "NoWhoAmI");
    }

    [Fact]
    public void Evaluate_GetCallerIdentityWithNoPolicies_Allowed()
    {
        Assert.Equal(Decision.Allowed, Both(new PolicySet(), Request("arn:aws:sts::111111111111:federated-user/bob", "STS:getcalleridentity", "*")).Decision);
    }

    // ---- 5. Policy variables only in the resource part of a Resource ARN ----
    // "You can use policy variables in the Resource element, but only in the resource portion of the ARN. This portion of
    // the ARN appears after the fifth colon (:). You can't use a variable to replace parts of the ARN before the fifth
    // colon, such as the service or account." IAM User Guide, "IAM policy elements: Variables and tags":
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    // The page does not say IAM rejects such a policy; the variable is not substituted there, so it is literal text.

    [Fact]
    public void Evaluate_VariableInAccountField_IsLiteralTextAndDoesNotMatch()
    {
        var set = new PolicySet { IdentityPolicies = [Allow("iam:PassRole", "arn:aws:iam::${aws:PrincipalAccount}:role/etl-runtime")] };
        var request = AuthorizationRequest.PassRole(User, Role);
        request = request with { Context = request.Context.With("aws:PrincipalAccount", Account) };

        var result = Both(set, request);

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Contains("${aws:PrincipalAccount}", Assert.Single(result.Misses).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_VariableInResourcePart_Substituted()
    {
        var set = new PolicySet { IdentityPolicies = [Allow("iam:PassRole", "arn:aws:iam::*:role/${aws:PrincipalTag/team}-*")] };
        var request = AuthorizationRequest.PassRole(User, "arn:aws:iam::111111111111:role/etl-runtime");

        Assert.Equal(Decision.Allowed, Both(set, request with { Context = request.Context.With("aws:PrincipalTag/team", "etl") }).Decision);
    }

    [Fact]
    public void Evaluate_VariableInNotResourceAccountField_IsLiteralSoTheDenyCoversTheRole()
    {
        // The NotResource pattern is literal text that matches no real ARN, so the deny covers every role.
        var set = new PolicySet
        {
            IdentityPolicies =
            [
                Allow("iam:PassRole"),
                P("""{"Effect":"Deny","Action":"iam:PassRole","NotResource":"arn:aws:iam::${aws:PrincipalAccount}:role/*"}"""),
            ],
        };
        var request = AuthorizationRequest.PassRole(User, Role);

        Assert.Equal(Decision.ExplicitDeny, Both(set, request with { Context = request.Context.With("aws:PrincipalAccount", Account) }).Decision);
    }

    [Fact]
    public void Evaluate_VariableInConditionArn_StillSubstituted()
    {
        // The fifth-colon rule is about the Resource element; condition values take variables anywhere.
        var set = new PolicySet
        {
            IdentityPolicies = [P("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"ArnLike":{"iam:AssociatedResourceArn":"arn:aws:glue:*:${aws:PrincipalAccount}:job/*"}}}""")],
        };
        var request = AuthorizationRequest.PassRole(User, Role);
        var context = request.Context.With("aws:PrincipalAccount", Account).With("iam:AssociatedResourceArn", "arn:aws:glue:us-east-1:111111111111:job/etl");

        Assert.Equal(Decision.Allowed, Both(set, request with { Context = context }).Decision);
    }

    // ---- 6. Federated users (GetFederationToken) ----
    // "if you do not pass any session policies, then the resulting federated user session has no permissions" (AWS STS API
    // Reference, GetFederationToken, Policy: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html);
    // "a resource-based policy can provide additional permissions for the session" (IAM User Guide, "Permissions for
    // GetFederationToken": https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html).

    private const string Federated = "arn:aws:sts::111111111111:federated-user/bob";

    [Fact]
    public void Evaluate_FederatedUserWithoutSessionPolicy_NoPermissionsExplainedBySessionLayer()
    {
        var result = Both(new PolicySet { IdentityPolicies = [Allow("*")] }, Request(Federated, "s3:GetObject", Object));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.SessionPolicy, result.LayerLackingAllow!.PolicyType);
        Assert.Contains("without a session policy", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FederatedUserWithSessionPolicy_IntersectionOfUserAndSessionPolicies()
    {
        var set = new PolicySet { IdentityPolicies = [Allow("s3:*")], SessionPolicy = P("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", PolicySourceKind.SessionPolicy) };

        Assert.Equal(Decision.Allowed, Both(set, Request(Federated, "s3:GetObject", Object)).Decision);
        Assert.Equal(Decision.ImplicitDeny, Both(set, Request(Federated, "s3:PutObject", Object)).Decision);
        Assert.Equal(Decision.ImplicitDeny, Both(set with { IdentityPolicies = [] }, Request(Federated, "s3:GetObject", Object)).Decision);
    }

    [Fact]
    public void Evaluate_FederatedUserNamedByResourcePolicy_AllowedWithoutSessionPolicy()
    {
        var bucket = P("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::111111111111:federated-user/bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data-lake/*"}""", PolicySourceKind.ResourcePolicy);
        var account = P("""{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data-lake/*"}""", PolicySourceKind.ResourcePolicy);

        Assert.Equal(Decision.Allowed, Both(new PolicySet { ResourcePolicy = bucket }, Request(Federated, "s3:GetObject", Object)).Decision);
        Assert.Equal(Decision.ImplicitDeny, Both(new PolicySet { ResourcePolicy = account, IdentityPolicies = [Allow("s3:*")] }, Request(Federated, "s3:GetObject", Object)).Decision);
    }

    // ---- 7. A "*" grant in a resource-based policy names the role's session directly ----
    // "If a resource-based policy grants permission directly to the IAM user or the session principal that is making the
    // request, then an implicit deny in an identity-based policy, a permissions boundary, or a session policy does not
    // impact the final decision." IAM User Guide, "Policy evaluation logic":
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

    [Theory]
    [InlineData("""{"AWS":"*"}""")]
    [InlineData("\"*\"")]
    public void Evaluate_WildcardResourceGrantToRole_NotLimitedByBoundaryOrSessionPolicy(string principal)
    {
        var bucket = P($$"""{"Effect":"Allow","Principal":{{principal}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data-lake/*"}""", PolicySourceKind.ResourcePolicy);
        var set = new PolicySet
        {
            ResourcePolicy = bucket,
            PermissionsBoundary = Allow("ec2:*"),
            SessionPolicy = Allow("ec2:*"),
        };

        Assert.Equal(Decision.Allowed, Both(set, Request(Role, "s3:GetObject", Object)).Decision);
        Assert.Equal(Decision.Allowed, Both(set, Request("arn:aws:sts::111111111111:assumed-role/etl-runtime/s1", "s3:GetObject", Object)).Decision);
    }

    [Fact]
    public void Evaluate_ResourceGrantToRoleArn_StillLimitedByBoundary()
    {
        var bucket = P("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/etl-runtime"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data-lake/*"}""", PolicySourceKind.ResourcePolicy);
        var set = new PolicySet { ResourcePolicy = bucket, IdentityPolicies = [Allow("s3:*")], PermissionsBoundary = Allow("ec2:*") };

        var result = Both(set, Request(Role, "s3:GetObject", Object));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.PermissionsBoundary, result.LayerLackingAllow!.PolicyType);
    }
}
