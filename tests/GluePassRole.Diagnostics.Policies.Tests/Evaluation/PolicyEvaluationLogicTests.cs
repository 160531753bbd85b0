using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests.Evaluation;

/// <summary>
/// The layers of AWS policy evaluation.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
/// </summary>
public class PolicyEvaluationLogicTests
{
    private const string User = "arn:aws:iam::111111111111:user/dana";
    private const string Role = "arn:aws:iam::111111111111:role/etl-runtime";
    private const string AllowPassRole = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}""";
    private const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    private const string AllowS3Only = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
    private const string DenyPassRole = """{"Version":"2012-10-17","Statement":[{"Sid":"NoPassRole","Effect":"Deny","Action":"iam:PassRole","Resource":"*"}]}""";

    private static SourcedPolicy P(string json, string name = "p", PolicySourceKind kind = PolicySourceKind.Supplied) =>
        new(PolicyDocument.Parse(json), new PolicySource(kind, name));

    private static AuthorizationRequest PassRole(string principal = User) => AuthorizationRequest.PassRole(principal, Role);

    [Fact]
    public void Evaluate_NoPolicies_ImplicitDeny()
    {
        var result = PolicyEvaluator.Evaluate(new PolicySet(), PassRole());

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.IdentityBased, result.LayerLackingAllow!.PolicyType);
    }

    [Fact]
    public void Evaluate_DenyOverridesAllow()
    {
        var result = PolicyEvaluator.Evaluate(new PolicySet { IdentityPolicies = [P(AllowAll), P(DenyPassRole, "guard")] }, PassRole());

        Assert.Equal(Decision.ExplicitDeny, result.Decision);
        Assert.Equal("NoPassRole", Assert.Single(result.DecidingStatements).StatementLabel);
    }

    [Fact]
    public void Evaluate_ScpLevelWithoutAllow_ImplicitDenyAtThatLevel()
    {
        // "every level must allow": each level of the organization path needs an SCP that allows the action.
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
        var set = new PolicySet
        {
            IdentityPolicies = [P(AllowAll)],
            ServiceControlPolicies = [[P(AllowAll, "FullAWSAccess")], [P(AllowS3Only, "OnlyS3")]],
        };

        var result = PolicyEvaluator.Evaluate(set, PassRole());

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.ServiceControlPolicy, result.LayerLackingAllow!.PolicyType);
        Assert.Equal(1, result.LayerLackingAllow.Level);
    }

    [Fact]
    public void Evaluate_ScpDeny_ExplicitDenyFromScp()
    {
        var set = new PolicySet
        {
            IdentityPolicies = [P(AllowAll)],
            ServiceControlPolicies = [[P(AllowAll, "FullAWSAccess"), P(DenyPassRole, "NoPassRole")]],
        };

        var result = PolicyEvaluator.Evaluate(set, PassRole());

        Assert.Equal(Decision.ExplicitDeny, result.Decision);
        Assert.Equal(PolicyType.ServiceControlPolicy, Assert.Single(result.DecidingStatements).PolicyType);
    }

    [Fact]
    public void Evaluate_NoScps_MeansNotInAnOrganization()
    {
        var set = new PolicySet { IdentityPolicies = [P(AllowPassRole)], ServiceControlPolicies = [] };

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(set, PassRole()).Decision);
    }

    [Fact]
    public void Evaluate_BoundaryWithoutAllow_ImplicitDenyFromBoundary()
    {
        // "The effective permissions are everything that is allowed by both policy types."
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
        var set = new PolicySet { IdentityPolicies = [P(AllowAll)], PermissionsBoundary = P(AllowS3Only, "boundary", PolicySourceKind.PermissionsBoundary) };

        var result = PolicyEvaluator.Evaluate(set, PassRole());

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.PermissionsBoundary, result.LayerLackingAllow!.PolicyType);
        Assert.Contains(result.Layers, l => l.PolicyType == PolicyType.IdentityBased && l.Status == LayerStatus.Allows);
    }

    [Fact]
    public void Evaluate_BoundaryAloneGrantsNothing()
    {
        var set = new PolicySet { PermissionsBoundary = P(AllowAll, "boundary", PolicySourceKind.PermissionsBoundary) };

        var result = PolicyEvaluator.Evaluate(set, PassRole());

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.IdentityBased, result.LayerLackingAllow!.PolicyType);
    }

    [Fact]
    public void Evaluate_SessionPolicyWithoutAllow_ImplicitDenyFromSessionPolicy()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
        var session = "arn:aws:sts::111111111111:assumed-role/etl-admin/alice";
        var set = new PolicySet { IdentityPolicies = [P(AllowAll)], SessionPolicy = P(AllowS3Only, "session", PolicySourceKind.SessionPolicy) };

        var result = PolicyEvaluator.Evaluate(set, PassRole(session));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.SessionPolicy, result.LayerLackingAllow!.PolicyType);
    }

    private static AuthorizationRequest GetObject(string principal, string account = "111111111111") => new()
    {
        Principal = principal,
        Action = "s3:GetObject",
        Resource = "arn:aws:s3:::data-lake/report.csv",
        ResourceAccount = account,
    };

    private static string BucketPolicy(string principal) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Grant","Effect":"Allow","Principal":{{principal}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data-lake/*"}]}""";

    [Fact]
    public void Evaluate_SameAccountResourcePolicyGrantsUserArn_AllowedWithoutIdentityPolicy()
    {
        // "Within an account, an implicit deny in an identity-based policy does not prevent a resource-based policy from granting access."
        var set = new PolicySet { ResourcePolicy = P(BucketPolicy("""{"AWS":"arn:aws:iam::111111111111:user/dana"}"""), "bucket", PolicySourceKind.ResourcePolicy) };

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(set, GetObject(User)).Decision);
    }

    [Fact]
    public void Evaluate_SameAccountResourcePolicyGrantsUserArn_NotLimitedByBoundary()
    {
        var set = new PolicySet
        {
            ResourcePolicy = P(BucketPolicy("""{"AWS":"arn:aws:iam::111111111111:user/dana"}"""), "bucket", PolicySourceKind.ResourcePolicy),
            PermissionsBoundary = P("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""", "boundary"),
        };

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(set, GetObject(User)).Decision);
    }

    [Fact]
    public void Evaluate_SameAccountResourcePolicyGrantsRoleArn_LimitedBySessionPolicy()
    {
        var session = "arn:aws:sts::111111111111:assumed-role/etl-admin/alice";
        var request = GetObject(session) with
        {
            Context = RequestContext.Empty.With("aws:PrincipalArn", "arn:aws:iam::111111111111:role/etl-admin"),
        };
        var grantsRole = P(BucketPolicy("""{"AWS":"arn:aws:iam::111111111111:role/etl-admin"}"""), "bucket", PolicySourceKind.ResourcePolicy);

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(new PolicySet { ResourcePolicy = grantsRole }, request).Decision);
        var limited = new PolicySet { ResourcePolicy = grantsRole, SessionPolicy = P("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""") };
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(limited, request).Decision);
    }

    [Fact]
    public void Evaluate_ResourcePolicyGrantsAccountOnly_StillNeedsIdentityAllow()
    {
        var set = new PolicySet { ResourcePolicy = P(BucketPolicy("""{"AWS":"arn:aws:iam::111111111111:root"}"""), "bucket", PolicySourceKind.ResourcePolicy) };

        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(set, GetObject(User)).Decision);
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(set with { IdentityPolicies = [P(AllowS3Only)] }, GetObject(User)).Decision);
    }

    [Fact]
    public void Evaluate_CrossAccount_NeedsBothSides()
    {
        var external = "arn:aws:iam::222222222222:user/eve";
        var grant = P(BucketPolicy("""{"AWS":"222222222222"}"""), "bucket", PolicySourceKind.ResourcePolicy);

        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(new PolicySet { ResourcePolicy = grant }, GetObject(external)).Decision);
        var noResourceGrant = PolicyEvaluator.Evaluate(new PolicySet { IdentityPolicies = [P(AllowS3Only)] }, GetObject(external));
        Assert.Equal(Decision.ImplicitDeny, noResourceGrant.Decision);
        Assert.Equal(PolicyType.ResourceBased, noResourceGrant.LayerLackingAllow!.PolicyType);
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(new PolicySet { ResourcePolicy = grant, IdentityPolicies = [P(AllowS3Only)] }, GetObject(external)).Decision);
    }

    [Fact]
    public void Evaluate_ResourcePolicyDenyWithNotPrincipal_DeniesEveryoneElse()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
        var policy = P("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data-lake/*"},
              {"Sid":"OnlyDana","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:user/dana"},"Action":"s3:*","Resource":"arn:aws:s3:::data-lake/*"}]}
            """, "bucket", PolicySourceKind.ResourcePolicy);
        var set = new PolicySet { ResourcePolicy = policy };

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(set, GetObject(User)).Decision);
        var other = PolicyEvaluator.Evaluate(set, GetObject("arn:aws:iam::111111111111:user/eve"));
        Assert.Equal(Decision.ExplicitDeny, other.Decision);
        Assert.Equal("OnlyDana", Assert.Single(other.DecidingStatements).StatementLabel);
    }

    [Fact]
    public void Evaluate_RootUserInOwnAccount_AllowedUnlessScpRestricts()
    {
        var root = "arn:aws:iam::111111111111:root";

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(new PolicySet(), PassRole(root)).Decision);
        var scp = new PolicySet { ServiceControlPolicies = [[P(AllowS3Only, "OnlyS3")]] };
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(scp, PassRole(root)).Decision);
    }

    [Fact]
    public void Evaluate_TrustPolicyForGlue_ServicePrincipalAllowedByResourcePolicyAlone()
    {
        var trust = P("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", "trust", PolicySourceKind.ResourcePolicy);
        var request = new AuthorizationRequest { Principal = "glue.amazonaws.com", Action = "sts:AssumeRole", Resource = Role };

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(new PolicySet { ResourcePolicy = trust }, request).Decision);
        var ec2 = PolicyEvaluator.Evaluate(new PolicySet { ResourcePolicy = trust }, request with { Principal = "ec2.amazonaws.com" });
        Assert.Equal(Decision.ImplicitDeny, ec2.Decision);
        Assert.Equal(StatementElement.Principal, Assert.Single(ec2.Misses).FailedElement);
    }

    [Fact]
    public void Evaluate_RcpsIgnoredForIam_AppliedForS3()
    {
        // RCPs apply to a fixed list of services; IAM is not one of them.
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
        var denyAll = P("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}""", "rcp");
        var set = new PolicySet { IdentityPolicies = [P(AllowAll)], ResourceControlPolicies = [[denyAll]] };

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(set, PassRole()).Decision);
        Assert.Equal(Decision.ExplicitDeny, PolicyEvaluator.Evaluate(set, GetObject(User)).Decision);
    }

    [Fact]
    public void Evaluate_PolicyVariableInResource_ResolvedFromContext()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
        var own = P("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111111111111:role/${aws:username}-*"}]}""");
        var request = AuthorizationRequest.PassRole(User, "arn:aws:iam::111111111111:role/dana-etl");
        var set = new PolicySet { IdentityPolicies = [own] };

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(set, request with { Context = request.Context.With("aws:username", "dana") }).Decision);
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(set, request with { Context = request.Context.With("aws:username", "eve") }).Decision);
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(set, request).Decision);
    }

    [Fact]
    public void Evaluate_PolicyVariableUnderVersion2008_IsLiteralText()
    {
        var own = P("""{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111111111111:role/${aws:username}-*"}]}""");
        var request = AuthorizationRequest.PassRole(User, "arn:aws:iam::111111111111:role/dana-etl");

        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(new PolicySet { IdentityPolicies = [own] }, request with { Context = request.Context.With("aws:username", "dana") }).Decision);
    }

    [Fact]
    public void Evaluate_NotActionAndNotResource_ApplyToEverythingElse()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
        var policy = P("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","NotAction":"s3:*","Resource":"*"},
              {"Sid":"ProtectAdmin","Effect":"Deny","Action":"iam:PassRole","NotResource":"arn:aws:iam::111111111111:role/etl-*"}]}
            """);
        var set = new PolicySet { IdentityPolicies = [policy] };

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(set, PassRole()).Decision);
        Assert.Equal(Decision.ExplicitDeny, PolicyEvaluator.Evaluate(set, AuthorizationRequest.PassRole(User, "arn:aws:iam::111111111111:role/admin")).Decision);
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(set, GetObject(User)).Decision);
    }
}
