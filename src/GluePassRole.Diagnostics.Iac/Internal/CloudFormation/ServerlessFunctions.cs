using GluePassRole.Diagnostics.Iac.Internal.Documents;

namespace GluePassRole.Diagnostics.Iac.Internal.CloudFormation;

/// <summary>
/// The part of the SAM transform (<c>AWS::Serverless-2016-10-31</c>) that makes IAM: an <c>AWS::Serverless::Function</c>
/// with no <c>Role</c> gets the role SAM generates (AWS SAM Developer Guide, "AWS::Serverless::Function", Policies and
/// "Generated AWS CloudFormation resources"): logical ID <c>&lt;FunctionId&gt;Role</c>, trusted by
/// <c>lambda.amazonaws.com</c>, with <c>AWSLambdaBasicExecutionRole</c>, the managed policies the function's
/// <c>Policies</c> names (names or ARNs), its inline statements as <c>&lt;FunctionId&gt;RolePolicy&lt;n&gt;</c>, and
/// its <c>PermissionsBoundary</c>. A SAM policy template (<c>S3ReadPolicy: {...}</c>) is not expanded: its statement
/// is unknown.
/// </summary>
internal static class ServerlessFunctions
{
    public static DocNode Expand(DocNode root, string partition)
    {
        if (root is not DocMapping template || template["Resources"] is not DocMapping resources
            || !resources.Entries.Any(e => e.Value is DocMapping r && r["Type"] is DocScalar { Value: "AWS::Serverless::Function" }))
        {
            return root;
        }

        var globals = template["Globals"] is DocMapping g && g["Function"] is DocMapping f ? f : null;
        var entries = new List<KeyValuePair<string, DocNode>>(resources.Entries);
        foreach (var (id, node) in resources.Entries)
        {
            if (node is not DocMapping { } function || function["Type"] is not DocScalar { Value: "AWS::Serverless::Function" })
            {
                continue;
            }

            var properties = function["Properties"] as DocMapping;
            var roleId = id + "Role";
            if (properties?["Role"] is not null || globals?["Role"] is not null || resources[roleId] is not null)
            {
                continue;
            }

            entries.Add(new(roleId, Role(id, function, properties, globals, partition) with { KeyLine = function.KeyLine }));
        }

        return template with
        {
            Entries = [.. template.Entries.Select(e => e.Key == "Resources" ? new KeyValuePair<string, DocNode>(e.Key, resources with { Entries = entries }) : e)],
        };
    }

    private static DocMapping Role(string id, DocMapping function, DocMapping? properties, DocMapping? globals, string partition)
    {
        var line = function.Line;
        DocScalar S(string value) => new(value, line);
        DocMapping M(params (string Key, DocNode Value)[] entries) => new([.. entries.Select(e => new KeyValuePair<string, DocNode>(e.Key, e.Value))], line);

        var trust = properties?["AssumeRolePolicyDocument"] ?? M(
            ("Version", S("2012-10-17")),
            ("Statement", new DocSequence([M(("Effect", S("Allow")), ("Principal", M(("Service", S("lambda.amazonaws.com")))), ("Action", S("sts:AssumeRole")))], line)));
        var managed = new List<DocNode> { S($"arn:{partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole") };
        var inline = new List<DocNode>();
        var policies = properties?["Policies"] switch
        {
            null => [],
            DocSequence list => list.Items,
            var single => [single],
        };
        foreach (var policy in policies)
        {
            switch (policy)
            {
                case DocScalar { Value: var name } when name.StartsWith("arn:", StringComparison.Ordinal):
                    managed.Add(policy);
                    break;
                case DocScalar { Value: var name }:
                    // SAM turns a managed policy's name into its ARN (arn:aws:iam::aws:policy/NAME).
                    managed.Add(S($"arn:{partition}:iam::aws:policy/{name}") with { KeyLine = policy.KeyLine });
                    break;
                case DocMapping document when document["Statement"] is not null:
                    inline.Add(M(("PolicyName", S($"{id}RolePolicy{inline.Count}")), ("PolicyDocument", document)));
                    break;
                case DocMapping { SingleKey: { } key } when key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal):
                    managed.Add(policy);
                    break;
                case DocMapping { SingleKey: { } template }:
                    // A SAM policy template: SAM expands it into statements this reader does not model.
                    var unknown = new DocUnknown($"SAM policy template {template} on function {id} is not expanded", policy.Line) { Pattern = "*" };
                    inline.Add(M(
                        ("PolicyName", S($"{id}RolePolicy{inline.Count}")),
                        ("PolicyDocument", M(("Version", S("2012-10-17")), ("Statement", new DocSequence([M(("Effect", S("Allow")), ("Action", unknown), ("Resource", unknown))], line))))));
                    break;
                default:
                    managed.Add(new DocUnknown($"an entry of the Policies of function {id} is not a policy SAM reads", policy.Line) { Pattern = "*" });
                    break;
            }
        }

        var roleProperties = new List<(string, DocNode)>
        {
            ("AssumeRolePolicyDocument", trust),
            ("ManagedPolicyArns", new DocSequence(managed, line)),
        };
        if (inline.Count > 0)
        {
            roleProperties.Add(("Policies", new DocSequence(inline, line)));
        }

        if ((properties?["PermissionsBoundary"] ?? globals?["PermissionsBoundary"]) is { } boundary)
        {
            roleProperties.Add(("PermissionsBoundary", boundary));
        }

        var role = new List<(string, DocNode)> { ("Type", S("AWS::IAM::Role")), ("Properties", M([.. roleProperties])) };
        if (function["Condition"] is { } condition)
        {
            role.Add(("Condition", condition));
        }

        return M([.. role]);
    }
}
