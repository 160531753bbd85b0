namespace GluePassRole.Diagnostics.Sources;

/// <summary>
/// Marks an account source read from infrastructure-as-code (templates, a CDK cloud assembly, Terraform plans): what it
/// lacks is added to the IaC, not saved with the AWS CLI, so reports give no <c>aws glue get-job &gt; FILE</c> hints.
/// </summary>
internal interface IInfrastructureAsCodeSource;
