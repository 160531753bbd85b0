using System.CommandLine;
using System.Text.RegularExpressions;
using GluePassRole.Diagnostics.Iac;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>The infrastructure-as-code source options, shared by every command that reads an account from IaC.</summary>
internal sealed partial class IacArguments
{
    public Option<FileInfo[]> Templates { get; } = new("--template") { Description = "A CloudFormation template, JSON or YAML (repeatable): the account it would create, alone or on top of --snapshot." };

    public Option<DirectoryInfo?> CdkOut { get; } = new("--cdk-out") { Description = "A CDK cloud assembly folder (cdk.out, with manifest.json)." };

    public Option<FileInfo[]> TerraformPlans { get; } = new("--terraform-plan") { Description = "A Terraform plan as JSON: terraform show -json plan.out > plan.json (repeatable)." };

    public Option<string[]> Parameters { get; } = new("--parameter") { Description = "A template parameter, KEY=VALUE (repeatable): the value it resolves to, also for an SSM parameter type; KEY may be a dynamic reference, '{{resolve:ssm:/name}}=VALUE'." };

    public Option<string?> StackName { get; } = new("--stack-name")
    {
        Description = "The stack name of the one --template (default: from the file name): AWS::StackName, AWS::StackId and the names CloudFormation generates (STACK-LogicalId-...) use it.",
    };

    public IEnumerable<Option> All => [Templates, CdkOut, TerraformPlans, Parameters, StackName];

    /// <summary>The IaC sources given, or <see langword="null"/> when none; a malformed KEY=VALUE is reported through <paramref name="error"/>.</summary>
    public IacSourceOptions? Read(ParseResult parse, string? snapshotDirectory, string? region, out string? error)
    {
        error = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(Parameters) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"--parameter takes KEY=VALUE, not '{pair}'.";
                return null;
            }

            values[pair[..equals]] = pair[(equals + 1)..];
        }

        var stackName = parse.GetValue(StackName);
        var templates = parse.GetValue(Templates) ?? [];
        // With several templates, the library decides: --stack-name names the one the others are nested stacks of.
        if (stackName is not null && templates.Length == 0)
        {
            error = "--stack-name names the stack of a --template; give the template it names.";
            return null;
        }

        if (stackName is not null && !StackNamePattern().IsMatch(stackName))
        {
            // CloudFormation User Guide, "Stack name" (CreateStack): letters, digits and hyphens, starting with a letter, up to 128 characters.
            error = $"--stack-name '{stackName}' is not a stack name: CloudFormation allows letters, digits and hyphens, starting with a letter, up to 128 characters.";
            return null;
        }

        var options = new IacSourceOptions
        {
            StackName = stackName,
            Templates = [.. templates.Select(f => f.FullName)],
            CdkOutDirectory = parse.GetValue(CdkOut)?.FullName,
            TerraformPlans = [.. (parse.GetValue(TerraformPlans) ?? []).Select(f => f.FullName)],
            SnapshotDirectory = snapshotDirectory,
            Parameters = values,
            Region = region,
        };
        return options.HasIac ? options : null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex StackNamePattern();
}
