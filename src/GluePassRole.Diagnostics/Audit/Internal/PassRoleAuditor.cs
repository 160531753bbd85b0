using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>The audit over the registered account sources; each call is a fresh, independent run.</summary>
internal sealed class PassRoleAuditor : IPassRoleAuditor
{
    private readonly IIamReader _iam;
    private readonly IIamInventoryReader? _inventory;
    private readonly IOrganizationsReader? _organizations;
    private readonly IAccountIdentitySource? _identity;
    private readonly PassRoleAuditOptions _options;
    private readonly IGlueJobDirectory? _glue;

    /// <param name="iam">Reads the principals' policies.</param>
    /// <param name="inventory">Lists the users and roles.</param>
    /// <param name="organizations">Reads the SCPs.</param>
    /// <param name="identity">Names the account when no ARN does.</param>
    /// <param name="options">The audit's options.</param>
    /// <param name="glue">
    /// Lists the source's Glue resources (a role one runs as is in use, not dead); by default the IAM reader when it can
    /// (a snapshot, the IaC). A live account lists none.
    /// </param>
    public PassRoleAuditor(IIamReader iam, IIamInventoryReader? inventory, IOrganizationsReader? organizations, IAccountIdentitySource? identity, PassRoleAuditOptions? options = null, IGlueJobDirectory? glue = null)
    {
        ArgumentNullException.ThrowIfNull(iam);
        _iam = iam;
        _inventory = inventory;
        _organizations = organizations;
        _identity = identity;
        _options = options ?? new PassRoleAuditOptions();
        _glue = glue ?? iam as IGlueJobDirectory;
    }

    /// <summary>Whether to decide only the pairs a PassRole allow can reach (the default) or every pair (for the equivalence test).</summary>
    internal bool PrunePairs { get; init; } = true;

    /// <summary>
    /// Creates the auditor from a container. The IAM reader lists the account itself when it can (a snapshot); otherwise
    /// a registered <see cref="IIamInventoryReader"/> does (the live source). The Glue resources are listed by the
    /// registered <see cref="IGlueJobDirectory"/> when a source is (a snapshot, the IaC), else by the registered
    /// <see cref="IGlueReader"/> when it can list (the live source, which is not registered as a directory so that
    /// <c>investigate</c> without a job name picks no job live, as before).
    /// </summary>
    public static PassRoleAuditor Create(IServiceProvider services)
    {
        var iam = services.GetRequiredService<IIamReader>();
        return new PassRoleAuditor(
            iam,
            iam as IIamInventoryReader ?? services.GetService<IIamInventoryReader>(),
            services.GetService<IOrganizationsReader>(),
            services.GetService<IAccountIdentitySource>(),
            services.GetService<IOptions<PassRoleAuditOptions>>()?.Value,
            services.GetService<IGlueJobDirectory>() is { } glue and not NoAccountSource ? glue
                : services.GetService<IGlueReader>() is IGlueJobDirectory reader and not NoAccountSource ? reader : null);
    }

    public async ValueTask<PassRoleAuditReport> AuditAsync(IProgress<PassRoleAuditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_inventory is null)
        {
            return new PassRoleAuditReport
            {
                Account = "unknown",
                Unknowns =
                [
                    new AuditUnknown("unknown", "the account's IAM users and roles", "The account source cannot list users and roles: use a snapshot or the live AWS source (it needs iam:ListUsers and iam:ListRoles).")
                    {
                        MissingPermission = "iam:ListUsers",
                    },
                ],
            };
        }

        var resolver = new EffectivePolicyResolver(_iam, _organizations);
        return await new AuditRun(_inventory, resolver, _identity, _glue, _options.Request ?? Requests.RequestOptions.Default, PrunePairs, _options.PerPair, progress, cancellationToken).ExecuteAsync().ConfigureAwait(false);
    }
}
