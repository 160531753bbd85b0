using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Tests.Samples;

/// <summary>
/// The bundled sample accounts (samples/accounts, captured by make_samples.py with the AWS CLI against moto_server) give
/// the decisions their README.md states.
/// </summary>
public sealed class SampleAccountTests
{
    private const string Account = "123456789012";
    private const string EtlRuntime = "arn:aws:iam::123456789012:role/etl-runtime";
    private const string ForceMfaArn = "arn:aws:iam::123456789012:policy/Force_MFA";
    private const string GlueConsoleArn = "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess";

    public static TheoryData<string> AllSamples =>
    [
        "field-note", "field-note-sdk-encoded", "scp-deny", "boundary-no-allow", "role-not-trusting-glue",
        "assumed-role-caller", "service-role-path", "job-uses-other-role",
    ];

    [Theory]
    [MemberData(nameof(AllSamples))]
    public async Task Sample_LoadsParsesAndResolves_WithoutProblems(string name)
    {
        var sample = await Sample.OpenAsync(name);

        Assert.Empty(sample.Snapshot.Problems);
        Assert.Equal(Account, sample.Snapshot.AccountId);
        Assert.True(sample.Error.IsPassRole);
        Assert.Equal(Account, sample.Error.Account);
        Assert.Equal(SourceResultStatus.Found, sample.Policies.PrincipalStatus);
        Assert.NotNull(sample.Policies.Principal.IamArn);

        // sts get-caller-identity was captured with the erroring principal's own credentials.
        var caller = await sample.Snapshot.GetCallerIdentityAsync();
        Assert.Equal(sample.Error.Principal, caller.Value!.Arn);

        // Only SCPs may be unknown (a member account cannot read them), and only where organizations/ was not captured.
        var hasOrganizations = Directory.Exists(Path.Combine(sample.Folder, "organizations"));
        Assert.All(sample.Policies.Gaps, gap => Assert.Equal(PolicyType.ServiceControlPolicy, gap.PolicyType));
        Assert.Equal(hasOrganizations ? 0 : 1, sample.Policies.Gaps.Count);

        Assert.True(File.Exists(Path.Combine(sample.Folder, "README.md")), $"{name} has no README.md");
    }

    [Theory]
    [InlineData("field-note")]
    [InlineData("field-note-sdk-encoded")]
    public async Task FieldNote_MfaGuardrailThenMissingAllow_NarrowFixAllows(string name)
    {
        var sample = await Sample.OpenAsync(name);
        Assert.Equal((DenialKind.ImplicitDeny, PolicyType.IdentityBased), (sample.Error.DenialKind, sample.Error.PolicyType));
        Assert.Equal("UpdateJob", sample.Error.Operation);
        Assert.Equal(EtlRuntime, sample.Error.PassedRoleArn);

        // The job saves with the role of the error, and that role trusts Glue: the trust is not the cause.
        Assert.Equal(EtlRuntime, (await sample.JobRoleAsync()).Arn);
        Assert.Equal(Decision.Allowed, (await sample.GlueAssumesAsync(EtlRuntime)).Decision);

        // 1st simulation, no MFA context (long-term keys): the Force_MFA guardrail denies explicitly.
        foreach (var mfa in new bool?[] { null, false })
        {
            var withoutMfa = sample.PassRole(EtlRuntime, mfa);
            Assert.Equal(Decision.ExplicitDeny, withoutMfa.Decision);
            var deny = Assert.Single(withoutMfa.DecidingStatements);
            Assert.Equal(("DenyAllExceptListedIfNoMFA", ForceMfaArn), (deny.Statement.Sid, deny.Policy.Source.Arn));
        }

        // 2nd simulation, MFA present: no allow remains — the message's implicit identity-based deny.
        var withMfa = sample.PassRole(EtlRuntime, mfa: true);
        Assert.Equal(Decision.ImplicitDeny, withMfa.Decision);
        Assert.Equal(PolicyType.IdentityBased, withMfa.LayerLackingAllow!.PolicyType);

        // The near miss: AWSGlueConsoleFullAccess passes only AWSGlueServiceRole* names.
        var nearMiss = Assert.Single(withMfa.Misses, m => m.Policy.Source.Arn == GlueConsoleArn && m.ResourcePatterns.Contains("arn:aws:iam::*:role/AWSGlueServiceRole*"));
        Assert.Equal(StatementElement.Resource, nearMiss.FailedElement);
        Assert.Equal("GlueAccess", nearMiss.Policy.Source.AttachedTo);

        // The fix from the README, as an inline policy of GlueAccess: allowed with MFA, still denied without.
        var fixedSet = sample.Policies.Policies with
        {
            IdentityPolicies = [.. sample.Policies.Policies.IdentityPolicies, Sample.GroupInline("GlueAccess", "AllowPassGlueRuntimeRoleToGlue", Sample.Fix(EtlRuntime))],
        };
        Assert.Equal(Decision.Allowed, sample.PassRole(EtlRuntime, mfa: true, fixedSet).Decision);
        Assert.Equal(Decision.ExplicitDeny, sample.PassRole(EtlRuntime, mfa: null, fixedSet).Decision);

        // The fix is scoped to Glue: passing the same role to another service stays denied.
        var toEc2 = PolicyEvaluator.Evaluate(fixedSet, AuthorizationRequest.PassRole(sample.PrincipalArn, EtlRuntime, "ec2.amazonaws.com") with
        {
            Context = RequestContext.Empty.With("iam:PassedToService", "ec2.amazonaws.com").With("aws:MultiFactorAuthPresent", "true"),
        });
        Assert.Equal(Decision.ImplicitDeny, toEc2.Decision);
    }

    [Fact]
    public async Task FieldNoteSdkEncoded_SameDocumentsAsCliForm()
    {
        var cli = await Sample.OpenAsync("field-note");
        var sdk = await Sample.OpenAsync("field-note-sdk-encoded");

        Assert.Equal(
            cli.Policies.Policies.IdentityPolicies.Select(p => (p.Source.Name, p.Document.ToJson())),
            sdk.Policies.Policies.IdentityPolicies.Select(p => (p.Source.Name, p.Document.ToJson())));
        var cliRole = await cli.Snapshot.GetRoleAsync("etl-runtime");
        var sdkRole = await sdk.Snapshot.GetRoleAsync("etl-runtime");
        Assert.Equal(cliRole.Value!.TrustPolicy.Value!.ToJson(), sdkRole.Value!.TrustPolicy.Value!.ToJson());
    }

    [Fact]
    public async Task ScpDeny_ServiceControlPolicyDeniesEvenWithIdentityAllowAndMfa()
    {
        var sample = await Sample.OpenAsync("scp-deny");
        Assert.Equal((DenialKind.ExplicitDeny, PolicyType.ServiceControlPolicy), (sample.Error.DenialKind, sample.Error.PolicyType));
        Assert.Equal(3, sample.Policies.Policies.ServiceControlPolicies!.Count);

        var result = sample.PassRole(EtlRuntime, mfa: true);

        Assert.Equal(Decision.ExplicitDeny, result.Decision);
        var deny = Assert.Single(result.DecidingStatements);
        Assert.Equal(PolicyType.ServiceControlPolicy, deny.PolicyType);
        Assert.Equal("DenyPassRoleOutsidePlatformPath", deny.Statement.Sid);
        Assert.Equal(sample.Error.PolicyArn, deny.Policy.Source.Arn);
        Assert.Equal(1, deny.Level);

        // Identity policies alone allow (the narrow fix is already in place): the SCP is the only cause.
        Assert.Equal(Decision.Allowed, sample.PassRole(EtlRuntime, mfa: true, sample.Policies.Policies with { ServiceControlPolicies = null }).Decision);

        // The SCP's own way out: a role under /platform/ is not denied by it.
        var platformRole = "arn:aws:iam::123456789012:role/platform/etl-runtime";
        var platform = sample.PassRole(platformRole, mfa: true);
        Assert.DoesNotContain(platform.MatchedStatements, m => m.PolicyType == PolicyType.ServiceControlPolicy && m.Statement.Effect == Effect.Deny);
    }

    [Fact]
    public async Task BoundaryNoAllow_IdentityAllowsButBoundaryLacksPassRole()
    {
        var sample = await Sample.OpenAsync("boundary-no-allow");
        Assert.Equal((DenialKind.ImplicitDeny, PolicyType.PermissionsBoundary), (sample.Error.DenialKind, sample.Error.PolicyType));
        Assert.Equal("CreateJob", sample.Error.Operation);
        Assert.Equal("DataEngineerBoundary", sample.Policies.Policies.PermissionsBoundary!.Source.Name);

        var result = sample.PassRole(EtlRuntime, mfa: true);

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.PermissionsBoundary, result.LayerLackingAllow!.PolicyType);
        Assert.Contains(result.Layers, l => l.PolicyType == PolicyType.IdentityBased && l.Status == LayerStatus.Allows);
        Assert.Equal(Decision.ExplicitDeny, sample.PassRole(EtlRuntime, mfa: null).Decision);

        // Fix: the boundary also allows passing this role to Glue.
        var boundary = sample.Policies.Policies.PermissionsBoundary;
        var widened = boundary with { Document = boundary.Document with { Statements = [.. boundary.Document.Statements, .. Sample.Fix(EtlRuntime).Statements] } };
        Assert.Equal(Decision.Allowed, sample.PassRole(EtlRuntime, mfa: true, sample.Policies.Policies with { PermissionsBoundary = widened }).Decision);
    }

    [Fact]
    public async Task RoleNotTrustingGlue_PassRoleMissingAndTrustNamesOnlyEc2()
    {
        var sample = await Sample.OpenAsync("role-not-trusting-glue");
        Assert.Equal("CreateJob", sample.Error.Operation);

        Assert.Equal(Decision.ImplicitDeny, sample.PassRole(EtlRuntime, mfa: true).Decision);

        // The trust policy as resource policy of sts:AssumeRole: Glue cannot assume the role, EC2 can.
        var glue = await sample.GlueAssumesAsync(EtlRuntime);
        Assert.Equal(Decision.ImplicitDeny, glue.Decision);
        Assert.Equal(PolicyType.ResourceBased, glue.LayerLackingAllow!.PolicyType);
        Assert.Equal(Decision.Allowed, (await sample.GlueAssumesAsync(EtlRuntime, "ec2.amazonaws.com")).Decision);
    }

    [Fact]
    public async Task AssumedRoleCaller_SsoSessionMapsToReservedRoleWithPath()
    {
        var sample = await Sample.OpenAsync("assumed-role-caller");
        Assert.Equal(Diagnostics.PrincipalKind.AssumedRole, sample.Error.PrincipalKind);
        Assert.Equal(("DataEngineer", "dana"), (sample.Error.SsoPermissionSetName, sample.Error.SessionName));
        Assert.True(sample.Policies.Principal.IsIdentityCenterRole);
        Assert.Equal(
            "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_DataEngineer_0123456789abcdef",
            sample.Policies.Principal.IamArn);
        Assert.Equal(
            [(PolicySourceKind.RoleInline, "AwsSSOInlinePolicy"), (PolicySourceKind.RoleManaged, "AWSGlueConsoleFullAccess")],
            sample.Policies.Policies.IdentityPolicies.Select(p => (p.Source.Kind, p.Source.Name)));

        var result = sample.PassRole(EtlRuntime, mfa: null);

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.IdentityBased, result.LayerLackingAllow!.PolicyType);
        Assert.Contains(result.Misses, m => m.Policy.Source.Arn == GlueConsoleArn && m.FailedElement == StatementElement.Resource);

        // Fix in the permission set's inline policy (IAM Identity Center rewrites AwsSSOInlinePolicy on the role).
        var fixedSet = sample.Policies.Policies with
        {
            IdentityPolicies = [.. sample.Policies.Policies.IdentityPolicies, new SourcedPolicy(Sample.Fix(EtlRuntime), new PolicySource(PolicySourceKind.RoleInline, "AwsSSOInlinePolicy (fixed)"))],
        };
        Assert.Equal(Decision.Allowed, sample.PassRole(EtlRuntime, mfa: null, fixedSet).Decision);
    }

    [Fact]
    public async Task ServiceRolePath_AlreadyAllowedByGlueConsoleServiceRoleStatement()
    {
        var sample = await Sample.OpenAsync("service-role-path");
        const string role = "arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-etl";
        Assert.Equal(role, sample.Error.PassedRoleArn);
        Assert.Equal(("AccessDeniedException", 400), (sample.Error.ErrorCode, sample.Error.HttpStatusCode));
        Assert.Equal(role, (await sample.JobRoleAsync()).Arn);

        var result = sample.PassRole(role, mfa: true);

        Assert.Equal(Decision.Allowed, result.Decision);
        var allow = Assert.Single(result.DecidingStatements);
        Assert.Equal(GlueConsoleArn, allow.Policy.Source.Arn);
        Assert.Contains("arn:aws:iam::*:role/service-role/AWSGlueServiceRole*", allow.Statement.Resource!);

        // The path matters: the statement for role/AWSGlueServiceRole* alone would not have matched.
        Assert.Contains(result.Misses, m => m.Policy.Source.Arn == GlueConsoleArn && m.ResourcePatterns.Contains("arn:aws:iam::*:role/AWSGlueServiceRole*"));
        Assert.Equal(Decision.ExplicitDeny, sample.PassRole(role, mfa: null).Decision);
    }

    [Fact]
    public async Task JobUsesOtherRole_BareRoleNameDiffersFromErrorRole()
    {
        var sample = await Sample.OpenAsync("job-uses-other-role");
        var job = await sample.Snapshot.GetResourceAsync(GlueResourceKind.Job, "nightly-etl");
        Assert.Equal("AWSGlueServiceRole-nightly", job.Value!.Role);

        var jobRole = await sample.JobRoleAsync();

        Assert.Equal("arn:aws:iam::123456789012:role/AWSGlueServiceRole-nightly", jobRole.Arn);
        Assert.NotEqual(sample.Error.PassedRoleArn, jobRole.Arn);
        Assert.Equal(Decision.Allowed, sample.PassRole(jobRole.Arn, mfa: true).Decision);
        Assert.Equal(Decision.ImplicitDeny, sample.PassRole(sample.Error.PassedRoleArn!, mfa: true).Decision);
    }

    /// <summary>One sample account: its snapshot, its parsed error and the erroring principal's policies.</summary>
    private sealed record Sample(string Folder, AccountSnapshot Snapshot, AccessDeniedMessage Error, EffectivePolicies Policies)
    {
        /// <summary>The principal as the evaluator sees it: the user ARN, or the session ARN for a role session.</summary>
        public string PrincipalArn => Policies.Principal.Kind == Diagnostics.PrincipalKind.AssumedRole ? Policies.Principal.Arn : Policies.Principal.IamArn!;

        public static async Task<Sample> OpenAsync(string name)
        {
            var folder = SampleAccounts.Folder(name);
            var snapshot = AccountSnapshot.LoadFromDirectory(folder);
            var error = AccessDeniedMessage.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "error.txt")));
            var policies = await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync(error.Principal);
            return new Sample(folder, snapshot, error, policies);
        }

        /// <summary>iam:PassRole to Glue; <paramref name="mfa"/> null leaves aws:MultiFactorAuthPresent out, as long-term keys do.</summary>
        public EvaluationResult PassRole(string roleArn, bool? mfa, PolicySet? policies = null)
        {
            var request = AuthorizationRequest.PassRole(PrincipalArn, roleArn);
            var context = request.Context.With("aws:PrincipalArn", Policies.Principal.IamArn!);
            if (mfa is { } present)
            {
                context = context.With("aws:MultiFactorAuthPresent", present ? "true" : "false");
            }

            return PolicyEvaluator.Evaluate(policies ?? Policies.Policies, request with { Context = context });
        }

        /// <summary>sts:AssumeRole by a service principal, against the role's trust policy as the resource policy.</summary>
        public async Task<EvaluationResult> GlueAssumesAsync(string roleArn, string service = "glue.amazonaws.com")
        {
            var role = await new RoleReferenceResolver(Snapshot).ResolveAsync(roleArn);
            var trust = new SourcedPolicy(role.Value!.TrustPolicy.Value!, new PolicySource(PolicySourceKind.ResourcePolicy, $"trust policy of {role.Value.Name}"));
            var request = new AuthorizationRequest { Principal = service, Action = "sts:AssumeRole", Resource = role.Value.Arn };
            return PolicyEvaluator.Evaluate(new PolicySet { ResourcePolicy = trust }, request);
        }

        /// <summary>The role the nightly-etl job stores, resolved to the IAM role.</summary>
        public async Task<IamRole> JobRoleAsync()
        {
            var job = await Snapshot.GetResourceAsync(GlueResourceKind.Job, "nightly-etl");
            var role = await new RoleReferenceResolver(Snapshot).ResolveAsync(job.Value!.Role);
            return role.Value!;
        }

        /// <summary>The field note's narrow fix for <paramref name="roleArn"/>.</summary>
        public static PolicyDocument Fix(string roleArn) => PolicyDocument.Parse($$"""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Sid": "AllowPassGlueRuntimeRoleToGlue", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "{{roleArn}}",
                "Condition": { "StringEquals": { "iam:PassedToService": "glue.amazonaws.com" } }
              }]
            }
            """);

        public static SourcedPolicy GroupInline(string group, string name, PolicyDocument document) =>
            new(document, new PolicySource(PolicySourceKind.GroupInline, name) { AttachedTo = group });
    }
}
