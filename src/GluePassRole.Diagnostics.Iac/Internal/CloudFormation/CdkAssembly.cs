using System.Text.Json;
using GluePassRole.Diagnostics.Iac.Internal.Model;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Iac.Internal.CloudFormation;

/// <summary>
/// A CDK cloud assembly (<c>cdk.out</c>): <c>manifest.json</c> lists the stacks (artifacts of type
/// <c>aws:cloudformation:stack</c>) with their template file, stack name and environment. Each template is read as a
/// CloudFormation stack; nested stacks are reported as unknown by the template reader.
/// </summary>
internal static class CdkAssembly
{
    public static void Read(IacModel model, string directory, IacSourceOptions options, string region, TemplateParameters parameters, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The CDK output folder does not exist: {directory}");
        }

        var manifest = Path.Combine(directory, "manifest.json");
        if (!File.Exists(manifest))
        {
            throw new IacTemplateException("A CDK cloud assembly has a manifest.json (run cdk synth).", manifest, null, "$");
        }

        var stacks = 0;
        try
        {
            using var stream = File.OpenRead(manifest);
            using var json = JsonDocument.Parse(stream);
            if (!json.RootElement.TryGetProperty("artifacts", out var artifacts) || artifacts.ValueKind != JsonValueKind.Object)
            {
                throw new IacTemplateException("The manifest has no artifacts.", manifest, null, "$.artifacts");
            }

            foreach (var artifact in artifacts.EnumerateObject())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var value = artifact.Value;
                if (!value.TryGetProperty("type", out var type) || type.GetString() != "aws:cloudformation:stack")
                {
                    continue;
                }

                if (!value.TryGetProperty("properties", out var properties) || !properties.TryGetProperty("templateFile", out var templateFile))
                {
                    throw new IacTemplateException($"Stack artifact {artifact.Name} names no templateFile.", manifest, null, $"$.artifacts.{artifact.Name}.properties");
                }

                var stackName = properties.TryGetProperty("stackName", out var name) ? name.GetString()! : artifact.Name;
                var stackRegion = region;
                if (options.Region is null && value.TryGetProperty("environment", out var environment) && Environment(environment.GetString()) is { } envRegion)
                {
                    stackRegion = envRegion;
                }

                var stackParameters = properties.TryGetProperty("parameters", out var given) && given.ValueKind == JsonValueKind.Object
                    ? parameters.With(given.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.ToString())))
                    : parameters;

                IacLoader.ReadTemplate(model, Path.Combine(directory, templateFile.GetString()!), stackName, stackRegion, stackParameters, options.MaxTemplateBytes);
                stacks++;
            }
        }
        catch (JsonException e)
        {
            throw new IacTemplateException($"The file is {JsonErrors.Describe(e)}.", manifest, (int)(e.LineNumber ?? 0) + 1, e.Path, e);
        }

        if (stacks == 0)
        {
            throw new IacTemplateException("The manifest lists no CloudFormation stacks.", manifest, null, "$.artifacts");
        }

        model.Files.Add(manifest);
    }

    /// <summary>The Region of <c>aws://ACCOUNT/REGION</c>, unless environment-agnostic (<c>unknown-region</c>).</summary>
    private static string? Environment(string? environment)
    {
        var parts = environment?.Split('/');
        return parts is { Length: 4 } && parts[3] != "unknown-region" ? parts[3] : null;
    }
}
