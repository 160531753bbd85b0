using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Simulation;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal;

// moto does not implement SimulatePrincipalPolicy, so it is tested against canned responses shaped like the IAM API
// Reference's (EvaluationResults, MatchedStatements, MissingContextValues, IsTruncated/Marker).
public sealed class IamPolicySimulatorTests
{
    private static readonly PolicySimulationRequest PassRole = new("arn:aws:iam::111122223333:user/dana", ["iam:PassRole"])
    {
        ResourceArns = ["arn:aws:iam::111122223333:role/etl-runtime"],
        ContextEntries = [SimulationContextEntry.OfString("iam:PassedToService", "glue.amazonaws.com"), SimulationContextEntry.OfBoolean("aws:MultiFactorAuthPresent", true)],
        PolicyInputList = ["""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/etl-runtime"}]}"""],
    };

    private static LoopbackResponse Simulated(LoopbackRequest request) => FakeIamAccount.Ok("SimulatePrincipalPolicy", request.Parameters.ContainsKey("Marker")
        ? """
          <EvaluationResults><member><EvalActionName>iam:PassRole</EvalActionName><EvalResourceName>arn:aws:iam::111122223333:role/other</EvalResourceName>
          <EvalDecision>implicitDeny</EvalDecision><MatchedStatements/><MissingContextValues><member>aws:SourceIp</member></MissingContextValues></member></EvaluationResults>
          <IsTruncated>false</IsTruncated>
          """
        : """
          <EvaluationResults><member><EvalActionName>iam:PassRole</EvalActionName><EvalResourceName>arn:aws:iam::111122223333:role/etl-runtime</EvalResourceName>
          <EvalDecision>allowed</EvalDecision>
          <MatchedStatements><member><SourcePolicyId>PolicyInputList.1</SourcePolicyId><SourcePolicyType>none</SourcePolicyType>
          <StartPosition><Line>1</Line><Column>38</Column></StartPosition><EndPosition><Line>1</Line><Column>140</Column></EndPosition></member></MatchedStatements>
          <MissingContextValues/><OrganizationsDecisionDetail><AllowedByOrganizations>true</AllowedByOrganizations></OrganizationsDecisionDetail></member></EvaluationResults>
          <IsTruncated>true</IsTruncated><Marker>m2</Marker>
          """);

    [Fact]
    public async Task SimulatePrincipalPolicyAsync_TwoPages_ReturnsEveryEvaluation()
    {
        using var server = new LoopbackAwsServer(Simulated);
        var simulator = new IamPolicySimulator(server.IamGate(), NullLogger<IamPolicySimulator>.Instance);

        var result = await simulator.SimulatePrincipalPolicyAsync(PassRole);

        Assert.True(result.IsFound, result.ToString());
        var (first, second) = (result.Value!.Evaluations[0], result.Value.Evaluations[1]);
        Assert.Equal(SimulatorDecision.Allowed, first.Decision);
        var statement = Assert.Single(first.MatchedStatements);
        Assert.Equal(("PolicyInputList.1", 1, 38, 140), (statement.SourcePolicyId, statement.StartLine, statement.StartColumn, statement.EndColumn));
        Assert.True(first.AllowedByOrganizations);
        Assert.Equal(SimulatorDecision.ImplicitDeny, second.Decision);
        Assert.Equal(["aws:SourceIp"], second.MissingContextValues);
    }

    [Fact]
    public async Task SimulatePrincipalPolicyAsync_Request_SendsQueryParametersAsIamExpects()
    {
        using var server = new LoopbackAwsServer(Simulated);

        await new IamPolicySimulator(server.IamGate(), NullLogger<IamPolicySimulator>.Instance).SimulatePrincipalPolicyAsync(PassRole);

        var p = server.Requests[0].Parameters;
        Assert.Equal("arn:aws:iam::111122223333:user/dana", p["PolicySourceArn"]);
        Assert.Equal("iam:PassRole", p["ActionNames.member.1"]);
        Assert.Equal("arn:aws:iam::111122223333:role/etl-runtime", p["ResourceArns.member.1"]);
        Assert.Equal("iam:PassedToService", p["ContextEntries.member.1.ContextKeyName"]);
        Assert.Equal("string", p["ContextEntries.member.1.ContextKeyType"]);
        Assert.Equal("glue.amazonaws.com", p["ContextEntries.member.1.ContextKeyValues.member.1"]);
        Assert.Equal("boolean", p["ContextEntries.member.2.ContextKeyType"]);
        Assert.Equal("true", p["ContextEntries.member.2.ContextKeyValues.member.1"]);
        Assert.Equal(PassRole.PolicyInputList[0], p["PolicyInputList.member.1"]);
        Assert.Equal("m2", server.Requests[1].Parameters["Marker"]);
        Assert.All(server.Requests, r => Assert.True(r.SignatureValid, r.SignatureProblem));
    }

    [Fact]
    public async Task SimulatePrincipalPolicyAsync_Denied_ReturnsUnreadableNamingPermission()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.IamError(403, "AccessDenied", "not authorized to perform: iam:SimulatePrincipalPolicy"));

        var result = await new IamPolicySimulator(server.IamGate(), NullLogger<IamPolicySimulator>.Instance).SimulatePrincipalPolicyAsync(PassRole);

        Assert.Equal(SourceResultStatus.Unreadable, result.Status);
        Assert.Equal("iam:SimulatePrincipalPolicy", result.Error!.MissingPermission);
    }
}
