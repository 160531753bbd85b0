using System.Text.Json;

namespace GluePassRole.Diagnostics.Preflight;

/// <summary>
/// Reads the Glue API's JSON shapes (as <c>aws glue get-job</c>, <c>get-security-configuration</c> and
/// <c>get-connection</c> print them, and as the service returns them): one reader for snapshots and live sources.
/// </summary>
public static class GlueJobJson
{
    /// <summary>Reads a <c>Job</c> object.</summary>
    /// <param name="job">The <c>Job</c> object.</param>
    /// <param name="location">Where it was read, for messages.</param>
    /// <returns>The definition, or <see langword="null"/> when the object has no <c>Name</c> or <c>Role</c>.</returns>
    public static GlueJobDefinition? ReadJob(JsonElement job, string? location = null)
    {
        if (job.ValueKind != JsonValueKind.Object || Text(job, "Name") is not { } name || Text(job, "Role") is not { } role)
        {
            return null;
        }

        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in (string[])["DefaultArguments", "NonOverridableArguments"])
        {
            if (job.TryGetProperty(member, out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var argument in values.EnumerateObject().Where(a => a.Value.ValueKind == JsonValueKind.String))
                {
                    arguments[argument.Name] = argument.Value.GetString()!;
                }
            }
        }

        var connections = new List<string>();
        if (job.TryGetProperty("Connections", out var list) && list.ValueKind == JsonValueKind.Object
            && list.TryGetProperty("Connections", out var names) && names.ValueKind == JsonValueKind.Array)
        {
            connections.AddRange(names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!));
        }

        return new GlueJobDefinition(name, role)
        {
            ScriptLocation = job.TryGetProperty("Command", out var command) && command.ValueKind == JsonValueKind.Object ? Text(command, "ScriptLocation") : null,
            Arguments = arguments,
            Connections = connections,
            SecurityConfiguration = Text(job, "SecurityConfiguration"),
            Location = location,
        };
    }

    /// <summary>Reads a <c>SecurityConfiguration</c> object.</summary>
    /// <param name="configuration">The object.</param>
    /// <param name="name">The name asked for, when the object has none.</param>
    /// <returns>The configuration.</returns>
    public static GlueSecurityConfiguration ReadSecurityConfiguration(JsonElement configuration, string name)
    {
        var result = new GlueSecurityConfiguration(Text(configuration, "Name") ?? name);
        if (configuration.ValueKind != JsonValueKind.Object || !configuration.TryGetProperty("EncryptionConfiguration", out var encryption) || encryption.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        if (encryption.TryGetProperty("S3Encryption", out var s3) && s3.ValueKind == JsonValueKind.Array
            && s3.EnumerateArray().FirstOrDefault(e => e.ValueKind == JsonValueKind.Object) is { ValueKind: JsonValueKind.Object } first)
        {
            result = result with { S3EncryptionMode = Text(first, "S3EncryptionMode"), S3KmsKeyArn = Text(first, "KmsKeyArn") };
        }

        if (encryption.TryGetProperty("CloudWatchEncryption", out var logs) && logs.ValueKind == JsonValueKind.Object)
        {
            result = result with { CloudWatchEncryptionMode = Text(logs, "CloudWatchEncryptionMode"), CloudWatchKmsKeyArn = Text(logs, "KmsKeyArn") };
        }

        if (encryption.TryGetProperty("JobBookmarksEncryption", out var bookmarks) && bookmarks.ValueKind == JsonValueKind.Object)
        {
            result = result with { JobBookmarksEncryptionMode = Text(bookmarks, "JobBookmarksEncryptionMode"), JobBookmarksKmsKeyArn = Text(bookmarks, "KmsKeyArn") };
        }

        return result;
    }

    /// <summary>Reads a <c>Connection</c> object.</summary>
    /// <param name="connection">The object.</param>
    /// <param name="name">The name asked for, when the object has none.</param>
    /// <returns>The connection.</returns>
    public static GlueConnection ReadConnection(JsonElement connection, string name)
    {
        string? secret = null;
        if (connection.TryGetProperty("ConnectionProperties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            secret = Text(properties, "SECRET_ID");
        }

        if (secret is null && connection.TryGetProperty("AuthenticationConfiguration", out var authentication) && authentication.ValueKind == JsonValueKind.Object)
        {
            secret = Text(authentication, "SecretArn");
        }

        return new GlueConnection(Text(connection, "Name") ?? name)
        {
            ConnectionType = Text(connection, "ConnectionType"),
            SecretId = secret,
            SubnetId = connection.TryGetProperty("PhysicalConnectionRequirements", out var physical) && physical.ValueKind == JsonValueKind.Object ? Text(physical, "SubnetId") : null,
        };
    }

    private static string? Text(JsonElement owner, string property) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
