using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Investigation.Steps;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Reporting;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.TestShared;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace GluePassRole.Diagnostics.Tests.Issues;

/// <summary>
/// Issue 14, the fix's part: a boundary that lacks the allow gets a verified new version; an IAM Identity Center role's
/// fix is its permission set; unreadable group policies never move the fix silently; a role name AWS cannot hold says so.
/// </summary>
public sealed class Issue14FixTests
{
    private const string Account = "123456789012";
    private const string RoleArn = "arn:aws:iam::123456789012:role/etl-runtime";
    private const string BoundaryArn = "arn:aws:iam::123456789012:policy/DataEngineerBoundary";
    private const string AuthorizationDetails = "get-account-authorization-details.json";

    private static readonly PolicyStatement LeastPrivilege = LeastPrivilegeStatementBuilder.PassRole(RoleArn).Build();

    // A boundary caps identity-based permissions, so the allow must be in it too (IAM User Guide, "Permissions boundaries
    // for IAM entities", https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html). A managed
    // policy changes by a new version: "A managed policy can have up to five versions. If the policy has five versions,
    // you must delete an existing version using DeletePolicyVersion before you create a new version" (IAM API Reference,
    // CreatePolicyVersion, https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html; IAM User
    // Guide, "Versioning IAM policies", https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html;
    // the same quota in "IAM and AWS STS quotas", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
    [Fact]
    public async Task PlanFix_BoundaryNoAllowSample_ProposesANewDefaultBoundaryVersionVerifiedAllowed()
    {
        var report = await InvestigateAsync(SampleAccounts.Folder("boundary-no-allow"));

        var fix = report.Fix!;
        Assert.Equal(new FixTarget(FixTargetType.PermissionsBoundary, "DataEngineerBoundary") { Arn = BoundaryArn }, fix.Target);
        Assert.StartsWith($"aws iam create-policy-version --policy-arn {BoundaryArn} --policy-document '{{", fix.Command, StringComparison.Ordinal);
        Assert.EndsWith("}' --set-as-default", fix.Command, StringComparison.Ordinal);
        // The current default version's statement is kept, and the least-privilege statement is added: never Resource "*".
        Assert.Equal(["CapDataEngineers", LeastPrivilege.Sid], fix.Document.Statements.Select(s => s.Sid));
        Assert.Equal(Json(LeastPrivilege), Json(fix.Document.Statements[1]));
        Assert.Contains(fix.Document.ToJson(indented: false), fix.Command, StringComparison.Ordinal);
        Assert.Contains("at most five versions", fix.Rationale, StringComparison.Ordinal);
        Assert.Contains($"aws iam delete-policy-version --policy-arn {BoundaryArn}", fix.Rationale, StringComparison.Ordinal);
        Assert.Empty(fix.AlsoRequired);
        Assert.Equal((Decision.ImplicitDeny, Decision.Allowed), (report.Verification!.DecisionBeforeFix, report.Verification.DecisionAfterFix));
        Assert.StartsWith("Fix: a new default version of permissions boundary DataEngineerBoundary", TextFix(report), StringComparison.Ordinal);
    }

    // "Managed policy size: 6,144 characters", whitespace not counted (IAM User Guide, IAM and AWS STS quotas; AWS
    // Knowledge Center, "iam-increase-policy-size"): a version over it is refused, so the fix says so.
    [Fact]
    public void BoundaryFix_NewVersionOverTheManagedPolicySizeQuota_SaysToMergeFirst()
    {
        var big = new PolicyDocument
        {
            Version = PolicyDocument.Version2012,
            Statements = [.. Enumerable.Range(0, 120).Select(i => new PolicyStatement { Sid = $"S{i}", Effect = Effect.Allow, Action = [$"s3:GetObjectVersionTagging{i}"], Resource = [$"arn:aws:s3:::bucket-number-{i}/*"] })],
        };
        var boundary = new SourcedPolicy(big, new PolicySource(PolicySourceKind.PermissionsBoundary, "DataEngineerBoundary") { Arn = BoundaryArn });

        var fix = BoundaryFix.Create(boundary, LeastPrivilege)!;
        var small = BoundaryFix.Create(boundary with { Document = big with { Statements = big.Statements.Take(2).ToList() } }, LeastPrivilege)!;

        Assert.Contains("over IAM's 6144 for a managed policy", fix.Rationale, StringComparison.Ordinal);
        Assert.DoesNotContain("over IAM's", small.Rationale, StringComparison.Ordinal);
    }

    // Both the identity-based policies and the boundary lack the allow: the identity statement is the fix, the boundary's
    // new version a required change carrying its command, and the verification applies both.
    [Fact]
    public async Task PlanFix_IdentityAndBoundaryBothLackTheAllow_IdentityFixRequiresTheBoundaryVersionAndVerifiesBoth()
    {
        using var account = CopySample("boundary-no-allow", details =>
        {
            var glueAccess = details["GroupDetailList"]!.AsArray().Single(g => (string?)g!["GroupName"] == "GlueAccess")!;
            glueAccess["GroupPolicyList"] = new JsonArray(); // drop the group's inline PassRole allow
        });

        var report = await InvestigateAsync(account.Path, errorText: File.ReadAllText(Path.Combine(account.Path, "error.txt"))
            .Replace("no permissions boundary allows", "no identity-based policy allows", StringComparison.Ordinal));

        var fix = report.Fix!;
        Assert.Equal(new FixTarget(FixTargetType.Group, "GlueAccess"), fix.Target);
        var boundary = Assert.Single(fix.AlsoRequired);
        Assert.Equal((RequiredChangeKind.LayerAllow, PolicyType.PermissionsBoundary), (boundary.Kind, boundary.PolicyType));
        Assert.StartsWith($"aws iam create-policy-version --policy-arn {BoundaryArn} --policy-document '", boundary.Command, StringComparison.Ordinal);
        Assert.EndsWith("--set-as-default", boundary.Command, StringComparison.Ordinal);
        Assert.Equal(Json(LeastPrivilege), Json(boundary.Document!.Statements[^1]));
        Assert.Contains(boundary.Command!, boundary.Description, StringComparison.Ordinal);
        // Allowed only with both applied: the identity statement alone leaves the boundary lacking the allow.
        Assert.Equal(Decision.Allowed, report.Verification!.DecisionAfterFix);
        Assert.Contains("and the permissions boundary's new version", report.Verification.Explanation, StringComparison.Ordinal);
    }

    // IAM Identity Center owns the AWSReservedSSO_* roles it provisions (AWS managed policy AWSSSOServiceRolePolicy lets it
    // iam:PutRolePolicy on role/aws-reserved/sso.amazonaws.com/*). PutInlinePolicyToPermissionSet "Attaches an inline
    // policy to a permission set. If the permission set is already referenced by one or more account assignments, you will
    // need to call ProvisionPermissionSet after this action" (IAM Identity Center API Reference,
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutInlinePolicyToPermissionSet.html; AWS CLI
    // reference, https://docs.aws.amazon.com/cli/latest/reference/sso-admin/put-inline-policy-to-permission-set.html).
    // A permission set holds one inline policy, so putting one replaces it.
    [Fact]
    public async Task PlanFix_IdentityCenterRole_TargetsThePermissionSetMergedAndProvisionedNeverPutRolePolicy()
    {
        var report = await InvestigateAsync(SampleAccounts.Folder("assumed-role-caller"));

        var fix = report.Fix!;
        // The sample holds the management account's sso-admin files: the commands name the real ARNs (Issue14IdentityCenterTests).
        Assert.Equal(new FixTarget(FixTargetType.PermissionSet, "DataEngineer") { Arn = "arn:aws:sso:::permissionSet/ssoins-ncvjrrhvfubxkfkb/ps-9ge4w9oiqmx5x9ah" }, fix.Target);
        Assert.Equal("AwsSSOInlinePolicy", fix.PolicyName);
        Assert.StartsWith("aws sso-admin put-inline-policy-to-permission-set --region ap-northeast-1 --instance-arn arn:aws:sso:::instance/ssoins-ncvjrrhvfubxkfkb --permission-set-arn arn:aws:sso:::permissionSet/ssoins-ncvjrrhvfubxkfkb/ps-9ge4w9oiqmx5x9ah --inline-policy", fix.Command, StringComparison.Ordinal);
        Assert.Contains("&& aws sso-admin provision-permission-set --region ap-northeast-1 --instance-arn arn:aws:sso:::instance/ssoins-ncvjrrhvfubxkfkb", fix.Command, StringComparison.Ordinal);
        Assert.EndsWith("--target-type AWS_ACCOUNT --target-id 123456789012", fix.Command, StringComparison.Ordinal);
        // Merged with the inline policy as provisioned on the role, so putting it keeps what the permission set had.
        Assert.Equal(["ReadGlueLogs", LeastPrivilege.Sid], fix.Document.Statements.Select(s => s.Sid));
        Assert.Contains($"--inline-policy '{fix.Document.ToJson(indented: false)}'", fix.Command, StringComparison.Ordinal);
        Assert.Contains("aws sso-admin get-inline-policy-for-permission-set", fix.Rationale, StringComparison.Ordinal);
        Assert.DoesNotContain("put-role-policy --role-name", PassRoleReportRenderer.ToText(report), StringComparison.Ordinal);
        Assert.DoesNotContain(fix.Alternatives, a => a.Kind == FixAlternativeKind.PermissionSetInlinePolicy);
        // Provisioning writes the inline policy onto the role: the statement is verified there.
        Assert.Equal(Decision.Allowed, report.Verification!.DecisionAfterFix);
    }

    [Theory]
    [InlineData("AWSReservedSSO_DataEngineer_0123456789abcdef", "DataEngineer")]
    [InlineData("AWSReservedSSO_Data_Engineer_0123456789abcdef", "Data_Engineer")]
    [InlineData("etl-runtime", null)]
    public void PermissionSetName_FromTheRoleName(string role, string? expected) =>
        Assert.Equal(expected, PermissionSetFix.PermissionSetName(role));

    // The same reads, with group GlueAccess (which grants dana's Glue access) removed from the snapshot: its policies
    // are a gap, and the fix must not move to the user without saying that GlueAccess may be the right place.
    [Fact]
    public async Task PlanFix_GlueGroupMissingFromTheSnapshot_KeepsTheUserOnlyNamingTheUnreadGroup()
    {
        using var account = CopySample("field-note", details =>
        {
            var groups = details["GroupDetailList"]!.AsArray();
            groups.Remove(groups.Single(g => (string?)g!["GroupName"] == "GlueAccess"));
        });

        var report = await InvestigateAsync(account.Path);

        AssertUserWithUnreadGroupNamed(report.Fix!);
    }

    [Fact]
    public async Task PlanFix_GlueGroupsAttachedPoliciesUnreadableInTheSnapshot_KeepsTheUserOnlyNamingTheUnreadGroup()
    {
        using var account = CopySample("field-note", details =>
        {
            var glueAccess = details["GroupDetailList"]!.AsArray().Single(g => (string?)g!["GroupName"] == "GlueAccess")!;
            glueAccess["AttachedManagedPolicies"] = new JsonArray(new JsonObject { ["PolicyName"] = "AWSGlueConsoleFullAccess" }); // no PolicyArn
        });

        var report = await InvestigateAsync(account.Path);

        AssertUserWithUnreadGroupNamed(report.Fix!);
    }

    // Live, a read the caller may not make (iam:ListAttachedGroupPolicies denied) is a gap, never "no policy".
    [Fact]
    public async Task PlanFix_GroupPolicyReadsDenied_KeepsTheUserOnlyNamingTheUnreadGroup()
    {
        var iam = Substitute.For<IIamReader>();
        iam.GetUserAsync("dana", Arg.Any<CancellationToken>()).Returns(SourceResult.Found(new IamUser("dana", "arn:aws:iam::123456789012:user/dana")));
        iam.ListGroupsForUserAsync("dana", Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<string>>(["GlueAccess"]));
        iam.GetInlinePoliciesAsync(Arg.Any<IamEntityKind>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<InlinePolicy>>([]));
        iam.GetAttachedPoliciesAsync(IamEntityKind.User, "dana", Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<AttachedPolicy>>([]));
        iam.GetAttachedPoliciesAsync(IamEntityKind.Group, "GlueAccess", Arg.Any<CancellationToken>())
            .Returns(SourceResult.Unreadable<IReadOnlyList<AttachedPolicy>>("AccessDenied", "iam:ListAttachedGroupPolicies", "not authorized to perform iam:ListAttachedGroupPolicies"));
        var organizations = Substitute.For<IOrganizationsReader>();
        organizations.GetServiceControlPoliciesAsync(Account, Arg.Any<CancellationToken>()).Returns(SourceResult.NotFound<IReadOnlyList<OrganizationLevel>>("organization"));
        var policies = await new EffectivePolicyResolver(iam, organizations).ResolveAsync("arn:aws:iam::123456789012:user/dana");

        var fix = await PlanAsync(policies);

        var gap = Assert.Single(policies.Gaps);
        Assert.Equal((IamEntityKind.Group, "GlueAccess"), (gap.OwnerKind, gap.OwnerName));
        AssertUserWithUnreadGroupNamed(fix);
    }

    [Fact]
    public async Task PlanFix_UsersGroupsUnreadable_SaysTheGroupsCouldNotBeRead()
    {
        var iam = Substitute.For<IIamReader>();
        iam.GetUserAsync("dana", Arg.Any<CancellationToken>()).Returns(SourceResult.Found(new IamUser("dana", "arn:aws:iam::123456789012:user/dana")));
        iam.ListGroupsForUserAsync("dana", Arg.Any<CancellationToken>())
            .Returns(SourceResult.Unreadable<IReadOnlyList<string>>("AccessDenied", "iam:ListGroupsForUser", "not authorized to perform iam:ListGroupsForUser"));
        iam.GetInlinePoliciesAsync(Arg.Any<IamEntityKind>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<InlinePolicy>>([]));
        iam.GetAttachedPoliciesAsync(Arg.Any<IamEntityKind>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<AttachedPolicy>>([]));
        var policies = await new EffectivePolicyResolver(iam).ResolveAsync("arn:aws:iam::123456789012:user/dana");

        var fix = await PlanAsync(policies);

        Assert.Equal(new FixTarget(FixTargetType.User, "dana"), fix.Target);
        Assert.Contains("The groups of dana could not be read", fix.Rationale, StringComparison.Ordinal);
        Assert.DoesNotContain("No group of dana grants Glue access", fix.Rationale, StringComparison.Ordinal);
    }

    // "IAM name requirements ... Role names: 64 characters" (IAM User Guide, IAM and AWS STS quotas,
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html; IAM API Reference, CreateRole, RoleName
    // length 1-64): a longer name is no role, so no fix, and the report says why.
    [Fact]
    public async Task PlanFix_RoleNameOver64Characters_NoFixAndTheTextReportSaysAwsLimitsRoleNamesTo64()
    {
        var folder = SampleAccounts.Folder("field-note");
        var longName = new string('r', 70);
        var error = File.ReadAllText(Path.Combine(folder, "error.txt")).Replace("role/etl-runtime", "role/" + longName, StringComparison.Ordinal);

        var report = await InvestigateAsync(folder, error);

        Assert.Null(report.Fix);
        var note = Assert.Single(report.Steps, s => s.Name == InvestigationSteps.PlanFix).Note;
        Assert.Contains("AWS limits role names to 64 characters", note, StringComparison.Ordinal);
        Assert.Contains($"the role name {longName} has 70 characters", note, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", note, StringComparison.Ordinal);
        Assert.Contains($"No fix: {note}", PassRoleReportRenderer.ToText(report), StringComparison.Ordinal);
    }

    /// <summary>The evaluate and plan-fix steps alone on resolved policies, as the investigation runs them.</summary>
    private static async Task<ProposedFix> PlanAsync(EffectivePolicies policies)
    {
        var context = new InvestigationContext(PassRoleInvestigationRequest.ForRole("arn:aws:iam::123456789012:user/dana", RoleArn))
            .With(InvestigationFacts.Principal, PrincipalArn.Parse("arn:aws:iam::123456789012:user/dana"))
            .With(InvestigationFacts.RoleReference, RoleArn)
            .With(InvestigationFacts.Policies, policies);
        var evaluated = await new EvaluatePassRoleStep().RunAsync(context, CancellationToken.None);
        return (await new PlanFixStep().RunAsync(evaluated.Context, CancellationToken.None)).Context.Get(InvestigationFacts.Fix)!;
    }

    private static void AssertUserWithUnreadGroupNamed(ProposedFix fix)
    {
        Assert.Equal(new FixTarget(FixTargetType.User, "dana"), fix.Target);
        Assert.Contains("The policies of group GlueAccess could not be read", fix.Rationale, StringComparison.Ordinal);
        Assert.DoesNotContain("No group of dana grants Glue access", fix.Rationale, StringComparison.Ordinal);
        var group = Assert.Single(fix.Alternatives, a => a.Kind == FixAlternativeKind.GroupWithUnreadPolicies);
        Assert.StartsWith("aws iam put-group-policy --group-name GlueAccess --policy-name AllowPassEtlRuntimeToGlue", group.Command, StringComparison.Ordinal);
    }

    // Records compare their lists by reference: compare statements by their JSON.
    private static string Json(PolicyStatement statement) => new PolicyDocument { Statements = [statement] }.ToJson(indented: false);

    private static string TextFix(PassRoleReport report)
    {
        var text = PassRoleReportRenderer.ToText(report);
        return text[text.IndexOf("Fix: ", StringComparison.Ordinal)..];
    }

    /// <summary>A copy of a bundled sample with its authorization details edited.</summary>
    private static TempFolder CopySample(string sample, Action<JsonNode> edit)
    {
        var copy = TempFolder.CopyOfSample(sample);
        var details = JsonNode.Parse(File.ReadAllText(Path.Combine(copy.Path, AuthorizationDetails)))!;
        edit(details);
        copy.Write(AuthorizationDetails, details.ToJsonString());
        return copy;
    }

    private static async Task<PassRoleReport> InvestigateAsync(string folder, string? errorText = null)
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(folder);
        await using var provider = services.BuildServiceProvider();
        var error = errorText ?? await File.ReadAllTextAsync(Path.Combine(folder, "error.txt"));
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(error));
    }
}
