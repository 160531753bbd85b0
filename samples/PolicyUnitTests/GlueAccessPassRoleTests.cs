using GluePassRole.Diagnostics.Iac;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using Xunit.Abstractions;

namespace PolicyUnitTests;

/// <summary>
/// "Members of group GlueAccess can pass only these roles to AWS Glue" — asserted offline, in CI, against the
/// CloudFormation template the platform repository deploys (infra/glue-access.yaml). If someone widens or narrows the
/// group's permissions, a test fails in the pull request instead of a Glue job failing to save with
/// <c>iam:PassRole</c> AccessDenied in production. The failure message explains the decision and carries the fix.
/// </summary>
public sealed class GlueAccessPassRoleTests(ITestOutputHelper output)
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";

    // The account the template would create (account 123456789012, us-east-1 unless told otherwise). Read once.
    private static readonly IacAccount Infra = IacAccount.FromTemplate(Path.Combine(AppContext.BaseDirectory, "infra", "glue-access.yaml"));

    // The roles the group is meant to pass to Glue: by logical ID, by name, or by an ARN the policy's pattern covers.
    [Theory]
    [InlineData("EtlRuntimeRole")]                                            // the template's role, by logical ID
    [InlineData("reporting-daily")]                                           // named from a parameter, path /glue/
    [InlineData("arn:aws:iam::123456789012:role/glue/reporting-weekly")]      // glue/reporting-*
    [InlineData("arn:aws:iam::123456789012:role/AWSGlueServiceRole-crawler")] // AWSGlueConsoleFullAccess, role/AWSGlueServiceRole*
    public async Task GlueAccess_IntendedRole_CanPassToGlue(string role)
    {
        // One line: throws PassRoleAssertionException with the explanation when the group cannot pass the role.
        (await IacPassRole.CheckGroupAsync(Infra, "GlueAccess", role)).ThrowIfNotAllowed();
    }

    // Everything else must stay denied: ImplicitDeny (no allow), not ExplicitDeny (nothing here denies on purpose).
    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/admin")]                 // a powerful role: the reason PassRole exists
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime-old")]       // an exact ARN is not a prefix
    [InlineData("arn:aws:iam::123456789012:role/reporting-daily")]       // glue/reporting-* needs the glue/ path
    public async Task GlueAccess_OtherRole_CannotPass(string role)
    {
        var verdict = (await IacPassRole.CheckGroupAsync(Infra, "GlueAccess", role)).ThrowIfNotDenied();

        Assert.Equal(Decision.ImplicitDeny, verdict.Decision);
    }

    [Fact]
    public async Task GlueAccess_RuntimeRoleToEc2_CannotPass()
    {
        // The same role handed to another service: the iam:PassedToService condition keeps it to Glue.
        var verdict = await IacPassRole.CheckGroupAsync(Infra, "GlueAccess", "etl-runtime", "ec2.amazonaws.com");

        Assert.Equal(Decision.ImplicitDeny, verdict.Decision);
        var miss = Assert.Single(verdict.Evaluation!.Misses, m => m.StatementLabel == "AllowPassGlueRuntimeRolesToGlue");
        Assert.Equal(StatementElement.Condition, miss.FailedElement);
    }

    [Fact]
    public async Task Denied_FailureMessageExplainsLayerNearMissOriginAndFix()
    {
        var verdict = await IacPassRole.CheckAsync(Infra, Dana, "arn:aws:iam::123456789012:role/admin");
        var failure = Assert.Throws<PassRoleAssertionException>(() => verdict.ThrowIfNotAllowed());
        output.WriteLine(failure.Message);

        // The layer that lacked an allow, the near misses (AWSGlueConsoleFullAccess's AWSGlueServiceRole* pattern),
        // where our own policy is defined in the template, and the least-privilege statement that would allow it, written
        // as the change to make in the template (YAML here, as the template is).
        Assert.Equal(PolicyType.IdentityBased, verdict.Evaluation!.LayerLackingAllow?.PolicyType);
        Assert.Contains("arn:aws:iam::*:role/AWSGlueServiceRole*", failure.Message, StringComparison.Ordinal);
        Assert.Contains("glue-access.yaml:56 (GlueAccess.Policies[0])", failure.Message, StringComparison.Ordinal);
        Assert.Contains("iam:PassedToService: glue.amazonaws.com", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_RoleTrustsGlueAndItsEditorsCanPassIt()
    {
        var job = (await Infra.GetResourceAsync(GlueResourceKind.Job, "nightly-etl")).Value!;

        var check = await IacCheck.RunAsync(Infra, principals: [Dana], groups: ["GlueAccess"]);

        Assert.Equal("arn:aws:iam::123456789012:role/etl-runtime", job.Role);
        Assert.False(check.HasErrors, string.Join(Environment.NewLine, check.Findings));
        Assert.DoesNotContain(check.Findings, f => f.Severity == IacCheckSeverity.Warning);
    }

    [Fact]
    public async Task OwnPolicy_HasNoBroadPassRoleGrant()
    {
        // A guard for reviews: no statement of our own policy may pass any role, or pass roles to any service.
        var own = (await Infra.GetInlinePoliciesAsync(IamEntityKind.Group, "GlueAccess")).Value!;

        Assert.All(own, policy => Assert.Empty(PassRoleAllowAnalysis.FindBroadAllows(policy.Document)));
    }

    [Fact]
    public async Task TerraformPlan_GlueDevelopersCanPassTheModuleRoleAnalystsCannot()
    {
        // The same questions on a Terraform plan (terraform show -json), with the role and job in a module.
        var plan = IacAccount.FromTerraformPlan(Path.Combine(AppContext.BaseDirectory, "infra", "plan.json"));

        (await IacPassRole.CheckGroupAsync(plan, "GlueDevelopers", "etl-runtime")).ThrowIfNotAllowed();
        (await IacPassRole.CheckGroupAsync(plan, "analysts", "etl-runtime")).ThrowIfNotDenied();
    }
}
