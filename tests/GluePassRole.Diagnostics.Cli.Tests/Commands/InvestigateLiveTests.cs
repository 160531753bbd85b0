using System.Text.Json;
using GluePassRole.Diagnostics.Aws.Tests.Integration;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>The field note's account in moto, with an access key of dana's: the tool run live as dana.</summary>
public sealed class DanaMotoFixture : MotoFixtureBase
{
    private readonly string _snapshot = Path.Combine(Path.GetTempPath(), "passrole-cli-moto-" + Guid.NewGuid().ToString("N"));

    public string AccessKeyId { get; private set; } = string.Empty;

    public string SecretAccessKey { get; private set; } = string.Empty;

    protected override bool SharesEndpoint => false;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_snapshot))
        {
            Directory.Delete(_snapshot, recursive: true);
        }
    }

    protected override async Task BuildAsync(string endpoint)
    {
        var (code, _, error) = await RunAsync("bash", [Path.Combine(Scripts, "build-account.sh"), endpoint, _snapshot, Path.Combine(Scripts, "force-mfa.json")]);
        if (code != 0)
        {
            SkipReason = $"Building the account in moto failed (is the AWS CLI installed?): {error.Trim()}";
            return;
        }

        (code, var output, error) = await RunAsync("bash", ["-c",
            $"AWS_ACCESS_KEY_ID=AKIDMOTOFIELDNOTE AWS_SECRET_ACCESS_KEY=moto-secret AWS_DEFAULT_REGION=us-east-1 aws --endpoint-url {endpoint} iam create-access-key --user-name dana --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text"]);
        var keys = output.Split((char[])['\t', '\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (code != 0 || keys.Length < 2)
        {
            SkipReason = $"Creating dana's access key in moto failed: {error.Trim()}";
            return;
        }

        (AccessKeyId, SecretAccessKey) = (keys[0], keys[1]);
    }
}

/// <summary>
/// <c>investigate --live</c> against moto as dana: <c>--job</c> alone investigates the caller (sts:GetCallerIdentity), and an
/// error that holds only an encoded message is decoded live or, when that fails, the tool names the permission and the command.
/// </summary>
[Collection(CredentialEnvironment.Name)]
public sealed class InvestigateLiveTests(DanaMotoFixture moto) : IClassFixture<DanaMotoFixture>
{
    /// <summary>Runs the tool with dana's moto credentials in the environment (never the machine's own).</summary>
    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsDanaAsync(params string[] args) => AwsEnvironment.RunAsync(
        new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = moto.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = moto.SecretAccessKey,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ENDPOINT_URL"] = moto.Endpoint!, // set when the fixture did not skip
            ["AWS_MAX_ATTEMPTS"] = "1",
        },
        args);

    [SkippableFact]
    public async Task Investigate_LiveRuntimeErrorOfTheJobsRoleSession_EvaluatesTheRolesSessionAndFixesTheRole()
    {
        // Issue 20: the job's role session denied its script at run time, read live: the role's policies decide.
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        const string Error = "User: arn:aws:sts::123456789012:assumed-role/etl-runtime/GlueJobRunnerSession is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::scripts/etl.py because no identity-based policy allows the s3:GetObject action";

        var (exitCode, stdout, stderr) = await RunAsDanaAsync("investigate", "--live", "--error", Error, "--format", "json");

        Assert.True(exitCode is 0 or 3, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("s3:GetObject", json.RootElement.GetProperty("action").GetString());
        Assert.Equal("ImplicitDeny", json.RootElement.GetProperty("evaluation").GetProperty("decision").GetString());
        var fix = json.RootElement.GetProperty("fix");
        Assert.Equal("Role", fix.GetProperty("target").GetProperty("type").GetString());
        Assert.Equal("etl-runtime", fix.GetProperty("target").GetProperty("name").GetString());
        Assert.Contains("\"Resource\":\"arn:aws:s3:::scripts/etl.py\"", fix.GetProperty("command").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Investigate_LiveJobWithoutPrincipal_InvestigatesTheCallerFromGetCallerIdentity()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);

        var (exitCode, stdout, stderr) = await RunAsDanaAsync("investigate", "--live", "--job", "nightly-orders-etl", "--mfa", "true", "--format", "json");

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("arn:aws:iam::123456789012:user/dana", json.RootElement.GetProperty("principal").GetString());
        Assert.Equal("arn:aws:iam::123456789012:role/etl-runtime", json.RootElement.GetProperty("role").GetString());
        Assert.Equal("ImplicitDeny", json.RootElement.GetProperty("decision").GetString());
    }

    [SkippableFact]
    public async Task Investigate_LiveEncodedMessageOnlyDecodeFails_NamesThePermissionAndTheCommand()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        const string Error = "An error occurred (UnauthorizedOperation) when calling the CreateJob operation: You are not authorized to perform this operation. Encoded authorization failure message: AbCd-12_xyz";

        // moto does not serve sts:DecodeAuthorizationMessage: the live decode fails, as it does without the permission.
        var (exitCode, stdout, stderr) = await RunAsDanaAsync("investigate", "--live", "--error", Error);

        Assert.Equal(3, exitCode);
        Assert.StartsWith("The error holds only an encoded authorization message and decoding it live failed: ", stderr, StringComparison.Ordinal);
        Assert.Contains("Decoding needs sts:DecodeAuthorizationMessage", stderr, StringComparison.Ordinal);
        Assert.Contains("aws sts decode-authorization-message --encoded-message AbCd-12_xyz --query DecodedMessage --output text", stderr, StringComparison.Ordinal);
        Assert.Contains("EncodedAuthorizationMessage", stdout, StringComparison.Ordinal);
    }
}
