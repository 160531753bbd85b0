using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// <see cref="PassRoleVerdict.Explanation"/> (what <see cref="PassRoleVerdict.ThrowIfNotAllowed"/> and <c>check</c>
/// print): a group verdict names "a member of group X", never the stand-in ARN the request is built with; a fix names
/// the user, group or role it attaches to and where the IaC defines it; an unknown verdict says what is not known and
/// what would decide it, and offers a fix only as "if ... then" (issue 19 item 7).
/// </summary>
public sealed class VerdictWordingTests
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";

    private const string UnreadGroupTemplate = """
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          UserDana:
            Type: AWS::IAM::User
            Properties:
              UserName: dana
              Groups:
              - platform-users
          RoleEtlRuntime:
            Type: AWS::IAM::Role
            Properties:
              RoleName: etl-runtime
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                - Effect: Allow
                  Principal:
                    Service: glue.amazonaws.com
                  Action: sts:AssumeRole
        """;

    [Fact]
    public async Task CheckGroupAsync_Denied_NamesTheMemberAndTheGroupTheFixAttachesTo()
    {
        var verdict = await IacPassRole.CheckGroupAsync(IacAccount.FromTerraformPlan(IacSamples.TerraformPlan), "analysts", "etl-runtime");

        Assert.Equal(Decision.ImplicitDeny, verdict.Decision);
        Assert.DoesNotContain("member-of-group", verdict.Explanation, StringComparison.Ordinal);
        Assert.Contains("by a member of group analysts.", verdict.Explanation, StringComparison.Ordinal);
        var target = verdict.FixTarget!;
        Assert.Equal((IacFixTargetKind.Group, "analysts", "arn:aws:iam::123456789012:group/analysts"), (target.Kind, target.Name, target.Arn));
        Assert.Equal("aws_iam_group.analysts", target.Origin!.Resource);
        Assert.Contains("fix (least privilege): add this aws_iam_group_policy resource to the Terraform configuration of the root module, beside aws_iam_group.analysts (aws_iam_group), at ", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_UnreadGroupPolicies_UnknownWithTheFixOnlyAsIf()
    {
        var verdict = await IacPassRole.CheckAsync(IacAccount.FromTemplate(IacSamples.Write(UnreadGroupTemplate)), Dana, "etl-runtime");

        Assert.Equal(Decision.Unknown, verdict.Decision);
        Assert.NotNull(verdict.Fix);
        Assert.StartsWith($"whether {Dana} can pass arn:aws:iam::123456789012:role/etl-runtime to glue.amazonaws.com is not known: ", verdict.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Implicitly denied", verdict.Explanation, StringComparison.Ordinal);
        Assert.Contains("\n  if what could not be read neither allows nor denies it, then this fix (least privilege) would allow it: add this ", verdict.Explanation, StringComparison.Ordinal);
        Assert.Contains(" (UserDana.Properties", verdict.Explanation, StringComparison.Ordinal);
        Assert.Equal((IacFixTargetKind.User, "dana", "UserDana"), (verdict.FixTarget!.Kind, verdict.FixTarget.Name, verdict.FixTarget.Origin!.Resource));
    }

    // A group whose allow needs aws:ResourceTag, which iam:PassRole never supplies (id_roles_use_passrole): the remedy
    // quotes the evaluation, which must name the member, not the request's stand-in ARN.
    [Fact]
    public async Task CheckGroupAsync_NoAllowWouldBeEnough_RemedyNamesTheMember()
    {
        var account = IacAccount.Load(new IacSourceOptions { Templates = [RequestCases.Template("abac-tags")], AccountId = RequestCases.AccountId });

        var verdict = await IacPassRole.CheckGroupAsync(account, "data-engineers", "etl-runtime");

        Assert.Contains("by a member of group data-engineers.", verdict.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("member-of-group", verdict.Explanation, StringComparison.Ordinal);
    }
}
