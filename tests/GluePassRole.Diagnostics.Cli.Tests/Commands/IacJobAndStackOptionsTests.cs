using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Issue 18, item 11 (the rest): <c>investigate</c> and <c>audit</c> take <c>--stack-name</c> with a <c>--template</c>
/// (the stack name in <c>AWS::StackName</c> and the names CloudFormation generates, as <c>check</c> does);
/// <c>--job</c> finds a crawler, interactive session or dev endpoint by name too, in templates
/// (<c>AWS::Glue::Crawler</c>, <c>AWS::Glue::DevEndpoint</c>) and snapshots (the output of <c>aws glue get-crawler</c>,
/// <c>get-session</c>, <c>get-dev-endpoint</c>); a report on IaC never suggests saving a job with <c>aws glue get-job</c>.
/// </summary>
public sealed class IacJobAndStackOptionsTests
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";

    /// <summary>A role with no RoleName (CloudFormation names it STACK-CrawlerRole-RANDOM), a crawler and a dev endpoint that use it.</summary>
    private const string Template = """
        Resources:
          UserDana:
            Type: AWS::IAM::User
            Properties:
              UserName: dana
          CrawlerRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: sts:AssumeRole}]}
          RawCrawler:
            Type: AWS::Glue::Crawler
            Properties:
              Name: raw-zone
              Role: !GetAtt CrawlerRole.Arn
              DatabaseName: raw
              Targets: {S3Targets: [{Path: s3://bucket/raw}]}
          Notebook:
            Type: AWS::Glue::DevEndpoint
            Properties:
              EndpointName: analysts-dev
              RoleArn: !GetAtt CrawlerRole.Arn
        """;

    [Fact]
    public async Task Investigate_StackName_NamesTheGeneratedRole()
    {
        using var folder = TempFolder.Create();
        var template = Write(folder, "crawler.yaml", Template);

        var (exit, stdout, stderr) = await CliRunner.RunAsync("investigate", "--template", template, "--stack-name", "prod-data", "--principal", Dana, "--role", "CrawlerRole");

        Assert.True(exit is 0 or 3, stderr);
        Assert.Contains("Role:      arn:aws:iam::123456789012:role/prod-data-CrawlerRole-GENERATED", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_StackName_NamesTheGeneratedRole()
    {
        using var folder = TempFolder.Create();

        // dana may pass the role, so the grant names it (the crawler and the endpoint that run as it keep it from being
        // reported dead, which named it before).
        var template = Write(folder, "crawler.yaml", Template + """

              DanaPass:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: pass-crawler-role
                  Users: [!Ref UserDana]
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: iam:PassRole
                        Resource: !GetAtt CrawlerRole.Arn
                        Condition: {StringEquals: {iam:PassedToService: glue.amazonaws.com}}
            """);

        var (exit, stdout, stderr) = await CliRunner.RunAsync("audit", "--template", template, "--stack-name", "prod-data", "--format", "json");

        Assert.True(exit is 0 or 3, stderr);
        Assert.Contains("role/prod-data-CrawlerRole-GENERATED", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("role/crawler-CrawlerRole-GENERATED", stdout, StringComparison.Ordinal);
    }

    /// <summary>Issue 18 item 12: with a parent and its nested stack's template, --stack-name names the parent's stack.</summary>
    [Fact]
    public async Task StackName_TemplateAndItsNestedStack_NamesTheParentsStack()
    {
        using var folder = TempFolder.Create();
        var child = Write(folder, "crawler.yaml", Template);
        var parent = Write(folder, "main.yaml", """
            Resources:
              Crawlers:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://templates.s3.amazonaws.com/v1/crawler.yaml
            """);

        var (exit, stdout, stderr) = await CliRunner.RunAsync("investigate", "--template", child, "--template", parent, "--stack-name", "prod", "--principal", Dana, "--role", "CrawlerRole");

        Assert.True(exit is 0 or 3, stderr);
        Assert.Contains("Role:      arn:aws:iam::123456789012:role/prod-Crawlers-GENERATED-CrawlerRole-GENERATED", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("investigate")]
    [InlineData("audit")]
    [InlineData("check")]
    public async Task StackName_WithoutOneTemplate_IsBadInput(string command)
    {
        using var folder = TempFolder.Create();
        var first = Write(folder, "a.yaml", Template);
        var second = Write(folder, "b.yaml", "Resources: {}\n");

        var (none, _, noneError) = await CliRunner.RunAsync(command, "--terraform-plan", Write(folder, "plan.json", "{}"), "--stack-name", "prod");
        // Two templates neither of which nests the other: known only once they are read (investigate then needs what to investigate).
        string[] asked = command == "investigate" ? ["--principal", Dana, "--role", "CrawlerRole"] : [];
        var (two, _, twoError) = await CliRunner.RunAsync([command, .. asked, "--template", first, "--template", second, "--stack-name", "prod"]);
        var (bad, _, badError) = await CliRunner.RunAsync(command, "--template", first, "--stack-name", "prod_data");

        Assert.Equal((2, 2, 2), (none, two, bad));
        Assert.Contains("--stack-name names the stack of a --template", noneError, StringComparison.Ordinal);
        Assert.Contains("2 of the 2 given with --template are not nested stacks of another", twoError, StringComparison.Ordinal);
        Assert.Contains("is not a stack name", badError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("raw-zone", "Glue crawler raw-zone")]
    [InlineData("RawCrawler", "Glue crawler raw-zone")]
    [InlineData("analysts-dev", "Glue dev endpoint analysts-dev")]
    public async Task Investigate_JobNamesACrawlerOrDevEndpointOfTheTemplate_ItsRoleIsInvestigated(string job, string found)
    {
        using var folder = TempFolder.Create();
        var template = Write(folder, "crawler.yaml", Template);

        var (exit, stdout, stderr) = await CliRunner.RunAsync("investigate", "--template", template, "--principal", Dana, "--job", job);

        Assert.True(exit is 0 or 3, stderr);
        Assert.Contains($"{found} runs as arn:aws:iam::123456789012:role/crawler-CrawlerRole-GENERATED", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", stdout, StringComparison.Ordinal);
    }

    /// <summary>The report's header names the kind --job found; the JSON keeps glueJob and adds glueResourceKind.</summary>
    [Theory]
    [InlineData("raw-zone", "Glue crawler:", "| Glue crawler | raw-zone |", "Crawler")]
    [InlineData("analysts-dev", "Glue dev endpoint:", "| Glue dev endpoint | analysts-dev |", "DevEndpoint")]
    public async Task Investigate_JobNamesACrawlerOrDevEndpoint_TheReportLabelNamesTheKind(string job, string label, string row, string kind)
    {
        using var folder = TempFolder.Create();
        var template = Write(folder, "crawler.yaml", Template);
        string[] args = ["investigate", "--template", template, "--principal", Dana, "--job", job];

        var (_, text, _) = await CliRunner.RunAsync([.. args]);
        var (_, markdown, _) = await CliRunner.RunAsync([.. args, "--format", "markdown"]);
        var (_, json, _) = await CliRunner.RunAsync([.. args, "--format", "json"]);

        Assert.Contains($"  {label} {job}\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain($"Glue job:  {job}", text, StringComparison.Ordinal);
        Assert.Contains(row, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain($"| Glue job | {job} |", markdown, StringComparison.Ordinal);
        using var report = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(job, report.RootElement.GetProperty("glueJob").GetString());
        Assert.Equal(kind, report.RootElement.GetProperty("glueResourceKind").GetString());
    }

    [Theory]
    [InlineData("glue-get-crawler-raw-zone.json", """{"Crawler": {"Name": "raw-zone", "Role": "etl-runtime", "DatabaseName": "raw", "State": "READY"}}""", "raw-zone", "Glue crawler raw-zone")]
    [InlineData("glue-get-session-s-1.json", """{"Session": {"Id": "s-1", "Role": "arn:aws:iam::123456789012:role/etl-runtime", "Status": "READY"}}""", "s-1", "Glue interactive session s-1")]
    [InlineData("glue-get-dev-endpoint-dev1.json", """{"DevEndpoint": {"EndpointName": "dev1", "RoleArn": "arn:aws:iam::123456789012:role/etl-runtime", "Status": "READY"}}""", "dev1", "Glue dev endpoint dev1")]
    public async Task Investigate_JobNamesACrawlerSessionOrDevEndpointOfTheSnapshot_ItsRoleIsInvestigated(string file, string json, string job, string found)
    {
        // The shapes of aws glue get-crawler, get-session and get-dev-endpoint (AWS Glue API Reference: GetCrawler,
        // GetSession, GetDevEndpoint; a dev endpoint's role is RoleArn).
        using var snapshot = TempFolder.CopyOf("field-note");
        await File.WriteAllTextAsync(snapshot.File(file), json);

        var (exit, stdout, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", snapshot.Path, "--principal", Dana, "--job", job);

        Assert.True(exit is 0 or 3, stderr);
        Assert.Contains($"{found} runs as arn:aws:iam::123456789012:role/etl-runtime", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_JobNoSourceDefines_SaysNoResourceOfThatNameExists_Kinds()
    {
        using var snapshot = TempFolder.CopyOf("field-note");

        var (_, stdout, _) = await CliRunner.RunAsync("investigate", "--snapshot", snapshot.Path, "--principal", Dana, "--job", "no-such-thing");

        // A snapshot holds only what was saved into it: not found there is unknown, with how to save it.
        Assert.Contains("Glue job no-such-thing could not be read", stdout, StringComparison.Ordinal);
        Assert.Contains("aws glue get-job --job-name no-such-thing", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_Iac_NeverSuggestsSavingAJobWithTheAwsCli()
    {
        using var folder = TempFolder.Create();
        var template = Write(folder, "crawler.yaml", Template);
        using var onSnapshot = TempFolder.CopyOf("field-note");

        var (_, noJob, _) = await CliRunner.RunAsync("investigate", "--template", template, "--principal", Dana, "--role", "CrawlerRole");
        var (_, missing, _) = await CliRunner.RunAsync("investigate", "--template", template, "--snapshot", onSnapshot.Path, "--principal", Dana, "--job", "no-such-job");
        var (_, markdown, _) = await CliRunner.RunAsync("investigate", "--template", template, "--principal", Dana, "--role", "CrawlerRole", "--format", "markdown");

        Assert.Contains("no Glue job was named, and the IaC defines none", noJob, StringComparison.Ordinal);
        Assert.Contains("Glue Job no-such-job is defined neither by the IaC nor in the snapshot", missing, StringComparison.Ordinal);
        foreach (var report in new[] { noJob, missing, markdown })
        {
            Assert.DoesNotContain("aws glue get-", report, StringComparison.Ordinal);
        }
    }

    private static string Write(TempFolder folder, string name, string text)
    {
        File.WriteAllText(folder.File(name), text);
        return folder.File(name);
    }
}
