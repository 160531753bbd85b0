using BenchmarkDotNet.Attributes;
using GluePassRole.Diagnostics.Policies.Actions;
using GluePassRole.Diagnostics.Policies.Actions.Internal;

namespace GluePassRole.Diagnostics.Benchmarks.Actions;

/// <summary>
/// The embedded Service Authorization Reference: the cost of the one-time load (decompress and parse the resource,
/// build the lookups) and of the lookups once loaded. The load is what a process pays on its first call; the
/// <c>--actions-first-load</c> probe measures that call in a fresh process, JIT included.
/// </summary>
[MemoryDiagnoser]
public class ServiceAuthorizationReferenceBenchmarks
{
    // Inputs in fields, so nothing is folded into a constant.
    private readonly System.Reflection.Assembly _assembly = typeof(ServiceAuthorizationReference).Assembly;
    private readonly string _action = "glue:CreateJob";
    private readonly string _passRole = "iam:PassRole";
    private readonly string _taggedKey = "aws:RequestTag/Owner";
    private readonly string _passedToService = "iam:PassedToService";
    private readonly string _pattern = "glue:Create*";

    /// <summary>Decompress the resource and read its header (services, keys): what the first call pays, minus JIT and the one service it parses.</summary>
    [Benchmark]
    public object Load() => ReferenceDataReader.LoadEmbedded(_assembly);

    /// <summary>Load and parse every service: what a first <c>MatchActions("*")</c> pays, minus JIT.</summary>
    [Benchmark]
    public int LoadAllServices() => ReferenceDataReader.LoadEmbedded(_assembly).AllActions.Count;

    /// <summary>One action lookup, case-insensitive, once loaded.</summary>
    [Benchmark]
    public bool TryGetAction() => ServiceAuthorizationReference.TryGetAction(_action, out _);

    /// <summary>A templated global key (aws:RequestTag/${TagKey}) checked against every service's keys.</summary>
    [Benchmark]
    public bool IsKnownConditionKey() => ServiceAuthorizationReference.IsKnownConditionKey(_taggedKey);

    /// <summary>The PassRole check a policy validator makes per condition key.</summary>
    [Benchmark]
    public bool SupportsConditionKey() =>
        ServiceAuthorizationReference.TryGetAction(_passRole, out var info) && info.SupportsConditionKey(_passedToService);

    /// <summary>Expanding an Action pattern limited to one service.</summary>
    [Benchmark]
    public int MatchActions() => ServiceAuthorizationReference.MatchActions(_pattern).Count;
}
