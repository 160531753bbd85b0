using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Fixes;

/// <summary>The form a <see cref="TemplateChange"/> snippet is written in: the form of the file it goes into.</summary>
public enum TemplateChangeFormat
{
    /// <summary>CloudFormation or SAM YAML (short-form tags such as <c>!GetAtt</c>).</summary>
    Yaml,

    /// <summary>CloudFormation JSON (a CDK cloud assembly's templates too).</summary>
    Json,

    /// <summary>Terraform configuration (HCL), for a resource a Terraform plan holds.</summary>
    Hcl,
}

/// <summary>
/// A fix as a change to the infrastructure-as-code that defines its target, instead of an AWS CLI command on the deployed
/// account: the snippet to add, in the file's own form, and where it goes (the file, line, logical ID or Terraform
/// address, and the property). The statement it adds is the one the fix was verified with; a role the same template or
/// configuration defines is named by reference (<c>!GetAtt Role.Arn</c>, <c>aws_iam_role.r.arn</c>), not by its name.
/// </summary>
/// <param name="Format">The form of <paramref name="Snippet"/>.</param>
/// <param name="File">The template or plan file.</param>
/// <param name="Resource">The logical ID (CloudFormation) or resource address (Terraform) the change is made at.</param>
/// <param name="Description">The change in words, e.g. <c>add this Policies entry to the Properties of GlueAccess (AWS::IAM::Group)</c>.</param>
/// <param name="Snippet">The text to add: a YAML or JSON document, or HCL, valid on its own.</param>
public sealed record TemplateChange(TemplateChangeFormat Format, string File, string Resource, string Description, string Snippet)
{
    /// <summary>The 1-based line of the resource (or property) the change is made at, when known (Terraform plans carry none).</summary>
    public int? Line { get; init; }

    /// <summary>The property the snippet goes into, e.g. <c>Properties.Policies</c> or <c>Properties.PolicyDocument.Statement</c>; <see langword="null"/> for a new Terraform resource.</summary>
    public string? Property { get; init; }

    /// <summary>The type of the resource at <see cref="Resource"/>, e.g. <c>AWS::IAM::Group</c> or <c>aws_iam_group</c>.</summary>
    public string? ResourceType { get; init; }

    /// <summary>The statement the snippet adds, as the fix's verification evaluated it (with literal ARNs).</summary>
    public PolicyStatement? Statement { get; init; }

    /// <summary>Where, in words: <c>FILE:LINE (LogicalId.Property)</c>.</summary>
    public string Where => $"{File}{(Line is > 0 ? $":{Line}" : string.Empty)} ({Resource}{(Property is null ? string.Empty : $".{Property}")})";

    /// <inheritdoc />
    /// <returns>The description, where, and the snippet.</returns>
    public override string ToString() => $"{Description}, at {Where}:{Environment.NewLine}{Snippet}";
}

/// <summary>
/// Writes a fix as a change to the infrastructure-as-code the account source was read from, when the source defines the
/// fix's target (registered by the IaC source).
/// </summary>
internal interface ITemplateChangeWriter
{
    /// <summary>The template change that makes <paramref name="fix"/>, or <see langword="null"/> when its target is not defined by the IaC.</summary>
    /// <param name="fix">The fix planned.</param>
    /// <param name="statement">The least-privilege statement the fix adds.</param>
    TemplateChange? For(ProposedFix fix, PolicyStatement statement);

    /// <summary>The template change that adds <paramref name="statement"/> to the trust policy of role <paramref name="roleName"/>, or <see langword="null"/> when the IaC does not define it.</summary>
    /// <param name="roleName">The role's name (or logical ID or address).</param>
    /// <param name="statement">The statement that lets the service assume the role.</param>
    TemplateChange? Trust(string roleName, PolicyStatement statement);
}
