using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;
using Snapshooter;
using Snapshooter.Xunit;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Issue 18, "Done when": the corpus of real public templates (tests/Shared/RealTemplates, each directory one deployment
/// with its source.json) and the approved text of <c>check</c>, <c>audit</c> and, where a job and a role exist,
/// <c>investigate</c> on each (__snapshots__/). Each approved output was read against the template and AWS's rules before
/// it was approved; a change to any of them is a reviewed diff. Text only: the JSON and SARIF shapes have their own tests.
/// Paths in the output are the repository's, written <c>&lt;repo&gt;</c>.
/// </summary>
public sealed partial class RealTemplateCorpusTests
{
    private const string Account = "arn:aws:iam::123456789012:";

    /// <summary>Licences that allow the templates to be kept and redistributed in this repository.</summary>
    private static readonly string[] RedistributableLicences = ["MIT-0", "MIT", "Apache-2.0"];

    private static string CorpusRoot => Path.Combine(SampleAccounts.RepositoryRoot, "tests", "Shared", "RealTemplates");

    public static TheoryData<string> Entries => [.. EntryNames()];

    /// <summary>
    /// The investigations: a principal the deployment defines (its ARN, stand-in names as the tool evaluates them) and the
    /// job or role it would pass. Entries with no job, or no principal worth asking about, are not investigated.
    /// </summary>
    public static TheoryData<string, string[]> Investigations => new()
    {
        // The Step Functions "Glue runner" Lambda role has glue:* but no iam:PassRole: it may start the job (StartJobRun
        // takes no role) but could not create or update it with the job's role.
        { "etl-orchestrator-glue-resources", ["--principal", Account + "role/gluerunner-lambda-GlueRunnerLambdaExecutionRole-GENERATED", "--job", "ProcessSalesData"] },
        // The Step Functions role may pass any role (arn:aws:iam::*:role/*, no iam:PassedToService) to Glue.
        { "glue-data-quality-notification", ["--principal", Account + "role/GlueDataQualityStepsfunctionBlogRole-UNKNOWN", "--role", "GlueDataQualityBlogRole"] },
        // The Glue job role passes itself, named exactly in its own PassRole statement.
        { "glue6-rtm-iceberg-v3-pipeline", ["--principal", Account + "role/GlueRole-123456789012-glue6b1", "--job", "ProducerJob"] },
        // The RStudio EC2 role holds AmazonSageMakerFullAccess, whose PassRole covers only roles named *AmazonSageMaker*.
        { "tcga-glue-athena", ["--principal", Account + "role/TCGA-Stack-RStudioRole-GENERATED", "--job", "tcga-expression"] },
        // An administrator-like inline policy ("*" on "*") on the job role itself.
        { "glue-tagger-test-stack", ["--principal", Account + "role/test-stack-MyJobRole-GENERATED", "--job", "cf-job1"] },
        { "connect-datawrangler-crawlers", ["--principal", Account + "role/connect-database-crawler-cftemplate-CFNRoleConnect-GENERATED", "--job", "CFN-Aggregate-Customer-Sentiments"] },
        // AWSGlueConsoleFullAccess lets its holder pass roles named AWSGlueServiceRole* to Glue, not this generated name.
        // glue.yaml is main.yaml's nested stack Glue (its TemplateURL's file name), so the stack is main-Glue-<random>.
        { "glue-s2s-vpn", ["--principal", Account + "role/main-Glue-GENERATED-glueDemoRole-GENERATED", "--role", "glueDemoRole"] },
        // The CodePipeline deployment role may pass roles named glue-codepipeline-app-GlueJobRole-*, the name the job
        // role gets in the stack the pipeline deploys (glue-codepipeline-app); read without a stack name, the deployed
        // template's stack is named after its file ("template"), so the pattern does not match and the verdict is a deny.
        { "glue-jobs-unit-testing", ["--principal", Account + "role/pipeline-CloudformationRole-GENERATED", "--job", "samplejob"] },
        // The Lake Formation registration role has no iam:PassRole; the job role has the path /service-role/.
        { "lakeformation-encrypted-datalake", ["--principal", Account + "role/lake-formation-demo-role", "--job", "lake-formation-demo-glue-job"] },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void Corpus_EveryEntry_NamesItsSourceCommitAndARedistributableLicence(string entry)
    {
        var folder = Path.Combine(CorpusRoot, entry);
        using var source = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "source.json")));

        var templates = source.RootElement.GetProperty("templates").EnumerateArray().ToList();

        Assert.NotEmpty(templates);
        Assert.Equal(Templates(entry).Order(StringComparer.Ordinal), templates.Select(t => Path.Combine(folder, t.GetProperty("file").GetString()!)).Order(StringComparer.Ordinal));
        foreach (var template in templates)
        {
            Assert.Matches("^[0-9a-f]{40}$", template.GetProperty("commit").GetString());
            Assert.Contains("/", template.GetProperty("repository").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(template.GetProperty("path").GetString()));
            Assert.Contains(template.GetProperty("licence").GetString(), RedistributableLicences);
            Assert.False(string.IsNullOrWhiteSpace(template.GetProperty("licenceEvidence").GetString()));
        }

        var notices = File.ReadAllText(Path.Combine(SampleAccounts.RepositoryRoot, "THIRD-PARTY-NOTICES.md"));
        Assert.All(templates, t => Assert.Contains(t.GetProperty("repository").GetString()!, notices, StringComparison.Ordinal));
    }

    [Fact]
    public void Corpus_HasAtLeastTwentyTemplates()
    {
        Assert.True(Directory.GetDirectories(CorpusRoot).Sum(d => Templates(Path.GetFileName(d)).Count) >= 20);
    }

    /// <summary>
    /// Snapshooter approves a snapshot it cannot find by writing it: the committed ones must be where it looks (next to
    /// this file), or these tests would pass whatever the commands say.
    /// </summary>
    [Fact]
    public void ApprovedSnapshots_EveryEntryAndCommand_AreCommittedWhereSnapshooterLooks()
    {
        var folder = Path.Combine(Path.GetDirectoryName(SourcePath())!, "__snapshots__");
        var expected = EntryNames()
            .SelectMany(e => new[] { $"Check_EveryEntry_MatchesTheApprovedText_{e}", $"Audit_EveryEntry_MatchesTheApprovedText_{e}" })
            .Concat(((IEnumerable<object[]>)Investigations).Select(i => $"Investigate_EntryWithJobAndRole_MatchesTheApprovedText_{i[0]}"));

        Assert.All(expected, name => Assert.True(File.Exists(Path.Combine(folder, $"{nameof(RealTemplateCorpusTests)}.{name}.snap")), $"{name} is missing"));
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task Check_EveryEntry_MatchesTheApprovedText(string entry)
    {
        var output = await RunAsync(entry, ["check"]);

        Snapshot.Match(output, SnapshotNameExtension.Create(entry));
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task Audit_EveryEntry_MatchesTheApprovedText(string entry)
    {
        var output = await RunAsync(entry, ["audit"]);

        Snapshot.Match(output, SnapshotNameExtension.Create(entry));
    }

    [Theory]
    [MemberData(nameof(Investigations))]
    public async Task Investigate_EntryWithJobAndRole_MatchesTheApprovedText(string entry, string[] arguments)
    {
        var output = await RunAsync(entry, ["investigate", .. arguments]);

        Snapshot.Match(output, SnapshotNameExtension.Create(entry));
    }

    /// <summary>Runs the command on every template of the entry and returns its exit code and both streams, paths made stable.</summary>
    private static async Task<string> RunAsync(string entry, string[] command)
    {
        string[] args = [.. command, .. Templates(entry).SelectMany(t => new[] { "--template", t })];
        var (exitCode, stdout, stderr) = await CliRunner.RunAsync(args);

        return $"exit {exitCode}\n--- stdout\n{Stable(stdout)}--- stderr\n{Stable(stderr)}";
    }

    private static IEnumerable<string> EntryNames() => Directory.GetDirectories(CorpusRoot).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal);

    private static List<string> Templates(string entry) =>
    [
        .. Directory.EnumerateFiles(Path.Combine(CorpusRoot, entry), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "source.json")
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The repository's path as &lt;repo&gt;, and the time of the request (aws:CurrentTime, aws:EpochTime) as &lt;now&gt;.</summary>
    private static string Stable(string text) =>
        Now().Replace(text.Replace(SampleAccounts.RepositoryRoot, "<repo>", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal), "$1=<now>");

    [System.Text.RegularExpressions.GeneratedRegex(@"(aws:CurrentTime|aws:EpochTime)=[0-9T:Z-]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Now();

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
