using Amazon.Runtime;
using Amazon.SecurityToken;
using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Aws.Simulation;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Faults;

/// <summary>What a read came back with, whatever the port's value type: enough to compare readers with one another.</summary>
internal sealed record ReadOutcome(SourceResultStatus Status, SourceError? Error)
{
    public static ReadOutcome Of<T>(SourceResult<T> result)
        where T : notnull => new(result.Status, result.Error);
}

/// <summary>
/// Each live reader with one read against a faulty server: its action, its protocol (error bodies differ), a body that
/// answers the read, and the code its service throttles with.
/// </summary>
internal sealed record FaultyReader(string Name, string Action, bool Json, string OkBody, string ThrottlingCode)
{
    public static readonly FaultyReader Iam = new(
        "IAM GetRole",
        "iam:GetRole",
        Json: false,
        $"<GetRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetRoleResult><Role><Path>/</Path><RoleName>etl-runtime</RoleName><Arn>arn:aws:iam::111122223333:role/etl-runtime</Arn><AssumeRolePolicyDocument>{Uri.EscapeDataString(Accounts.GlueTrust)}</AssumeRolePolicyDocument></Role></GetRoleResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetRoleResponse>",
        "Throttling");

    public static readonly FaultyReader Glue = new(
        "Glue GetJob", "glue:GetJob", Json: true, """{"Job":{"Name":"nightly","Role":"etl-runtime"}}""", "ThrottlingException");

    public static readonly FaultyReader Organizations = new(
        "Organizations", "organizations:ListParents", Json: true, """{"Parents":[],"Policies":[]}""", "TooManyRequestsException");

    public static readonly FaultyReader IdentityCenter = new(
        "Identity Center", "sso:ListInstances", Json: true, """{"Instances":[]}""", "ThrottlingException");

    public static readonly FaultyReader Simulator = new(
        "IAM simulator",
        "iam:SimulatePrincipalPolicy",
        Json: false,
        "<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><EvaluationResults/><IsTruncated>false</IsTruncated></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>",
        "Throttling");

    public static readonly FaultyReader Sts = new(
        "STS",
        "sts:GetCallerIdentity",
        Json: false,
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/dana</Arn><UserId>AIDA1</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>",
        "Throttling");

    public static IReadOnlyList<FaultyReader> All { get; } = [Iam, Glue, Organizations, IdentityCenter, Simulator, Sts];

    public static FaultyReader Named(string name) => All.Single(r => r.Name == name);

    /// <summary>An AWS error body in this reader's protocol.</summary>
    public string Error(string code, string message) => Json
        ? $"{{\"__type\":\"{code}\",\"Message\":\"{message}\"}}"
        : $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-{code}</RequestId></ErrorResponse>";

    public string ContentType => Json ? "application/x-amz-json-1.1" : "text/xml";

    /// <summary>Reads once through the live reader, against <paramref name="url"/>, with SDK retries and the per-call timeout.</summary>
    public async Task<ReadOutcome> ReadAsync(string url, TimeSpan callTimeout, int maxErrorRetry = 2, CancellationToken cancellationToken = default)
    {
        var options = new PassRoleDiagnosticsAwsOptions { CallTimeout = callTimeout, ReadAhead = false };
        var credentials = new BasicAWSCredentials(LoopbackAwsServer.AccessKey, LoopbackAwsServer.SecretKey);
        switch (Action)
        {
            case "iam:GetRole":
                using (var gate = Gate(() => new IamClient(credentials, new IamClientConfig { ServiceURL = url, MaxErrorRetry = maxErrorRetry }), options))
                {
                    return ReadOutcome.Of(await new LiveIamReader(gate, options, TimeProvider.System, NullLogger<LiveIamReader>.Instance).GetRoleAsync("etl-runtime", cancellationToken));
                }

            case "glue:GetJob":
                using (var gate = Gate(() => new GlueClient(credentials, new GlueClientConfig { ServiceURL = url, AuthenticationRegion = "eu-west-1", MaxErrorRetry = maxErrorRetry }), options))
                {
                    return ReadOutcome.Of(await new LiveGlueReader(gate, NullLogger<LiveGlueReader>.Instance).GetResourceAsync(GlueResourceKind.Job, "nightly", cancellationToken));
                }

            case "organizations:ListParents":
                using (var gate = Gate(() => new OrganizationsClient(credentials, new OrganizationsClientConfig { ServiceURL = url, MaxErrorRetry = maxErrorRetry }), options))
                {
                    return ReadOutcome.Of(await new LiveOrganizationsReader(gate, NullLogger<LiveOrganizationsReader>.Instance).GetServiceControlPoliciesAsync("111122223333", cancellationToken));
                }

            case "sso:ListInstances":
                using (var gate = Gate(() => new SsoAdminClient(credentials, new SsoAdminClientConfig { ServiceURL = url, MaxErrorRetry = maxErrorRetry }), options))
                {
                    return ReadOutcome.Of(await new LiveIdentityCenterReader(gate, NullLogger<LiveIdentityCenterReader>.Instance).FindPermissionSetAsync("DataEngineer", "ap-northeast-1", cancellationToken));
                }

            case "iam:SimulatePrincipalPolicy":
                using (var gate = Gate(() => new IamClient(credentials, new IamClientConfig { ServiceURL = url, MaxErrorRetry = maxErrorRetry }), options))
                {
                    var request = new PolicySimulationRequest("arn:aws:iam::111122223333:user/dana", ["iam:PassRole"]);
                    return ReadOutcome.Of(await new IamPolicySimulator(gate, NullLogger<IamPolicySimulator>.Instance).SimulatePrincipalPolicyAsync(request, cancellationToken));
                }

            default:
                using (var sts = new AmazonSecurityTokenServiceClient(credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = url, MaxErrorRetry = maxErrorRetry }))
                {
                    var source = new StsIdentitySource(new Lazy<IAmazonSecurityTokenService>(() => sts), options, TimeProvider.System, NullLogger<StsIdentitySource>.Instance);
                    return ReadOutcome.Of(await source.GetCallerIdentityAsync(cancellationToken));
                }
        }
    }

    public override string ToString() => Name;

    private static AwsCallGate<TClient> Gate<TClient>(Func<TClient> create, PassRoleDiagnosticsAwsOptions options)
        where TClient : LiteServiceClient, ILiteClient =>
        new(create, options, TimeProvider.System, NullLogger.Instance);
}
