namespace GluePassRole.Diagnostics.Iac;

/// <summary>What to read as an account: CloudFormation templates, a CDK cloud assembly, Terraform plans, optionally on top of a snapshot.</summary>
/// <remarks>
/// Intrinsic functions and pseudo parameters are resolved with <see cref="AccountId"/>, <see cref="Region"/> and
/// <see cref="Partition"/>. Defaults: the snapshot's account when there is one, else <c>123456789012</c>;
/// Region <c>us-east-1</c>; the partition that Region belongs to.
/// </remarks>
public sealed record IacSourceOptions
{
    /// <summary>The account used when neither <see cref="AccountId"/> nor a snapshot says one.</summary>
    public const string DefaultAccountId = "123456789012";

    /// <summary>The Region used when <see cref="Region"/> is not set.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>CloudFormation templates (JSON or YAML), each read as its own stack.</summary>
    public IReadOnlyList<string> Templates { get; init; } = [];

    /// <summary>A CDK cloud assembly folder (<c>cdk.out</c>, with <c>manifest.json</c>); every stack in it is read.</summary>
    public string? CdkOutDirectory { get; init; }

    /// <summary>Terraform plans as JSON (<c>terraform show -json plan.out &gt; plan.json</c>).</summary>
    public IReadOnlyList<string> TerraformPlans { get; init; } = [];

    /// <summary>An account snapshot folder the IaC is laid on: entities the IaC does not define are read from it.</summary>
    public string? SnapshotDirectory { get; init; }

    /// <summary>The 12-digit account the IaC is deployed to (<c>AWS::AccountId</c>).</summary>
    public string? AccountId { get; init; }

    /// <summary>The Region the IaC is deployed to (<c>AWS::Region</c>).</summary>
    public string? Region { get; init; }

    /// <summary>The partition (<c>AWS::Partition</c>); derived from <see cref="Region"/> when not set.</summary>
    public string? Partition { get; init; }

    /// <summary>The stack name (<c>AWS::StackName</c>) for a single template, or for the one template the others are nested stacks of; otherwise each template's file name without extension, or the CDK stack name.</summary>
    public string? StackName { get; init; }

    /// <summary>Template parameter values (<c>--parameter K=V</c>); they win over <see cref="ParameterFiles"/> and over defaults.</summary>
    /// <remarks>
    /// A value given here is the value the parameter resolves to, also for an SSM parameter type
    /// (<c>AWS::SSM::Parameter::Value&lt;String&gt;</c>), whose value in a parameters file or default is the SSM parameter's
    /// name and so unknown before deploy. A key may also be a dynamic reference as the template writes it, to give the value
    /// it resolves to: <c>{{resolve:ssm:/org/glue/role-arn}}</c> (the braces may be left out).
    /// </remarks>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Parameter files: the AWS CLI form (<c>[{"ParameterKey": "K", "ParameterValue": "V"}]</c>), the CodePipeline form
    /// (<c>{"Parameters": {"K": "V"}}</c>) or a plain <c>{"K": "V"}</c> map.
    /// </summary>
    public IReadOnlyList<string> ParameterFiles { get; init; } = [];

    /// <summary>The largest template read, in bytes.</summary>
    /// <value>The default is 4 MiB; CloudFormation itself accepts templates of up to 1 MB.</value>
    public long MaxTemplateBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>The largest Terraform plan read, in bytes.</summary>
    /// <value>The default is 256 MiB.</value>
    public long MaxPlanBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Whether any IaC source is named.</summary>
    public bool HasIac => Templates.Count > 0 || CdkOutDirectory is not null || TerraformPlans.Count > 0;

    /// <summary>The partition of a Region: <c>aws-cn</c> for <c>cn-*</c>, <c>aws-us-gov</c> for <c>us-gov-*</c>, else <c>aws</c>.</summary>
    /// <param name="region">The Region.</param>
    /// <returns>The partition.</returns>
    public static string PartitionOf(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : region.StartsWith("us-iso-", StringComparison.Ordinal) ? "aws-iso"
            : region.StartsWith("us-isob-", StringComparison.Ordinal) ? "aws-iso-b"
            : "aws";
    }
}
