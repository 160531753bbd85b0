using System.CommandLine;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Cases;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary><c>glue-passrole simulate</c>: evaluate a case file, or one request given on the command line.</summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cases = new Option<FileInfo?>("--cases") { Description = "A JSON array of cases (see README: the case-file format)." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        CliOptions.AcceptOnly(format, "text", "json");
        var policies = new Option<FileInfo[]>("--policy") { Description = "An identity-based policy file (repeatable).", AllowMultipleArgumentsPerToken = true };
        var boundary = new Option<FileInfo?>("--boundary") { Description = "A permissions boundary policy file." };
        var resourcePolicy = new Option<FileInfo?>("--resource-policy") { Description = "A resource-based policy file." };
        var principal = new Option<string?>("--principal") { Description = "The principal ARN." };
        var action = new Option<string?>("--action") { Description = "The action, e.g. iam:PassRole." };
        var resource = new Option<string?>("--resource") { Description = "The resource ARN." };
        var context = new Option<string[]>("--context") { Description = "A context key=value (repeatable; repeat a key for several values).", AllowMultipleArgumentsPerToken = true };

        var command = new Command("simulate", "Evaluate IAM requests against policies, as AWS would. Exits 1 if a case's decision differs from its expectation.")
        {
            cases, format, policies, boundary, resourcePolicy, principal, action, resource, context,
        };
        command.SetAction(parse =>
        {
            var json = parse.GetValue(format) == "json";
            if (parse.GetValue(cases) is { } file)
            {
                return RunCaseFile(file, json, stdout, stderr);
            }

            return RunSingle(
                parse.GetValue(policies) ?? [], parse.GetValue(boundary), parse.GetValue(resourcePolicy),
                parse.GetValue(principal), parse.GetValue(action), parse.GetValue(resource), parse.GetValue(context) ?? [],
                json, stdout, stderr);
        });
        return command;
    }

    private static int RunCaseFile(FileInfo file, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (CliFiles.Missing(file) is { } missing)
        {
            stderr.WriteLine(missing);
            return ExitCodes.BadInput;
        }

        EvaluationCaseFile caseFile;
        try
        {
            caseFile = EvaluationCaseFile.Parse(File.ReadAllText(file.FullName));
        }
        catch (FormatException ex)
        {
            stderr.WriteLine($"{file}: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var outputs = new List<CaseOutput>();
        foreach (var entry in caseFile.Entries)
        {
            if (entry.Case is not { } evaluationCase)
            {
                stderr.WriteLine(entry.Error);
                outputs.Add(new CaseOutput(entry.Name, null, null, null, null, entry.Error));
                continue;
            }

            var result = PolicyEvaluator.Evaluate(evaluationCase.Policies, evaluationCase.Request);
            outputs.Add(CaseOutput.From(entry.Name, evaluationCase.Expected, result));
        }

        Write(outputs, json, stdout);
        return outputs.Any(o => o.Match == false) ? ExitCodes.CheckFailed
            : outputs.Any(o => o.Error is not null) ? ExitCodes.BadInput
            : ExitCodes.Success;
    }

    private static int RunSingle(
        FileInfo[] policyFiles, FileInfo? boundaryFile, FileInfo? resourcePolicyFile, string? principal, string? action, string? resource,
        string[] contextPairs, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (principal is null || action is null || resource is null)
        {
            stderr.WriteLine("simulate needs --cases FILE, or --principal, --action and --resource (with --policy FILE...).");
            return ExitCodes.BadInput;
        }

        var entries = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in contextPairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                stderr.WriteLine($"--context {pair}: expected key=value");
                return ExitCodes.BadInput;
            }

            var key = pair[..equals];
            if (!entries.TryGetValue(key, out var values))
            {
                entries[key] = values = [];
            }

            values.Add(pair[(equals + 1)..]);
        }

        PolicySet set;
        try
        {
            set = new PolicySet
            {
                IdentityPolicies = policyFiles.Select(f => Load(f, PolicySourceKind.Supplied)).ToArray(),
                PermissionsBoundary = boundaryFile is null ? null : Load(boundaryFile, PolicySourceKind.PermissionsBoundary),
                ResourcePolicy = resourcePolicyFile is null ? null : Load(resourcePolicyFile, PolicySourceKind.ResourcePolicy),
            };
        }
        catch (Exception ex) when (ex is PolicyDocumentException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        CompiledPolicySet compiled;
        try
        {
            compiled = PolicyEvaluator.Compile(set);
        }
        catch (PolicyDocumentException ex)
        {
            // Only the resource policy is checked when compiling: a statement without Principal.
            stderr.WriteLine($"{resourcePolicyFile}: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var request = new AuthorizationRequest
        {
            Principal = principal,
            Action = action,
            Resource = resource,
            Context = RequestContext.Create(entries.Select(e => new KeyValuePair<string, IReadOnlyList<string>>(e.Key, e.Value))),
        };
        Write([CaseOutput.From("request", null, compiled.Evaluate(request))], json, stdout);
        return ExitCodes.Success;
    }

    private static SourcedPolicy Load(FileInfo file, PolicySourceKind kind)
    {
        if (CliFiles.Missing(file) is { } missing)
        {
            throw new IOException(missing);
        }

        try
        {
            return new SourcedPolicy(PolicyDocument.Parse(File.ReadAllText(file.FullName)), new PolicySource(kind, file.Name));
        }
        catch (PolicyDocumentException ex)
        {
            throw new PolicyDocumentException($"{file}: {ex.Problem}", ex.JsonPath, ex.StatementIndex, ex);
        }
        catch (UnauthorizedAccessException)
        {
            throw new IOException($"{file}: cannot be read (permission denied).");
        }
    }

    private static void Write(List<CaseOutput> outputs, bool json, TextWriter stdout)
    {
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(outputs, CaseOutputJsonContext.Default.ListCaseOutput));
            return;
        }

        foreach (var output in outputs)
        {
            var verdict = output.Match switch { true => "PASS", false => "FAIL", null => output.Error is null ? "----" : "ERROR" };
            stdout.WriteLine(output.Error is null
                ? $"{verdict}  {output.Name}: {output.Decision}{(output.Expected is null ? string.Empty : $" (expected {output.Expected})")}"
                : $"{verdict}  {output.Name}: {output.Error}");
            if (output.Explanation is not null)
            {
                stdout.WriteLine("      " + output.Explanation);
            }
        }

        var withExpectation = outputs.Count(o => o.Match is not null);
        stdout.WriteLine($"simulate: {outputs.Count(o => o.Match == true)} passed, {outputs.Count(o => o.Match == false)} failed"
            + $" ({Plural.Count(outputs.Count, "case")}, {withExpectation} with an expectation, {outputs.Count(o => o.Error is not null)} unreadable)");
    }
}
