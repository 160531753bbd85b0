using System.Text.Json;
using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Reporting;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GluePassRole.Diagnostics.Tests.Issues;

/// <summary>
/// Issue 19, item 4: partial data is not stated flatly. A decision computed without a policy that could change it is
/// Unknown: an unread identity-based policy can allow or deny, an unread boundary, session policy or SCP can deny or
/// withhold (IAM User Guide, "Policy evaluation logic",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). An explicit deny read from
/// the account stands whatever else applies ("an explicit deny in any of these policies overrides the allow"). And one
/// inline policy that cannot be read is unread on its own: the others are still evaluated.
/// </summary>
public sealed class Issue19PartialDataTests(ITestOutputHelper output)
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";
    private const string RoleArn = "arn:aws:iam::123456789012:role/etl-runtime";
    private const string AuthorizationDetails = "get-account-authorization-details.json";
    private const string ForceMfa = "arn:aws:iam::123456789012:policy/Force_MFA";

    // Force_MFA denies everything without MFA; unread, "MFA not present" is not known to be an implicit deny: read, it is
    // an explicit deny. The error still says what the failed call met (no identity-based policy allows it).
    [Fact]
    public async Task Investigate_ForceMfaPolicyUnreadable_MfaVariantsAreUnknownNotImplicitDeny()
    {
        using var copy = TempFolder.CopyOfSample("field-note");
        EditDetails(copy, details => Remove(details["Policies"]!.AsArray(), p => (string?)p!["Arn"] == ForceMfa)); // attached, but its document is missing

        var report = await InvestigateAsync(copy.Path, PassRoleInvestigationRequest.FromError(File.ReadAllText(Path.Combine(copy.Path, "error.txt"))));

        Assert.Contains(report.Unread, g => g.Subject.Contains("Force_MFA", StringComparison.Ordinal));
        Assert.Equal(Decision.ImplicitDeny, report.Decision); // AWS's word for the call that failed
        Assert.All(report.MfaVariants!.Variants, v => Assert.Equal(Decision.Unknown, v.Decision));

        var text = PassRoleReportRenderer.ToText(report);
        output.WriteLine(text);
        Assert.DoesNotContain("MFA not present: ImplicitDeny", text, StringComparison.Ordinal);
        Assert.Contains("MFA not present: Unknown (ImplicitDeny by the policies that were read)", text, StringComparison.Ordinal);
        Assert.Contains($"managed policy {ForceMfa} attached to group developers could not be read", text, StringComparison.Ordinal);
        var markdown = PassRoleReportRenderer.ToMarkdown(report);
        Assert.Contains("| MFA not present | Unknown (ImplicitDeny by the policies that were read) |", markdown, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(PassRoleReportRenderer.ToJson(report));
        var variant = json.RootElement.GetProperty("mfaVariants").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "MFA not present");
        Assert.Equal("Unknown", variant.GetProperty("decision").GetString());
        Assert.Equal("ImplicitDeny", variant.GetProperty("decisionByReadPolicies").GetString());
        Assert.Contains("Force_MFA", variant.GetProperty("unknownBecause").GetString(), StringComparison.Ordinal);
        var circumstances = json.RootElement.GetProperty("circumstances");
        Assert.Equal("ImplicitDeny", circumstances.GetProperty("verdictByReadPolicies").GetString());
    }

    // An unread policy cannot undo a deny that was read: "MFA not present" stays ExplicitDeny by Force_MFA, while
    // "MFA present", computed without the unread group policy, is Unknown.
    [Fact]
    public async Task Investigate_AGroupInlinePolicyBroken_ReadExplicitDenyStaysOtherVariantsUnknown()
    {
        using var copy = TempFolder.CopyOfSample("field-note");
        EditDetails(copy, details => Group(details, "developers")["GroupPolicyList"]![0]!["PolicyDocument"]!["Statement"] = "not a statement list");

        var report = await InvestigateAsync(copy.Path, PassRoleInvestigationRequest.ForRole(Dana, RoleArn));

        Assert.Equal(Decision.ExplicitDeny, report.Decision); // no MFA in the request: Force_MFA's deny, read, decides
        var variants = report.MfaVariants!.Variants.ToDictionary(v => v.Variant.Name, v => v.Decision);
        Assert.Equal(Decision.ExplicitDeny, variants["MFA not present"]);
        Assert.Equal(Decision.ExplicitDeny, variants["MFA key absent"]);
        Assert.Equal(Decision.Unknown, variants["MFA present"]);
        var text = PassRoleReportRenderer.ToText(report);
        output.WriteLine(text);
        Assert.Contains("MFA variants: MFA present: Unknown (ImplicitDeny by the policies that were read); MFA not present: ExplicitDeny; MFA key absent: ExplicitDeny", text, StringComparison.Ordinal);
    }

    // The circumstance classes follow the same rule: outside the corporate network the guardrail's deny was read and
    // stands; inside it, "Allowed" was computed without the user's unread inline policy, which could deny.
    [Fact]
    public async Task Investigate_NetworkGuardrailAndAnUnreadInlinePolicy_AllowedClassesAreUnknownDenyClassesStay()
    {
        using var copy = new TempFolder();
        var source = RequestCases.Snapshot("source-ip-guardrail");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            copy.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }

        EditDetails(copy, details => DanaOf(details)["UserPolicyList"] = new JsonArray(
            new JsonObject { ["PolicyName"] = "Broken", ["PolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = 5 } }));

        var report = await InvestigateAsync(copy.Path, PassRoleInvestigationRequest.ForRole("arn:aws:iam::111122223333:user/dana", "arn:aws:iam::111122223333:role/etl-runtime"));

        var circumstances = report.Circumstances!;
        Assert.False(circumstances.Space.IsEmpty);
        Assert.DoesNotContain(circumstances.Outcomes, o => o.Decision == Decision.Allowed);
        Assert.Contains(circumstances.Outcomes, o => o.Decision == Decision.ExplicitDeny);
        Assert.Contains(circumstances.Outcomes, o => o.Decision == Decision.Unknown);
        var text = PassRoleReportRenderer.ToText(report);
        output.WriteLine(text);
        Assert.Contains("Circumstances: ", text, StringComparison.Ordinal);
        Assert.Contains("Unknown otherwise (by the policies that were read: ", text, StringComparison.Ordinal);
        Assert.Contains("of user dana could not be read, and an identity-based policy can allow or deny it.", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(PassRoleReportRenderer.ToJson(report));
        Assert.DoesNotContain(json.RootElement.GetProperty("circumstances").GetProperty("outcomes").EnumerateArray(), o => o.GetProperty("decision").GetString() == "Allowed");
    }

    // IAM's GetAccountAuthorizationDetails lists each inline policy with its document; one that cannot be used (here over
    // the reader's size bound) says nothing about its neighbours.
    [Fact]
    public async Task Investigate_UserWithAnOversizedAndAValidInlinePolicy_ValidOneIsEvaluatedBrokenOneIsNamedUnread()
    {
        using var copy = TempFolder.CopyOfSample("field-note");
        var resources = new JsonArray([.. Enumerable.Range(0, 20_000).Select(i => JsonValue.Create($"arn:aws:s3:::oversized-bucket-{i:D5}/*"))]);
        EditDetails(copy, details => DanaOf(details)["UserPolicyList"] = new JsonArray(
            Inline("DenyPassEtlRuntime", new JsonObject { ["Sid"] = "NoEtlRuntime", ["Effect"] = "Deny", ["Action"] = "iam:PassRole", ["Resource"] = RoleArn }),
            Inline("Oversized", new JsonObject { ["Sid"] = "ManyBuckets", ["Effect"] = "Allow", ["Action"] = "s3:GetObject", ["Resource"] = resources })));
        Assert.True(new FileInfo(Path.Combine(copy.Path, AuthorizationDetails)).Length > PolicyDocument.MaxDocumentLength);

        var report = await InvestigateAsync(copy.Path, PassRoleInvestigationRequest.ForRole(Dana, RoleArn));

        // The oversized document is read statement by statement: its one statement (s3:GetObject) cannot be read, and it
        // cannot match iam:PassRole, so it is named as not counted rather than making the verdict unknown.
        Assert.DoesNotContain(report.Unread, g => g.Subject.Contains("user dana", StringComparison.Ordinal));
        var notCounted = Assert.Single(report.Checks.Single(c => c.Title == "Principal's policies").Details, d => d.StartsWith("Not counted: statement ManyBuckets of inline policy Oversized of user dana", StringComparison.Ordinal));
        Assert.Contains("over the bound", notCounted, StringComparison.Ordinal);
        Assert.Contains("and 19,995 more", notCounted, StringComparison.Ordinal);
        Assert.Equal(Decision.ExplicitDeny, report.Decision); // the deny that was read decides, whatever the unread policy says
        Assert.Contains(report.Evaluation!.DecidingStatements, s => s.Policy.Source.Name == "DenyPassEtlRuntime");
        Assert.Contains(report.Blockers, b => b.Kind == BlockerKind.ExplicitDeny && b.Policy == "DenyPassEtlRuntime");
        Assert.Contains(report.Checks.Single(c => c.Title == "Principal's policies").Details, d => d.StartsWith("DenyPassEtlRuntime", StringComparison.Ordinal));
        var text = PassRoleReportRenderer.ToText(report);
        output.WriteLine(text[..Math.Min(text.Length, 6000)]);
        Assert.DoesNotContain("inline policies of user dana", text, StringComparison.Ordinal);
    }

    // The port: GetInlinePoliciesAsync stays all or nothing (naming the policy), GetInlinePolicyReadsAsync tells them apart.
    [Fact]
    public async Task Snapshot_OneInlinePolicyWithoutADocument_UnreadOnItsOwnAllOrNothingAnswerNamesIt()
    {
        using var copy = TempFolder.CopyOfSample("field-note");
        EditDetails(copy, details => DanaOf(details)["UserPolicyList"] = new JsonArray(
            Inline("Valid", new JsonObject { ["Effect"] = "Allow", ["Action"] = "s3:GetObject", ["Resource"] = "*" }),
            new JsonObject { ["PolicyName"] = "NoDocument" },
            new JsonObject { ["PolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray() } }));
        var snapshot = AccountSnapshot.LoadFromDirectory(copy.Path);

        var reads = (await snapshot.GetInlinePolicyReadsAsync(IamEntityKind.User, "dana")).Value!;
        var all = await snapshot.GetInlinePoliciesAsync(IamEntityKind.User, "dana");

        Assert.Equal(["Valid"], reads.Read.Select(p => p.Name));
        Assert.Equal(["NoDocument", null], reads.Unread.Select(u => u.Name));
        Assert.Equal("$.UserDetailList[0].UserPolicyList[2]", reads.Unread[1].Error.JsonPath);
        Assert.Equal(SourceResultStatus.Unreadable, all.Status);
        Assert.StartsWith("Inline policy NoDocument: ", all.Error!.Message, StringComparison.Ordinal);
        var resolved = await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync(Dana);
        Assert.Equal(["an inline policy of user dana", "inline policy NoDocument of user dana"], resolved.Gaps.Select(g => g.Subject).Order(StringComparer.Ordinal));
        Assert.Contains(resolved.Policies.IdentityPolicies, p => p.Source.Name == "Valid");
    }

    private static JsonObject Inline(string name, JsonObject statement) => new()
    {
        ["PolicyName"] = name,
        ["PolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement) },
    };

    private static JsonObject DanaOf(JsonNode details) => details["UserDetailList"]!.AsArray().Single(u => (string?)u!["UserName"] == "dana")!.AsObject();

    private static JsonObject Group(JsonNode details, string name) => details["GroupDetailList"]!.AsArray().Single(g => (string?)g!["GroupName"] == name)!.AsObject();

    private static void Remove(JsonArray array, Func<JsonNode?, bool> match) => array.Remove(array.Single(match));

    private static void EditDetails(TempFolder copy, Action<JsonNode> edit)
    {
        var file = Path.Combine(copy.Path, AuthorizationDetails);
        var details = JsonNode.Parse(File.ReadAllText(file))!;
        edit(details);
        File.WriteAllText(file, details.ToJsonString());
    }

    private static async Task<PassRoleReport> InvestigateAsync(string folder, PassRoleInvestigationRequest request)
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(folder);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(request with { GlueJobName = "nightly-etl" });
    }
}
