namespace GluePassRole.Diagnostics.Sources;

/// <summary>All four ports in one object: what an account snapshot, or the absence of one, serves.</summary>
internal interface IAccountSource : IAccountIdentitySource, IIamReader, IGlueReader, IOrganizationsReader, IGlueJobDirectory;
