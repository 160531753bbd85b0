namespace GluePassRole.Diagnostics.Aws.Internal.Protocol;

/// <summary>What a small client needs to know about its service: names, version and where its endpoints are.</summary>
/// <param name="ServiceId">The SDK service ID (also the suffix of <c>AWS_ENDPOINT_URL_*</c>).</param>
/// <param name="SigningName">The SigV4 signing name.</param>
/// <param name="EndpointPrefix">The host prefix.</param>
/// <param name="ApiVersion">The API version.</param>
/// <param name="Global">Whether the service has one endpoint per partition (IAM, Organizations) rather than one per region.</param>
internal sealed record ServiceDescription(string ServiceId, string SigningName, string EndpointPrefix, string ApiVersion, bool Global)
{
    public static readonly ServiceDescription Iam = new("IAM", "iam", "iam", "2010-05-08", Global: true);

    public static readonly ServiceDescription Glue = new("Glue", "glue", "glue", "2017-03-31", Global: false);

    public static readonly ServiceDescription Organizations = new("Organizations", "organizations", "organizations", "2016-11-28", Global: true);

    /// <summary>IAM Identity Center's admin API (service model sso-admin 2020-07-20): signing name and endpoint prefix <c>sso</c>, regional.</summary>
    public static readonly ServiceDescription SsoAdmin = new("SSO Admin", "sso", "sso", "2020-07-20", Global: false);
}
