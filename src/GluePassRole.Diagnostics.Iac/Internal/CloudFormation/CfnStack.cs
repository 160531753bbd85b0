using GluePassRole.Diagnostics.Iac.Internal.Documents;

namespace GluePassRole.Diagnostics.Iac.Internal.CloudFormation;

/// <summary>The sections of one template, and the stack it is deployed as.</summary>
internal sealed class CfnStack
{
    public required string Name { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public required string Partition { get; init; }

    public Dictionary<string, DocMapping> Parameters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DocMapping> Mappings { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DocNode> Conditions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DocMapping> Resources { get; } = new(StringComparer.Ordinal);

    public static CfnStack From(DocNode root, string file, string name, string accountId, string region, string partition)
    {
        if (root is not DocMapping template)
        {
            throw new IacTemplateException("A template is a map with a Resources section.", file, root.Line, "$");
        }

        if (template["Resources"] is not DocMapping resources)
        {
            throw new IacTemplateException("The template has no Resources map.", file, template.Line, "$.Resources");
        }

        var stack = new CfnStack { Name = name, AccountId = accountId, Region = region, Partition = partition };
        Fill(stack.Parameters, template["Parameters"], file, "Parameters");
        Fill(stack.Mappings, template["Mappings"], file, "Mappings");
        Fill(stack.Resources, resources, file, "Resources");
        if (template["Conditions"] is DocMapping conditions)
        {
            foreach (var (key, value) in conditions.Entries)
            {
                stack.Conditions[key] = value;
            }
        }

        foreach (var (id, resource) in stack.Resources)
        {
            if (resource["Type"] is not DocScalar)
            {
                throw new IacTemplateException($"Resource {id} has no Type.", file, resource.Line, $"$.Resources.{id}.Type");
            }
        }

        return stack;
    }

    private static void Fill(Dictionary<string, DocMapping> into, DocNode? section, string file, string name)
    {
        if (section is null)
        {
            return;
        }

        if (section is not DocMapping map)
        {
            throw new IacTemplateException($"The {name} section must be a map.", file, section.Line, $"$.{name}");
        }

        foreach (var (key, value) in map.Entries)
        {
            into[key] = value as DocMapping ?? throw new IacTemplateException($"{name} entry {key} must be a map.", file, value.Line, $"$.{name}.{key}");
        }
    }
}
