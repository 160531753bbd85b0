using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// <see cref="IacPassRole"/> on the request cases of issue 17 (tests/Shared/RequestCases, each README states what AWS
/// decides and cites the page): the request it asks is the one AWS builds (<see cref="RequestBuilder"/>), and what
/// depends on a circumstance is reported as conditions, with a fix that never widens past one.
/// </summary>
public sealed class RequestCaseTests
{
    private const string Users = "arn:aws:iam::111122223333:user/";

    private static IacAccount Case(string name, bool onSnapshot = false) => IacAccount.Load(new IacSourceOptions
    {
        Templates = [RequestCases.Template(name)],
        AccountId = RequestCases.AccountId,
        SnapshotDirectory = onSnapshot ? RequestCases.Snapshot(name) : null,
    });

    // aws:PrincipalArn is in every signed request: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
    // An explicit deny overrides any allow: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
    [Fact]
    public async Task AdminGuardrail_AdminBobIsExemptFromTheDeny_Allowed()
    {
        var verdict = await IacPassRole.CheckAsync(Case("admin-guardrail"), Users + "admin-bob", "etl-runtime");

        Assert.Equal(Decision.Allowed, verdict.ThrowIfNotAllowed().Decision);
        Assert.False(verdict.IsConditional);
        Assert.Null(verdict.Fix);
        Assert.Contains(verdict.Request!.Keys, k => k.Key == "aws:PrincipalArn" && k.Values.SequenceEqual([Users + "admin-bob"]) && k.Source == RequestKeySource.AccountData);
    }

    [Fact]
    public async Task AdminGuardrail_Carol_ExplicitDenyAndNoAllowProposed()
    {
        var verdict = await IacPassRole.CheckAsync(Case("admin-guardrail"), Users + "carol", "etl-runtime");

        Assert.Equal(Decision.ExplicitDeny, verdict.ThrowIfNotDenied().Decision);
        Assert.Null(verdict.Fix);
        Assert.Contains("no allow can override it", verdict.Remedy, StringComparison.Ordinal);
        Assert.Contains("DenyPassRoleUnlessAdminUser", verdict.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminGuardrail_AnyMemberOfTheGroup_DependsOnWhoCalls()
    {
        var verdict = await IacPassRole.CheckGroupAsync(Case("admin-guardrail"), "etl-admins", "etl-runtime");

        Assert.Equal("a member of group etl-admins", verdict.Subject);
        Assert.True(verdict.IsConditional);
        Assert.Equal(Decision.Unknown, verdict.Decision);
        Assert.StartsWith("Allowed when aws:PrincipalArn like arn:aws:iam::*:user/admin-*", verdict.Describe(), StringComparison.Ordinal);
        Assert.EndsWith("ExplicitDeny otherwise", verdict.Describe(), StringComparison.Ordinal);
        Assert.Equal(Decision.Allowed, verdict.DecisionWhen(RequestContext.Empty.With("aws:PrincipalArn", Users + "admin-zoe")));
        Assert.Equal(Decision.ExplicitDeny, verdict.DecisionWhen(RequestContext.Empty.With("aws:PrincipalArn", Users + "carol")));
        Assert.Null(verdict.Fix);
        Assert.Throws<PassRoleAssertionException>(() => verdict.ThrowIfNotAllowed());
        Assert.Throws<PassRoleAssertionException>(() => verdict.ThrowIfNotDenied());
        Assert.DoesNotContain("group-member-of", verdict.Explanation, StringComparison.Ordinal);
    }

    // aws:PrincipalTag is in the request of a tagged IAM user: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltag
    // (dana's and erin's aws:ResourceTag/iam:ResourceTag rows are left out: the case README and the builder disagree, see id_roles_use_passrole.)
    [Fact]
    public async Task AbacTags_UserTaggedTeamData_AllowedByItsPrincipalTagCondition()
    {
        var account = Case("abac-tags");

        var etl = await IacPassRole.CheckAsync(account, Users + "frank", "etl-runtime");
        var finance = await IacPassRole.CheckAsync(account, Users + "frank", "finance-runtime");

        Assert.Equal(Decision.Allowed, etl.Decision);
        Assert.Contains(etl.Request!.Keys, k => k.Key == "aws:PrincipalTag/team" && k.Values.SequenceEqual(["data"]));
        Assert.Equal(Decision.ImplicitDeny, finance.Decision);
    }

    [Fact]
    public async Task AbacTags_DanaPassingFinanceRuntime_ImplicitDeny()
    {
        var verdict = await IacPassRole.CheckAsync(Case("abac-tags"), Users + "dana", "finance-runtime");

        Assert.Equal(Decision.ImplicitDeny, verdict.Decision);
        Assert.Contains(verdict.Request!.Keys, k => k.Key == "aws:ResourceTag/team" && k.Values.SequenceEqual(["finance"]));
    }

    // PassRole is evaluated against the caller's policies and does not read the role's trust policy:
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html (the trust side is check's GPR003).
    [Fact]
    public async Task TrustSourceAccount_PassRoleItself_Allowed()
    {
        var verdict = await IacPassRole.CheckAsync(Case("trust-source-account"), Users + "dana", "etl-runtime");

        Assert.Equal(Decision.Allowed, verdict.Decision);
    }

    // aws:PrincipalOrgID: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
    [Fact]
    public async Task OrgKeys_TemplateAlone_ConditionalOnTheOrganizationItCannotName()
    {
        var verdict = await IacPassRole.CheckAsync(Case("org-keys"), Users + "dana", "etl-runtime");

        Assert.True(verdict.IsConditional);
        Assert.Equal("Allowed when aws:PrincipalOrgID = o-a1b2c3d4e5; ImplicitDeny otherwise", verdict.Describe());
        Assert.Null(verdict.Fix);
    }

    [Fact]
    public async Task OrgKeys_TemplateOnTheSnapshotWithOrganizations_Allowed()
    {
        var verdict = await IacPassRole.CheckAsync(Case("org-keys", onSnapshot: true), Users + "dana", "etl-runtime");

        Assert.Equal(Decision.Allowed, verdict.ThrowIfNotAllowed().Decision);
        Assert.Contains(verdict.Request!.Keys, k => k.Key == "aws:PrincipalOrgPaths" && k.Values.SequenceEqual(["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"]));
    }

    // aws:CurrentTime is in every request: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime
    [Fact]
    public async Task TimeWindow_AllowUntil2099_Allowed()
    {
        var verdict = await IacPassRole.CheckAsync(Case("time-window"), Users + "dana", "etl-runtime");

        Assert.Equal(Decision.Allowed, verdict.ThrowIfNotAllowed().Decision);
    }

    // ${aws:username} in Resource: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    [Fact]
    public async Task UsernameResource_DanaPassesHerOwnRoleOnly()
    {
        var account = Case("username-resource");

        var own = await IacPassRole.CheckAsync(account, Users + "dana", "dana-glue");
        var other = await IacPassRole.CheckAsync(account, Users + "dana", "erin-glue");

        Assert.Equal(Decision.Allowed, own.Decision);
        Assert.Equal(Decision.ImplicitDeny, other.Decision);
    }

    [Fact]
    public async Task UsernameResource_AnyMemberOfTheGroup_UnknownAndNoAllowForEveryMember()
    {
        var verdict = await IacPassRole.CheckGroupAsync(Case("username-resource"), "GlueAccess", "dana-glue");

        Assert.Equal(Decision.Unknown, verdict.Decision);
        Assert.Null(verdict.Fix);
        Assert.Contains("${aws:username}", verdict.Remedy, StringComparison.Ordinal);
        Assert.Throws<PassRoleAssertionException>(() => verdict.ThrowIfNotDenied());
    }

    // aws:SourceIp is the caller's address, unknown to the account data: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip
    [Fact]
    public async Task SourceIp_AllowFromTheCorporateNetwork_ConditionalAndNoFixWithoutTheCondition()
    {
        var verdict = await IacPassRole.CheckAsync(Case("source-ip"), Users + "dana", "etl-runtime");

        Assert.True(verdict.IsConditional);
        Assert.Equal(Decision.Unknown, verdict.Decision);
        Assert.StartsWith("Allowed when aws:SourceIp in 10.0.0.0/8", verdict.Describe(), StringComparison.Ordinal);
        Assert.EndsWith("ImplicitDeny otherwise", verdict.Describe(), StringComparison.Ordinal);
        Assert.Equal(Decision.Allowed, verdict.DecisionWhen(RequestContext.Empty.With("aws:SourceIp", "10.1.2.3")));
        Assert.Equal(Decision.ImplicitDeny, verdict.DecisionWhen(RequestContext.Empty.With("aws:SourceIp", "192.0.2.10")));
        Assert.Equal(Decision.ImplicitDeny, verdict.DecisionWhen(RequestContext.Empty));
        Assert.Contains(verdict.Conditions!.Outcomes, o => o.Decision == Decision.Allowed);
        Assert.Null(verdict.Fix);
        Assert.Contains("the network it is made from", verdict.Remedy, StringComparison.Ordinal);
        Assert.Contains("only under conditions: Allowed when aws:SourceIp in 10.0.0.0/8", verdict.Explanation, StringComparison.Ordinal);
        Assert.Throws<PassRoleAssertionException>(() => verdict.ThrowIfNotAllowed());
    }

    [Fact]
    public async Task SourceIp_ANewAllowIsNeeded_KeepsTheSourceIpConditionOfTheAllowItMirrors()
    {
        var template = await TempTemplateAsync("""
            Resources:
              Group:
                Type: AWS::IAM::Group
                Properties:
                  GroupName: GlueAccess
                  Policies:
                  - PolicyName: pass-etl-runtime
                    PolicyDocument:
                      Version: '2012-10-17'
                      Statement:
                      - Effect: Allow
                        Action: iam:PassRole
                        Resource: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/etl-runtime'
                        Condition:
                          StringEquals: {iam:PassedToService: glue.amazonaws.com}
                          IpAddress: {aws:SourceIp: 10.0.0.0/8}
              Other:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: reporting-runtime
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                    - {Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: sts:AssumeRole}
            """);

        var verdict = await IacPassRole.CheckGroupAsync(IacAccount.FromTemplate(template), "GlueAccess", "reporting-runtime");

        Assert.Equal(Decision.ImplicitDeny, verdict.Decision);
        var statement = Assert.Single(verdict.Fix!.Statements);
        Assert.Contains(statement.Conditions, c => c.Key == "aws:SourceIp" && c.Operator.Name == "IpAddress" && c.Values.SequenceEqual(["10.0.0.0/8"]));
        Assert.Contains("IpAddress aws:SourceIp [10.0.0.0/8]", verdict.Remedy, StringComparison.Ordinal);
    }

    // "You can only use the PassRole permission to pass an IAM role to a service that shares the same AWS account":
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
    [Fact]
    public async Task CrossAccountRole_RoleOfAnotherAccount_DeniedWithNoAllowProposed()
    {
        var verdict = await IacPassRole.CheckAsync(Case("cross-account-role"), Users + "dana", "arn:aws:iam::444455556666:role/etl-runtime");

        Assert.NotEqual(Decision.Allowed, verdict.Decision);
        Assert.Null(verdict.Fix);
        Assert.Contains("a role cannot be passed to a service in another account", verdict.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("fix (least privilege)", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrossAccountRole_SameNameInTheCallersAccount_IsAnotherRole()
    {
        var account = Case("cross-account-role");

        var own = await IacPassRole.CheckAsync(account, Users + "dana", "arn:aws:iam::111122223333:role/etl-runtime");

        Assert.Equal(Decision.Allowed, own.Decision);
    }

    private static async Task<string> TempTemplateAsync(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"request-case-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        return file;
    }
}
