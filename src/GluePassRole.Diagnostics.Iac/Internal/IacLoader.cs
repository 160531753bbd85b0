using System.Text.Json;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Iac.Internal.CloudFormation;
using GluePassRole.Diagnostics.Iac.Internal.Documents;
using GluePassRole.Diagnostics.Iac.Internal.Model;
using GluePassRole.Diagnostics.Iac.Internal.Terraform;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Iac.Internal;

/// <summary>Reads every source the options name into one model.</summary>
internal static class IacLoader
{
    private const string Sam = "AWS::Serverless-2016-10-31";

    public static IacModel Load(IacSourceOptions options, string? snapshotAccount, CancellationToken cancellationToken)
    {
        var region = options.Region ?? IacSourceOptions.DefaultRegion;
        var partition = options.Partition ?? IacSourceOptions.PartitionOf(region);
        var account = options.AccountId ?? snapshotAccount ?? IacSourceOptions.DefaultAccountId;
        var model = new IacModel(account, partition);
        var parameters = Parameters(options);

        var deployment = new Deployment(options.Templates);
        if (options.Templates.Count > 1)
        {
            // A first reading, into a model that is thrown away, finds which given template is a nested stack of another.
            deployment.Scanning = true;
            var scratch = new IacModel(account, partition);
            foreach (var template in options.Templates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    ReadTemplate(scratch, template, StackNameOf(template), region, parameters, options.MaxTemplateBytes, deployment);
                }
                catch (IacTemplateException)
                {
                    // Reported by the reading that counts, where the template may be read with its parent's parameters.
                }
            }

            deployment.Scanning = false;
            deployment.Decide(model);
        }

        var roots = options.Templates.Where(t => !deployment.Children.ContainsKey(Path.GetFullPath(t))).ToList();
        if (options.StackName is not null && roots.Count > 1)
        {
            throw new ArgumentException(
                $"--stack-name names the stack of one template, but {roots.Count} of the {options.Templates.Count} given with --template are not nested stacks of another: "
                + "give each its own run, or leave out --stack-name (each stack is then named from its file name).");
        }

        foreach (var template in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stackName = options.StackName is not null && roots.Count == 1
                ? options.StackName
                : StackNameOf(template);
            ReadTemplate(model, template, stackName, region, parameters, options.MaxTemplateBytes, deployment);
        }

        foreach (var template in options.Templates.Where(t => deployment.Children.ContainsKey(Path.GetFullPath(t)) && !deployment.ReadAsNested.Contains(Path.GetFullPath(t))))
        {
            // Its parent was not read as part of the deployment (templates that nest each other): on its own.
            var parent = deployment.Children[Path.GetFullPath(template)];
            model.Notes.Add($"{template}: matched as nested stack {parent.NestedId} of {parent.ParentFile}, which is itself not read as part of the deployment (the templates nest each other); read on its own as stack {StackNameOf(template)}.");
            ReadTemplate(model, template, StackNameOf(template), region, parameters, options.MaxTemplateBytes, deployment);
        }

        if (options.CdkOutDirectory is { } cdkOut)
        {
            CdkAssembly.Read(model, cdkOut, options, region, parameters, cancellationToken);
        }

        foreach (var plan in options.TerraformPlans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TerraformPlanReader.Read(model, plan, options.MaxPlanBytes);
        }

        CheckParameterNames(options, model);
        return model;
    }

    /// <summary>
    /// A <c>--parameter NAME=VALUE</c> whose NAME no template declares is a mistake (a typo, or a value meant for another
    /// stack): bad input naming the parameters the templates do declare. A dynamic reference (<c>{{resolve:...}}</c>) is
    /// not a declared parameter and is always accepted.
    /// </summary>
    private static void CheckParameterNames(IacSourceOptions options, IacModel model)
    {
        var unknown = options.Parameters.Keys
            .Where(key => !key.StartsWith("{{resolve:", StringComparison.Ordinal) && !model.DeclaredParameters.Contains(key))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var declared = model.DeclaredParameters.Count == 0
            ? "the sources declare no parameters"
            : $"the templates declare: {string.Join(", ", model.DeclaredParameters.Order(StringComparer.Ordinal))}";
        throw new ArgumentException($"--parameter {string.Join(", ", unknown)}: no template declares {(unknown.Count == 1 ? "this parameter" : "these parameters")}; {declared}.");
    }

    /// <summary>How deep nested stacks are read (CloudFormation itself allows deeper nesting; real deployments stay far below).</summary>
    private const int MaxNesting = 8;

    public static void ReadTemplate(
        IacModel model, string file, string stackName, string region, TemplateParameters parameters, long maxBytes,
        Deployment? deployment = null, IReadOnlyList<string>? parents = null)
    {
        parents ??= [];
        deployment ??= new Deployment([]);
        var read = LanguageExtensions.Expand(DocumentReader.ReadFile(file, maxBytes, out var json), file, parameters, model.Unknowns);
        model.Formats[file] = json ? TemplateChangeFormat.Json : TemplateChangeFormat.Yaml;
        var root = ServerlessFunctions.Expand(read, model.Partition);
        var stack = CfnStack.From(root, file, stackName, model.AccountId, region, model.Partition);
        model.DeclaredParameters.UnionWith(stack.Parameters.Keys);
        var transforms = root is DocMapping { } template ? Transforms(template["Transform"]).ToList() : [];
        if (transforms.Contains(Sam))
        {
            var generated = stack.Resources.Keys.Where(k => read is DocMapping r && r["Resources"] is DocMapping rs && rs[k] is null).ToList();
            foreach (var role in generated.Where(g => g.EndsWith("Role", StringComparison.Ordinal)))
            {
                model.SamGeneratedRoles[(file, role)] = role[..^"Role".Length];
            }

            model.Notes.Add(generated.Count > 0
                ? $"{file}: Transform {Sam}: the roles SAM generates for functions with no Role are read ({string.Join(", ", generated)}); other resources SAM generates are not."
                : $"{file}: Transform {Sam}: no function needs a generated role; other resources SAM generates are not read.");
        }

        var others = transforms.Where(t => t is not "AWS::LanguageExtensions" and not Sam).ToList();
        if (others.Count > 0)
        {
            model.Notes.Add($"{file}: Transform {string.Join(", ", others)} is not expanded; resources a transform generates are not read.");
        }

        model.Files.Add(file);
        new CfnTemplateReader(model, file, stack, parameters, nested => ReadNested(model, file, stackName, region, parameters, maxBytes, deployment, [.. parents, Path.GetFullPath(file)], nested)).Read();
    }

    /// <summary>
    /// A nested stack's template: a local <c>TemplateURL</c>/<c>Location</c> (relative to the parent template) is read as
    /// stack <c>PARENT-LogicalId-GENERATED</c> with the parameters the parent passes; so is a <c>--template</c> matched to
    /// it (<see cref="Deployment"/>): by its path, or by file name (the last path segment of an S3 URL). False: not read.
    /// </summary>
    private static bool ReadNested(
        IacModel model, string file, string stackName, string region, TemplateParameters parameters, long maxBytes,
        Deployment deployment, IReadOnlyList<string> chain, CfnTemplateReader.NestedStack nested)
    {
        string name;
        string basis;
        if (nested.Location is { Length: > 0 } location)
        {
            var isUrl = location.Contains("://", StringComparison.Ordinal) || location.StartsWith("s3:", StringComparison.OrdinalIgnoreCase);
            if (!isUrl)
            {
                var local = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", location));
                if (deployment.Given.FirstOrDefault(t => string.Equals(Path.GetFullPath(t), local, StringComparison.Ordinal)) is { } exact)
                {
                    return GivenTemplate(model, file, stackName, region, parameters, maxBytes, deployment, chain, nested, exact, Deployment.ByPath, $"its {nested.Property} ({location}) is this file");
                }

                if (File.Exists(local))
                {
                    if (chain.Contains(local, StringComparer.Ordinal) || chain.Count >= MaxNesting)
                    {
                        throw new IacTemplateException($"Nested stack {nested.Id} ({location}) nests its own template or nests deeper than {MaxNesting} levels.", file, nested.Origin.Line, $"$.Resources.{nested.Id}");
                    }

                    model.Notes.Add($"{nested.Origin}: nested stack {nested.Id} is read from {local}, with the parameters it is given ({nested.Parameters.Count}).");
                    ReadTemplate(model, local, NestedStackName(stackName, nested), region, NestedParameters(parameters, nested), maxBytes, deployment, chain);
                    return true;
                }

                name = Path.GetFileName(location);
                basis = $"the file name of its {nested.Property} ({location}, a local path that does not exist) is this file's name";
            }
            else
            {
                name = location[(location.LastIndexOfAny(['/', '\\']) + 1)..];
                basis = $"the last path segment of its {nested.Property} ({location}) is this file's name";
            }
        }
        else if (nested.FileName is { } known)
        {
            name = known;
            basis = $"its {nested.Property} is known only at deploy, but for its last path segment, this file's name ({known})";
        }
        else
        {
            return false;
        }

        var matches = deployment.Given
            .Where(t => string.Equals(Path.GetFileName(t), name, StringComparison.Ordinal))
            .DistinctBy(Path.GetFullPath, StringComparer.Ordinal)
            .ToList();
        if (matches.Count > 1)
        {
            if (!deployment.Scanning)
            {
                model.Notes.Add($"{nested.Origin}: nested stack {nested.Id}: {matches.Count} templates given with --template are named {name} ({string.Join(", ", matches)}); which one is its template is ambiguous, so each is read on its own.");
            }

            return true;
        }

        return matches.Count == 1
            && GivenTemplate(model, file, stackName, region, parameters, maxBytes, deployment, chain, nested, matches[0], Deployment.ByFileName, basis + " (matched by file name)");
    }

    /// <summary>
    /// A nested stack whose template is given with <c>--template</c>: while scanning, a candidate parent of that template;
    /// else the template read as this nested stack when it was matched to it, or named as read on its own.
    /// </summary>
    private static bool GivenTemplate(
        IacModel model, string file, string stackName, string region, TemplateParameters parameters, long maxBytes, Deployment deployment,
        IReadOnlyList<string> chain, CfnTemplateReader.NestedStack nested, string given, int strength, string basis)
    {
        var target = Path.GetFullPath(given);
        if (chain.Contains(target, StringComparer.Ordinal))
        {
            // Its own template, or an ancestor's: not read again.
            return false;
        }

        var parent = Path.GetFullPath(file);
        if (deployment.Scanning)
        {
            deployment.AddCandidate(target, new Deployment.Match(parent, file, nested.Id, strength, basis));
            return true;
        }

        if (deployment.Children.TryGetValue(target, out var match) && match.Parent == parent && match.NestedId == nested.Id && deployment.ReadAsNested.Add(target))
        {
            var childName = NestedStackName(stackName, nested);
            model.Notes.Add(
                $"{given} (given with --template): read as nested stack {nested.Id} of {file} (line {nested.Origin.Line}), matched because {basis}; "
                + $"stack {stackName}-{nested.Id}-<random>, evaluated as {childName}, with the parameters {file} passes "
                + $"({nested.Parameters.Count} known before deploy, {nested.Deferred.Count} known only at deploy; --parameter values do not reach it).");
            ReadTemplate(model, given, childName, region, NestedParameters(parameters, nested), maxBytes, deployment, chain);
            return true;
        }

        model.Notes.Add($"{nested.Origin}: nested stack {nested.Id} is {given}, given with --template, which is read on its own (see its note).");
        return true;
    }

    /// <summary>The name CloudFormation gives a nested stack: <c>PARENT-LogicalId-RANDOM</c>, the random part a stand-in.</summary>
    private static string NestedStackName(string parent, CfnTemplateReader.NestedStack nested) => $"{parent}-{nested.Id}-{CfnTemplateReader.GeneratedSuffix}";

    /// <summary>
    /// What a nested stack is read with: the values its parent passes (those known only at deploy stay unknown, saying why),
    /// and the values given for dynamic references; <c>--parameter</c> values of the same names belong to the root stack.
    /// </summary>
    private static TemplateParameters NestedParameters(TemplateParameters parameters, CfnTemplateReader.NestedStack nested)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters.Values.Where(v => v.Key.StartsWith("{{", StringComparison.Ordinal)))
        {
            values[key] = value;
        }

        foreach (var (key, value) in nested.Parameters)
        {
            values[key] = value;
        }

        return new TemplateParameters(values, new HashSet<string>(StringComparer.Ordinal)) { Deferred = nested.Deferred };
    }

    /// <summary>The transforms a template names (<c>Transform: X</c> or a list; <c>AWS::Include</c> entries are maps).</summary>
    private static IEnumerable<string> Transforms(DocNode? transform) => transform switch
    {
        DocScalar name => [name.Value],
        DocSequence list => list.Items.Select(i => i is DocScalar s ? s.Value : "(a map)"),
        null => [],
        _ => ["(a map)"],
    };

    /// <summary>
    /// CloudFormation stack names: letters, digits and hyphens, starting with a letter (<c>my-stack</c> for
    /// <c>my_stack.template.yaml</c>).
    /// </summary>
    public static string StackNameOf(string file)
    {
        var name = Path.GetFileName(file);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var stem = dot > 0 ? name[..dot] : name;
        var cleaned = new string([.. stem.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-')]).Trim('-');
        return cleaned.Length > 0 && char.IsAsciiLetter(cleaned[0]) ? cleaned : "stack-" + cleaned;
    }

    private static TemplateParameters Parameters(IacSourceOptions options)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in options.ParameterFiles)
        {
            ReadParameterFile(file, values);
        }

        foreach (var (key, value) in options.Parameters)
        {
            values[key] = value;
        }

        // What --parameter gives is the value a parameter resolves to; a file names an SSM parameter for an SSM type.
        return new TemplateParameters(values, new HashSet<string>(options.Parameters.Keys, StringComparer.Ordinal));
    }

    private static void ReadParameterFile(string file, Dictionary<string, string> values)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var json = JsonDocument.Parse(stream);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in root.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("ParameterKey", out var key) || !item.TryGetProperty("ParameterValue", out var value))
                    {
                        throw new IacTemplateException("Each entry needs ParameterKey and ParameterValue.", file, null, $"$[{i}]");
                    }

                    values[key.GetString()!] = Scalar(value);
                    i++;
                }

                return;
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                var map = root.TryGetProperty("Parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object ? parameters : root;
                foreach (var property in map.EnumerateObject())
                {
                    values[property.Name] = Scalar(property.Value);
                }

                return;
            }

            throw new IacTemplateException("A parameters file is a list of {ParameterKey, ParameterValue} or a map.", file, 1, "$");
        }
        catch (JsonException e)
        {
            throw new IacTemplateException($"The file is {JsonErrors.Describe(e)}.", file, (int)(e.LineNumber ?? 0) + 1, e.Path, e);
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(Scalar)),
        _ => value.GetRawText(),
    };
}
