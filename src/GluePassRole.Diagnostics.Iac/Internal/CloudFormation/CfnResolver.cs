using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GluePassRole.Diagnostics.Iac.Internal.Documents;

namespace GluePassRole.Diagnostics.Iac.Internal.CloudFormation;

/// <summary>
/// Resolves CloudFormation intrinsic functions, pseudo parameters, parameters, mappings and conditions offline
/// (CloudFormation Template Reference, "Intrinsic function reference" and "Pseudo parameters reference"). What cannot be
/// known before deploy becomes a <see cref="DocUnknown"/> carrying the reason; nothing is guessed. Dynamic references
/// (<c>{{resolve:ssm:...}}</c>, <c>{{resolve:ssm-secure:...}}</c>, <c>{{resolve:secretsmanager:...}}</c>) and SSM
/// parameter types are values known only at deploy, unless given (<see cref="TemplateParameters"/>). A string with an
/// unknown part keeps what is known of it (<see cref="DocUnknown.Pattern"/>).
/// </summary>
internal sealed partial class CfnResolver
{
    /// <summary>The value of <c>AWS::NoValue</c>: the property or list item is removed.</summary>
    public static readonly DocScalar NoValue = new("AWS::NoValue", 0);

    private readonly string _file;
    private readonly CfnStack _stack;
    private readonly TemplateParameters _given;
    private readonly Dictionary<string, DocNode> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool?> _conditionValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _conditionReasons = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);
    private readonly Func<string, string, int, DocNode> _physicalId;
    private readonly Func<string, string, string, int, DocNode> _attribute;

    public CfnResolver(string file, CfnStack stack, TemplateParameters parameters, Func<string, string, int, DocNode> physicalId, Func<string, string, string, int, DocNode> attribute)
    {
        _file = file;
        _stack = stack;
        _given = parameters;
        _physicalId = physicalId;
        _attribute = attribute;
        foreach (var (name, definition) in stack.Parameters)
        {
            _parameters[name] = ParameterValue(name, definition, parameters);
        }
    }

    /// <summary>Resolves a node; <paramref name="path"/> says where it is, for errors.</summary>
    public DocNode Resolve(DocNode node, string path)
    {
        switch (node)
        {
            case DocSequence sequence:
                var items = new List<DocNode>(sequence.Items.Count);
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var item = Resolve(sequence.Items[i], $"{path}[{i}]");
                    if (!ReferenceEquals(item, NoValue))
                    {
                        items.Add(item);
                    }
                }

                return new DocSequence(items, sequence.Line);
            case DocMapping mapping when mapping.SingleKey is { } key && IsFunction(key):
                return Function(key, mapping.Entries[0].Value, mapping.Line, $"{path}.{key}");
            case DocMapping mapping:
                var entries = new List<KeyValuePair<string, DocNode>>(mapping.Entries.Count);
                foreach (var (key, value) in mapping.Entries)
                {
                    var resolved = Resolve(value, $"{path}.{key}");
                    if (!ReferenceEquals(resolved, NoValue))
                    {
                        entries.Add(new(key, resolved with { KeyLine = value.KeyLine }));
                    }
                }

                return new DocMapping(entries, mapping.Line);
            case DocScalar scalar when scalar.Value.Contains("{{resolve:", StringComparison.Ordinal):
                return Text([(scalar.Value, null)], scalar.Line);
            default:
                return node;
        }
    }

    /// <summary>Evaluates a named condition: true, false, or null with the reason when it depends on something unknown.</summary>
    public bool? Condition(string name, int line, string path, out string? reason)
    {
        if (_conditionValues.TryGetValue(name, out var known))
        {
            reason = _conditionReasons.GetValueOrDefault(name);
            return known;
        }

        if (!_stack.Conditions.TryGetValue(name, out var definition))
        {
            throw new IacTemplateException($"Condition '{name}' is not defined in the Conditions section.", _file, line, path);
        }

        if (!_evaluating.Add("condition:" + name))
        {
            throw new IacTemplateException($"Condition '{name}' refers to itself (circular condition).", _file, line, path);
        }

        var value = Bool(Resolve(definition, $"$.Conditions.{name}"), out reason);
        _evaluating.Remove("condition:" + name);
        _conditionValues[name] = value;
        if (reason is not null)
        {
            reason = $"condition {name} is unknown: {reason}";
            _conditionReasons[name] = reason;
        }

        return value;
    }

    /// <summary>Runs <paramref name="resolve"/> for a resource's name, detecting references that go round in a circle.</summary>
    public DocNode Guard(string key, int line, string path, Func<DocNode> resolve)
    {
        if (!_evaluating.Add(key))
        {
            throw new IacTemplateException($"Circular reference: resolving {key} needs {key} itself.", _file, line, path);
        }

        try
        {
            return resolve();
        }
        finally
        {
            _evaluating.Remove(key);
        }
    }

    public static string? Text(DocNode node) => node is DocScalar { IsNull: false } scalar && !ReferenceEquals(scalar, NoValue) ? scalar.Value : null;

    private static bool IsFunction(string key) => key == "Ref" || key == "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal);

    private static DocUnknown Unknown(string reason, int line) => new(reason, line);

    private static bool? Bool(DocNode node, out string? reason)
    {
        reason = null;
        if (node is DocUnknown unknown)
        {
            reason = unknown.Reason;
            return null;
        }

        if (node is DocScalar scalar && bool.TryParse(scalar.Value, out var value))
        {
            return value;
        }

        reason = $"'{node}' is not a condition value";
        return null;
    }

    private static DocNode ParameterValue(string name, DocMapping definition, TemplateParameters parameters)
    {
        var type = Text(definition["Type"] ?? new DocScalar("String", 0)) ?? "String";
        string? value = parameters.Values.TryGetValue(name, out var given) ? given : definition["Default"] is DocScalar d ? d.Value : null;
        if (definition["Default"] is DocSequence list && value is null)
        {
            value = string.Join(',', list.Items.Select(i => i.ToString()));
        }

        // AWS::SSM::Parameter::Value<List<String>>: the value's own type is inside the angle brackets.
        const string Ssm = "AWS::SSM::Parameter::Value<";
        var isSsm = type.StartsWith(Ssm, StringComparison.Ordinal);
        var valueType = isSsm && type.EndsWith('>') ? type[Ssm.Length..^1] : type;
        var isList = valueType.StartsWith("List<", StringComparison.Ordinal) || valueType == "CommaDelimitedList";
        if (value is null && parameters.Deferred.TryGetValue(name, out var deferred))
        {
            return deferred with { Line = definition.Line, Pattern = isList ? null : deferred.Pattern ?? "*" };
        }

        if (value is null)
        {
            return Unknown($"parameter {name} has no value (give it with --parameter {name}=VALUE or a parameters file)", definition.Line) with { Pattern = isList ? null : "*" };
        }

        if (isSsm && !parameters.Resolved.Contains(name))
        {
            // The value given in a parameters file or as the default is the SSM parameter's name; its value is read at deploy.
            return Unknown($"parameter {name} is read from SSM Parameter Store ({value}) at deploy (give its value with --parameter {name}=VALUE)", definition.Line) with
            {
                Pattern = isList ? null : "*",
            };
        }

        return isList
            ? new DocSequence([.. value.Split(',').Select(v => (DocNode)new DocScalar(v.Trim(), definition.Line))], definition.Line)
            : new DocScalar(value, definition.Line);
    }

    /// <summary>
    /// A string made of known text and unknown values: the text when all is known (dynamic references replaced by the
    /// values given for them), else an unknown whose <see cref="DocUnknown.Pattern"/> has <c>*</c> for each unknown part.
    /// </summary>
    private DocNode Text(List<(string? Known, DocNode? Unknown)> parts, int line)
    {
        var value = new StringBuilder();
        var pattern = new StringBuilder();
        var reasons = new List<string>();
        foreach (var (known, unknown) in parts)
        {
            if (known is null)
            {
                reasons.Add(unknown?.FindUnknown()?.Reason ?? "a value is unknown");
                // What is known of the unknown string itself stays known (a parent's !Join ['-', [dbcrawler, ...]]).
                pattern.Append(unknown is DocUnknown { Pattern: { } part } ? part : "*");
                continue;
            }

            var position = 0;
            foreach (Match reference in DynamicReferencePattern().Matches(known))
            {
                value.Append(known, position, reference.Index - position);
                pattern.Append(known, position, reference.Index - position);
                position = reference.Index + reference.Length;
                if (_given.DynamicReference(reference.Value) is { } given)
                {
                    value.Append(given);
                    pattern.Append(given);
                    continue;
                }

                reasons.Add(DynamicReferenceReason(reference));
                pattern.Append('*');
            }

            value.Append(known, position, known.Length - position);
            pattern.Append(known, position, known.Length - position);
        }

        if (reasons.Count > 0)
        {
            return new DocUnknown(string.Join("; ", reasons.Distinct(StringComparer.Ordinal)), line) { Pattern = pattern.ToString() };
        }

        return new DocScalar(value.ToString(), line);
    }

    /// <summary>
    /// Why a dynamic reference is unknown ("Get values stored in other services using dynamic references",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html): CloudFormation reads it
    /// at deploy.
    /// </summary>
    private static string DynamicReferenceReason(Match reference)
    {
        var store = reference.Groups[1].Value switch
        {
            "ssm" => "SSM Parameter Store",
            "ssm-secure" => "SSM Parameter Store (a SecureString)",
            _ => "AWS Secrets Manager",
        };
        return $"dynamic reference {reference.Value} is read from {store} at deploy (give its value with --parameter '{reference.Value}=VALUE')";
    }

    [GeneratedRegex(@"\{\{resolve:(ssm|ssm-secure|secretsmanager):[^{}]+\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex DynamicReferencePattern();

    private DocNode Function(string name, DocNode argument, int line, string path)
    {
        switch (name)
        {
            case "Ref":
                return Ref(Text(Resolve(argument, path)) ?? throw Bad("Ref needs a name", line, path), line, path);
            case "Condition":
                var condition = Condition(Text(argument) ?? throw Bad("Condition needs a name", line, path), line, path, out var why);
                return condition is { } known ? new DocScalar(known ? "true" : "false", line) : Unknown(why!, line);
            case "Fn::GetAtt":
                return GetAtt(Resolve(argument, path), line, path);
            case "Fn::Sub":
                return Sub(argument, line, path);
            case "Fn::Join":
                return Join(Args(argument, 2, name, line, path), line, path);
            case "Fn::Select":
                return Select(Args(argument, 2, name, line, path), line, path);
            case "Fn::Split":
                return Split(Args(argument, 2, name, line, path), line);
            case "Fn::If":
                return If(Args(argument, 3, name, line, path), line, path);
            case "Fn::Equals":
                var equals = Args(argument, 2, name, line, path);
                var (left, right) = (Resolve(equals[0], path), Resolve(equals[1], path));
                return left.FindUnknown() ?? right.FindUnknown() ?? (DocNode)new DocScalar(Same(left, right) ? "true" : "false", line);
            case "Fn::Not":
                var not = Args(argument, 1, name, line, path);
                var inner = Bool(Resolve(not[0], path), out var notWhy);
                return inner is { } b ? new DocScalar(b ? "false" : "true", line) : Unknown(notWhy!, line);
            case "Fn::And":
            case "Fn::Or":
                return Logical(name == "Fn::And", argument, line, path);
            case "Fn::FindInMap":
                return FindInMap(argument, line, path);
            case "Fn::Base64":
                var text = Resolve(argument, path);
                return Text(text) is { } plain ? new DocScalar(Convert.ToBase64String(Encoding.UTF8.GetBytes(plain)), line) : text.FindUnknown() ?? throw Bad("Fn::Base64 needs a string", line, path);
            case "Fn::ImportValue":
                var export = Resolve(argument, path);
                return Unknown($"Fn::ImportValue {Text(export) ?? "(unknown export name)"} is another stack's export, known only in the deployed account", line);
            case "Fn::GetAZs":
                return Unknown("Fn::GetAZs: the Availability Zones of an account are known only at deploy", line);
            default:
                return Unknown($"{name} is not resolved offline", line);
        }
    }

    private IacTemplateException Bad(string message, int line, string path) => new(message, _file, line, path);

    private IReadOnlyList<DocNode> Args(DocNode argument, int count, string name, int line, string path)
    {
        var resolved = argument is DocSequence ? argument : Resolve(argument, path);
        if (resolved is DocSequence sequence && sequence.Items.Count == count)
        {
            return sequence.Items;
        }

        throw Bad($"{name} needs a list of {count} values", line, path);
    }

    private DocNode Ref(string name, int line, string path)
    {
        switch (name)
        {
            case "AWS::AccountId": return new DocScalar(_stack.AccountId, line);
            case "AWS::Region": return new DocScalar(_stack.Region, line);
            case "AWS::Partition": return new DocScalar(_stack.Partition, line);
            case "AWS::StackName": return new DocScalar(_stack.Name, line);
            case "AWS::URLSuffix": return new DocScalar(_stack.Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com", line);
            case "AWS::NoValue": return NoValue;
            case "AWS::StackId": return Unknown("AWS::StackId holds an ID assigned at deploy", line);
            case "AWS::NotificationARNs": return Unknown("AWS::NotificationARNs is set at deploy", line);
        }

        if (_parameters.TryGetValue(name, out var parameter))
        {
            return parameter;
        }

        if (_stack.Resources.ContainsKey(name))
        {
            return _physicalId(name, path, line);
        }

        throw Bad($"Ref to '{name}', which is neither a parameter, a resource nor a pseudo parameter", line, path);
    }

    private DocNode GetAtt(DocNode argument, int line, string path)
    {
        if (argument is not DocSequence { Items.Count: 2 } pair || Text(pair.Items[0]) is not { } resource || Text(pair.Items[1]) is not { } attribute)
        {
            return argument.FindUnknown() ?? throw Bad("Fn::GetAtt needs [LogicalId, Attribute]", line, path);
        }

        if (!_stack.Resources.ContainsKey(resource))
        {
            throw Bad($"Fn::GetAtt names '{resource}', which is not a resource of this template", line, path);
        }

        return _attribute(resource, attribute, path, line);
    }

    private DocNode Sub(DocNode argument, int line, string path)
    {
        string template;
        var variables = new Dictionary<string, DocNode>(StringComparer.Ordinal);
        switch (argument)
        {
            case DocScalar scalar:
                template = scalar.Value;
                break;
            case DocSequence { Items.Count: 2 } pair when pair.Items[0] is DocScalar s && pair.Items[1] is DocMapping map:
                template = s.Value;
                foreach (var (key, value) in map.Entries)
                {
                    variables[key] = Resolve(value, $"{path}[1].{key}");
                }

                break;
            default:
                throw Bad("Fn::Sub needs a string, or [string, { variables }]", line, path);
        }

        var parts = new List<(string? Known, DocNode? Unknown)>();
        var position = 0;
        while (position < template.Length)
        {
            var start = template.IndexOf("${", position, StringComparison.Ordinal);
            if (start < 0)
            {
                parts.Add((template[position..], null));
                break;
            }

            parts.Add((template[position..start], null));
            var end = template.IndexOf('}', start + 2);
            if (end < 0)
            {
                throw Bad($"Fn::Sub has an unclosed ${{ in '{template}'", line, path);
            }

            var reference = template[(start + 2)..end];
            position = end + 1;
            if (reference.StartsWith('!'))
            {
                parts.Add(("${" + reference[1..] + "}", null));
                continue;
            }

            var value = variables.TryGetValue(reference, out var variable) ? variable
                : reference.Contains('.', StringComparison.Ordinal) && !reference.StartsWith("AWS::", StringComparison.Ordinal)
                    ? GetAtt(new DocSequence([new DocScalar(reference[..reference.IndexOf('.', StringComparison.Ordinal)], line), new DocScalar(reference[(reference.IndexOf('.', StringComparison.Ordinal) + 1)..], line)], line), line, path)
                    : Ref(reference, line, path);
            if (Text(value) is { } text)
            {
                parts.Add((text, null));
            }
            else if (value.FindUnknown() is { } unknown)
            {
                // A variable of Fn::Sub is a string: what is unknown of it is one part of the result.
                parts.Add((null, unknown));
            }
            else
            {
                return Unknown($"${{{reference}}} in Fn::Sub is not a string", line);
            }
        }

        return Text(parts, line);
    }

    private DocNode Join(IReadOnlyList<DocNode> args, int line, string path)
    {
        var delimiter = Text(Resolve(args[0], path)) ?? throw Bad("Fn::Join needs a delimiter string", line, path);
        var list = Resolve(args[1], path);
        if (list is not DocSequence sequence)
        {
            // The joined list is unknown: the result is a string, nothing of which is known.
            return list.FindUnknown() is { } unknownList ? unknownList with { Pattern = "*" } : throw Bad("Fn::Join needs a list to join", line, path);
        }

        var parts = new List<(string? Known, DocNode? Unknown)>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (i > 0)
            {
                parts.Add((delimiter, null));
            }

            var item = sequence.Items[i];
            parts.Add(Text(item) is { } text ? (text, null)
                : item.FindUnknown() is { } unknown ? (null, unknown)
                : throw Bad("Fn::Join can join only strings", line, path));
        }

        return Text(parts, line);
    }

    private DocNode Select(IReadOnlyList<DocNode> args, int line, string path)
    {
        var index = Resolve(args[0], path);
        var list = Resolve(args[1], path);
        if (index.FindUnknown() is { } u1)
        {
            return u1;
        }

        if (list is not DocSequence sequence)
        {
            return list.FindUnknown() ?? throw Bad("Fn::Select needs a list", line, path);
        }

        if (!int.TryParse(Text(index), NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= sequence.Items.Count)
        {
            throw Bad($"Fn::Select index '{index}' is not within the list of {sequence.Items.Count}", line, path);
        }

        return sequence.Items[i];
    }

    private DocNode Split(IReadOnlyList<DocNode> args, int line)
    {
        var delimiter = Resolve(args[0], string.Empty);
        var source = Resolve(args[1], string.Empty);
        if ((delimiter.FindUnknown() ?? source.FindUnknown()) is { } unknown)
        {
            return unknown;
        }

        var text = Text(source) ?? string.Empty;
        var by = Text(delimiter) ?? string.Empty;
        return new DocSequence([.. text.Split(by).Select(p => (DocNode)new DocScalar(p, line))], line);
    }

    private DocNode If(IReadOnlyList<DocNode> args, int line, string path)
    {
        var name = Text(args[0]) ?? throw Bad("Fn::If needs a condition name first", line, path);
        var value = Condition(name, line, path, out var reason);
        if (value is { } known)
        {
            return Resolve(known ? args[1] : args[2], known ? $"{path}[1]" : $"{path}[2]");
        }

        // Both branches alike: the value does not depend on the condition.
        var (a, b) = (Resolve(args[1], $"{path}[1]"), Resolve(args[2], $"{path}[2]"));
        return Same(a, b) && a.FindUnknown() is null ? a : Unknown(reason!, line);
    }

    private DocNode Logical(bool and, DocNode argument, int line, string path)
    {
        if (argument is not DocSequence { Items.Count: >= 2 } items)
        {
            throw Bad($"{(and ? "Fn::And" : "Fn::Or")} needs a list of 2 to 10 conditions", line, path);
        }

        string? unknownReason = null;
        foreach (var item in items.Items)
        {
            var value = Bool(Resolve(item, path), out var reason);
            if (value == !and)
            {
                // Or: any true decides; And: any false decides, even when others are unknown.
                return new DocScalar(and ? "false" : "true", line);
            }

            unknownReason ??= reason;
        }

        return unknownReason is null ? new DocScalar(and ? "true" : "false", line) : Unknown(unknownReason, line);
    }

    private DocNode FindInMap(DocNode argument, int line, string path)
    {
        var args = Resolve(argument, path);
        if (args.FindUnknown() is { } unknown)
        {
            return unknown;
        }

        if (args is not DocSequence { Items.Count: >= 3 } keys || keys.Items.Take(3).Any(k => Text(k) is null))
        {
            throw Bad("Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey]", line, path);
        }

        var (map, top, second) = (Text(keys.Items[0])!, Text(keys.Items[1])!, Text(keys.Items[2])!);
        if (_stack.Mappings.TryGetValue(map, out var mapping) && mapping[top] is DocMapping level && level[second] is { } found)
        {
            return found;
        }

        if (keys.Items.Count == 4 && keys.Items[3] is DocMapping { } fallback && fallback["DefaultValue"] is { } defaultValue)
        {
            return defaultValue;
        }

        throw Bad($"Fn::FindInMap: mapping {map} has no {top}/{second}", line, path);
    }

    private static bool Same(DocNode a, DocNode b) => (a, b) switch
    {
        (DocScalar x, DocScalar y) => string.Equals(x.Value, y.Value, StringComparison.Ordinal),
        _ => a.ToJson() is { } ja && string.Equals(ja, b.ToJson(), StringComparison.Ordinal),
    };
}
