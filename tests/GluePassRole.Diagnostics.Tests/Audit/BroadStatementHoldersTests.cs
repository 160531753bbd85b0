using System.Text.Json;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using static GluePassRole.Diagnostics.Tests.Audit.AuditAccountBuilder;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>
/// A PassRole statement without iam:PassedToService is one finding per statement of a policy, naming every principal
/// that holds it: a managed policy attached to several roles and a user, a group's inline policy held by each member
/// (issue 18 review item 3).
/// </summary>
public sealed class BroadStatementHoldersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<PassRoleAuditReport> ReportAsync(bool perPair = false)
    {
        var builder = new AuditAccountBuilder();
        var admin = builder.Policy("PassAnything", Doc(Allow("iam:PassRole", "*")));
        builder
            .Role("job-runtime", TrustService("glue.amazonaws.com"))
            .Role("pipeline", TrustService("codepipeline.amazonaws.com"), managed: [admin])
            .Role("deployer", TrustService("cloudformation.amazonaws.com"), managed: [admin])
            .User("ops", managed: [admin])
            .Group("devs", inline: Doc(Allow("iam:PassRole", Arn("role", "job-runtime"))))
            .User("dana", groups: ["devs"])
            .User("eli", groups: ["devs"])
            .User("fay", groups: ["devs"]);
        return await AuditAsync(builder.Write(_folder), perPair: perPair);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AuditAsync_ManagedPolicyOnTwoRolesAndAUser_OneFindingNamingEveryHolder(bool perPair)
    {
        var report = await ReportAsync(perPair);

        var findings = report.Findings.Where(f => f.Code == AuditFindingCodes.PassRoleWithoutPassedToService).ToList();
        Assert.Equal(2, findings.Count);
        var managed = Assert.Single(findings, f => f.Policy == Arn("policy", "PassAnything"));
        Assert.Equal([Arn("role", "deployer"), Arn("role", "pipeline"), Arn("user", "ops")], managed.Principals);
        Assert.Null(managed.Principal);
        // The group's inline policy: held by each of its members.
        var group = Assert.Single(findings, f => f.Policy != Arn("policy", "PassAnything"));
        Assert.Equal([Arn("user", "dana"), Arn("user", "eli"), Arn("user", "fay")], group.Principals);
        if (perPair)
        {
            // --pairs keeps 0.1's message; the holders are added in the JSON only.
            Assert.DoesNotContain("held by", managed.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith(
                $"Statement #0 of managed policy PassAnything ({Arn("policy", "PassAnything")}), held by 3 principals (role/deployer, role/pipeline, user/ops), grants iam:PassRole without",
                managed.Message,
                StringComparison.Ordinal);
            Assert.StartsWith("Statement #0 of inline policy ", group.Message, StringComparison.Ordinal);
            Assert.Contains(" of group devs, held by 3 principals (user/dana, user/eli, user/fay), grants", group.Message, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(PassRoleAuditRenderer.ToJson(report));
        Assert.True(AuditSchema.Validate(json.RootElement).IsValid, AuditSchema.Validate(json.RootElement).Errors);
        var written = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("policy").GetString() == Arn("policy", "PassAnything"));
        Assert.Equal(3, written.GetProperty("principals").GetArrayLength());
    }

    [Fact]
    public async Task AuditAsync_ManyHolders_MessageNamesTheFirstFewAndTheCount()
    {
        var builder = new AuditAccountBuilder();
        var admin = builder.Policy("PassAnything", Doc(Allow("iam:PassRole", "*")));
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            builder.User(name, managed: [admin]);
        }

        var report = await AuditAsync(builder.Write(_folder));

        var finding = Assert.Single(report.Findings, f => f.Code == AuditFindingCodes.PassRoleWithoutPassedToService);
        Assert.Equal(5, finding.Principals.Count);
        Assert.Contains("held by 5 principals (user/a, user/b, user/c and 2 more)", finding.Message, StringComparison.Ordinal);
    }
}
