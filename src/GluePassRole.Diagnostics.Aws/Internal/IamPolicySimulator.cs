using System.Xml.Linq;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Aws.Simulation;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary><c>iam:SimulatePrincipalPolicy</c>, all pages.</summary>
internal sealed class IamPolicySimulator(AwsCallGate<IamClient> gate, ILogger<IamPolicySimulator> logger) : IIamPolicySimulator
{
    private const string Permission = "iam:SimulatePrincipalPolicy";

    public async ValueTask<SourceResult<PolicySimulationResult>> SimulatePrincipalPolicyAsync(PolicySimulationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.PolicySourceArn);
        if (request.ActionNames.Count == 0)
        {
            throw new ArgumentException("At least one action name is needed.", nameof(request));
        }

        var subject = $"the simulation of {string.Join(", ", request.ActionNames)} for {request.PolicySourceArn}";
        return await AwsRead.GuardAsync(Permission, subject, async () =>
        {
            var evaluations = new List<SimulatedEvaluation>();
            string? marker = null;
            do
            {
                var query = Build(request).With("Marker", marker);
                var page = await gate.RunAsync(query.Action, (client, ct) => client.CallAsync(query, ct), r => r.Result, cancellationToken).ConfigureAwait(false);
                evaluations.AddRange(page.Members("EvaluationResults").Select(Read));
                marker = page.Flag("IsTruncated") ? page.Required("Marker") : null;
            }
            while (marker is not null);

            return SourceResult.Found(new PolicySimulationResult(evaluations));
        }, logger).ConfigureAwait(false);
    }

    internal static QueryRequest Build(PolicySimulationRequest request)
    {
        var query = new QueryRequest("SimulatePrincipalPolicy")
            .With("PolicySourceArn", request.PolicySourceArn)
            .WithList("ActionNames", request.ActionNames)
            .WithList("ResourceArns", request.ResourceArns)
            .WithList("PolicyInputList", request.PolicyInputList)
            .WithList("PermissionsBoundaryPolicyInputList", request.PermissionsBoundaryPolicyInputList);
        for (var i = 0; i < request.ContextEntries.Count; i++)
        {
            var entry = request.ContextEntries[i];
            var prefix = $"ContextEntries.member.{i + 1}";
            query.With(prefix + ".ContextKeyName", entry.Key)
                .With(prefix + ".ContextKeyType", TypeName(entry.Type))
                .WithList(prefix + ".ContextKeyValues", entry.Values);
        }

        return query;
    }

    private static string TypeName(SimulationContextKeyType type)
    {
        var name = type.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static SimulatedEvaluation Read(XElement result) => new(
        result.Required("EvalActionName"),
        result.Text("EvalResourceName") ?? "*",
        result.Required("EvalDecision") switch
        {
            "allowed" => SimulatorDecision.Allowed,
            "explicitDeny" => SimulatorDecision.ExplicitDeny,
            "implicitDeny" => SimulatorDecision.ImplicitDeny,
            var other => throw new MalformedResponseException($"Unknown simulator decision '{other}'."),
        })
    {
        MatchedStatements = [.. result.Members("MatchedStatements").Select(statement => new SimulatedStatement(
            statement.Text("SourcePolicyId") ?? string.Empty, statement.Text("SourcePolicyType") ?? "none")
        {
            StartLine = statement.Child("StartPosition")?.Number("Line"),
            StartColumn = statement.Child("StartPosition")?.Number("Column"),
            EndLine = statement.Child("EndPosition")?.Number("Line"),
            EndColumn = statement.Child("EndPosition")?.Number("Column"),
        })],
        MissingContextValues = [.. result.Members("MissingContextValues").Select(value => value.Value)],
        AllowedByOrganizations = result.Child("OrganizationsDecisionDetail") is { } org ? org.Flag("AllowedByOrganizations") : null,
        AllowedByPermissionsBoundary = result.Child("PermissionsBoundaryDecisionDetail") is { } pb ? pb.Flag("AllowedByPermissionsBoundary") : null,
    };
}
