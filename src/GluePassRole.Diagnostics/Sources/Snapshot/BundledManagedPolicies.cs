using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>
/// The library's copies of the AWS managed policies the investigation relies on (the <c>ManagedPolicies</c> folder,
/// embedded), for snapshots taken without AWS managed policies and for other account sources (e.g. infrastructure-as-code)
/// that name AWS managed policies by ARN. Each is one published version; AWS may publish newer ones.
/// </summary>
public static class BundledManagedPolicies
{
    private const string ResourcePrefix = "GluePassRole.Diagnostics.ManagedPolicies.";

    /// <summary>Policy name to ARN path: the runtime-role policies live under <c>service-role/</c>.</summary>
    private static readonly Dictionary<string, string> Paths = new(StringComparer.Ordinal)
    {
        ["AWSGlueConsoleFullAccess"] = "/",
        ["AWSGlueConsoleSageMakerNotebookFullAccess"] = "/",
        ["AwsGlueSessionUserRestrictedPolicy"] = "/",
        ["AwsGlueSessionUserRestrictedNotebookPolicy"] = "/",
        ["AdministratorAccess"] = "/",
        ["PowerUserAccess"] = "/",
        ["IAMReadOnlyAccess"] = "/",
        ["AWSGlueServiceRole"] = "/service-role/",
        ["AWSGlueServiceNotebookRole"] = "/service-role/",
        ["AwsGlueSessionUserRestrictedServiceRole"] = "/service-role/",
        ["AwsGlueSessionUserRestrictedNotebookServiceRole"] = "/service-role/",
    };

    private static readonly Lazy<Dictionary<string, ManagedPolicy>> Policies = new(Load);

    /// <summary>The ARNs of the bundled policies.</summary>
    public static IEnumerable<string> Arns => Policies.Value.Keys;

    /// <summary>Finds the bundled copy of an AWS managed policy (any partition) by ARN.</summary>
    /// <param name="arn">The policy ARN, e.g. <c>arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess</c>.</param>
    /// <param name="policy">The copy, marked <see cref="ManagedPolicy.IsBundledCopy"/>, with the ARN as given.</param>
    /// <returns>Whether the library bundles a copy of that policy.</returns>
    public static bool TryGet(string arn, [NotNullWhen(true)] out ManagedPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(arn);
        policy = null;
        var marker = arn.IndexOf(":iam::aws:policy/", StringComparison.Ordinal);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || marker < 0)
        {
            return false;
        }

        var key = "arn:aws" + arn[marker..];
        if (!Policies.Value.TryGetValue(key, out var found))
        {
            return false;
        }

        policy = found with { Arn = arn };
        return true;
    }

    private static Dictionary<string, ManagedPolicy> Load()
    {
        var assembly = typeof(BundledManagedPolicies).Assembly;
        var policies = new Dictionary<string, ManagedPolicy>(StringComparer.Ordinal);
        foreach (var (name, path) in Paths)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")
                ?? throw new InvalidOperationException($"The bundled managed policy {name} is missing from the assembly.");
            using var json = JsonDocument.Parse(stream);
            var version = json.RootElement.GetProperty("PolicyVersion");
            var document = PolicyDocument.Parse(JsonMarshal.GetRawUtf8Value(version.GetProperty("Document")));
            var arn = $"arn:aws:iam::aws:policy{path}{name}";
            policies[arn] = new ManagedPolicy(name, arn, document) { VersionId = version.GetProperty("VersionId").GetString(), IsBundledCopy = true };
        }

        return policies;
    }
}
