using System.Text.Json;

namespace GluePassRole.Diagnostics.Reporting;

#pragma warning disable SA1402, SA1649 // the log's parts read best together

/// <summary>
/// One run of a SARIF 2.1.0 log (OASIS), the subset GitHub code scanning reads. Every SARIF the tool writes
/// (<c>investigate</c>, <c>audit</c>, <c>check</c>, <c>policy validate</c>) is mapped from the shared finding model by
/// <see cref="ReportSarif"/> to this model and written by <see cref="SarifWriter"/>; nothing else builds it.
/// </summary>
/// <param name="Rules">The rules, in the order results refer to them by <c>ruleIndex</c>.</param>
/// <param name="Results">One result per finding.</param>
internal sealed record SarifRun(IReadOnlyList<SarifRule> Rules, IReadOnlyList<SarifResult> Results)
{
    /// <summary>The tool's version, when known.</summary>
    public string? SemanticVersion { get; init; }

    /// <summary>Where to read about the tool.</summary>
    public string? InformationUri { get; init; }

    /// <summary>
    /// The description of the <c>%SRCROOT%</c> base that relative result URIs resolve against, written in
    /// <c>originalUriBaseIds</c> without its absolute URI (which would put a local path in the log): the consumer (code
    /// scanning: the repository's checkout) decides where it is.
    /// </summary>
    public string? SourceRoot { get; init; }

    /// <summary>Whether the run read everything it was given; written as an invocation when set.</summary>
    public bool? ExecutionSuccessful { get; init; }

    /// <summary>Errors of the run itself (a file that could not be read), as tool execution notifications.</summary>
    public IReadOnlyList<SarifNotification> ErrorNotifications { get; init; } = [];

    /// <summary>Properties of the run itself, e.g. where the data it read came from.</summary>
    public IReadOnlyList<SarifProperty> Properties { get; init; } = [];
}

/// <summary>A rule: what a kind of result means.</summary>
/// <param name="Id">The stable id results refer to.</param>
/// <param name="ShortDescription">One sentence.</param>
internal sealed record SarifRule(string Id, string ShortDescription)
{
    /// <summary>A readable name, when it differs from nothing.</summary>
    public string? Name { get; init; }

    /// <summary>The longer description.</summary>
    public string? FullDescription { get; init; }

    /// <summary>Help text shown beside a result.</summary>
    public string? HelpText { get; init; }

    /// <summary>Where the rule is documented.</summary>
    public string? HelpUri { get; init; }

    /// <summary>The rule's default level (<c>error</c>, <c>warning</c>, <c>note</c>).</summary>
    public string? DefaultLevel { get; init; }

    /// <summary>Extra properties of the rule.</summary>
    public IReadOnlyList<SarifProperty> Properties { get; init; } = [];

    /// <summary>Tags, e.g. <c>security</c>, which code scanning uses to class a rule.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>An error of the run itself, with the file it is about.</summary>
/// <param name="Message">What went wrong.</param>
internal sealed record SarifNotification(string Message)
{
    /// <summary>Where, when it is about a file.</summary>
    public IReadOnlyList<SarifLocation> Locations { get; init; } = [];
}

/// <summary>Where a result is: a file (with a region) and the logical things it is about.</summary>
/// <param name="Uri">The file, relative to <see cref="UriBaseId"/> when that is set; <see langword="null"/> for a logical location alone.</param>
internal sealed record SarifLocation(string? Uri)
{
    /// <summary>The base the relative <see cref="Uri"/> resolves against, e.g. <c>%SRCROOT%</c>.</summary>
    public string? UriBaseId { get; init; }

    /// <summary>The first line, 1-based.</summary>
    public int? StartLine { get; init; }

    /// <summary>The first column, 1-based.</summary>
    public int? StartColumn { get; init; }

    /// <summary>Logical locations: principals, roles, policies, IaC resources.</summary>
    public IReadOnlyList<string> LogicalNames { get; init; } = [];

    /// <summary>The kind of every logical location, e.g. <c>resource</c>.</summary>
    public string? LogicalKind { get; init; }
}

/// <summary>One finding.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Level"><c>error</c>, <c>warning</c>, <c>note</c>, or <c>none</c> when <see cref="Kind"/> is set.</param>
/// <param name="Message">What was found.</param>
internal sealed record SarifResult(string RuleId, string Level, string Message)
{
    /// <summary>The result's kind when it is not <c>fail</c> (the default): <c>open</c>, <c>review</c>, <c>pass</c>, <c>informational</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>The rule's index in <see cref="SarifRun.Rules"/>, when it is there.</summary>
    public int? RuleIndex { get; init; }

    /// <summary>Where the result is.</summary>
    public IReadOnlyList<SarifLocation> Locations { get; init; } = [];

    /// <summary>Stable identities, so code scanning follows a result across runs.</summary>
    public IReadOnlyList<SarifProperty> PartialFingerprints { get; init; } = [];

    /// <summary>Extra properties of the result.</summary>
    public IReadOnlyList<SarifProperty> Properties { get; init; } = [];
}

/// <summary>A named property: a string or an integer.</summary>
/// <param name="Name">The name.</param>
/// <param name="Text">The value as text, when it is text.</param>
/// <param name="Number">The value as a number, when it is one.</param>
internal readonly record struct SarifProperty(string Name, string? Text, int? Number = null)
{
    public static SarifProperty Of(string name, string value) => new(name, value);

    public static SarifProperty Of(string name, int value) => new(name, null, value);
}

/// <summary>Writes a <see cref="SarifRun"/> as a SARIF 2.1.0 log, in the project's JSON text form (<see cref="JsonText"/>).</summary>
internal static class SarifWriter
{
    /// <summary>The base id relative result URIs name, as code scanning and other SARIF producers spell it.</summary>
    public const string SourceRootId = "%SRCROOT%";

    private const string ToolName = "glue-passrole";

    /// <summary>The log, ending with a line break.</summary>
    public static string Write(SarifRun run) => JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, run);
            if (run.SourceRoot is { } root)
            {
                json.WriteStartObject("originalUriBaseIds");
                json.WriteStartObject(SourceRootId);
                WriteText(json, "description", root);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            if (run.ExecutionSuccessful is bool successful)
            {
                WriteInvocation(json, successful, run.ErrorNotifications);
            }

            json.WriteStartArray("results");
            foreach (var result in run.Results)
            {
                WriteResult(json, result);
            }

            json.WriteEndArray();
            if (run.Properties.Count > 0)
            {
                json.WriteStartObject("properties");
                WriteProperties(json, run.Properties);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WriteTool(Utf8JsonWriter json, SarifRun run)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolName);
        WriteIfSet(json, "semanticVersion", run.SemanticVersion);
        WriteIfSet(json, "informationUri", run.InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in run.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            WriteIfSet(json, "name", rule.Name);
            WriteText(json, "shortDescription", rule.ShortDescription);
            if (rule.FullDescription is { } full)
            {
                WriteText(json, "fullDescription", full);
            }

            if (rule.HelpText is { } help)
            {
                WriteText(json, "help", help);
            }

            WriteIfSet(json, "helpUri", rule.HelpUri);
            if (rule.DefaultLevel is { } level)
            {
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", level);
                json.WriteEndObject();
            }

            if (rule.Properties.Count > 0 || rule.Tags.Count > 0)
            {
                json.WriteStartObject("properties");
                WriteProperties(json, rule.Properties);
                if (rule.Tags.Count > 0)
                {
                    json.WriteStartArray("tags");
                    foreach (var tag in rule.Tags)
                    {
                        json.WriteStringValue(tag);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, bool successful, IReadOnlyList<SarifNotification> errors)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", successful);
        if (errors.Count > 0)
        {
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var error in errors)
            {
                json.WriteStartObject();
                if (error.Locations.Count > 0)
                {
                    json.WriteStartArray("locations");
                    foreach (var location in error.Locations)
                    {
                        WriteLocation(json, location);
                    }

                    json.WriteEndArray();
                }

                json.WriteString("level", "error");
                WriteText(json, "message", error.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, SarifResult result)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", result.RuleId);
        if (result.RuleIndex is int index)
        {
            json.WriteNumber("ruleIndex", index);
        }

        WriteIfSet(json, "kind", result.Kind);
        json.WriteString("level", result.Level);
        WriteText(json, "message", result.Message);
        if (result.Locations.Count > 0)
        {
            json.WriteStartArray("locations");
            foreach (var location in result.Locations)
            {
                WriteLocation(json, location);
            }

            json.WriteEndArray();
        }

        if (result.PartialFingerprints.Count > 0)
        {
            json.WriteStartObject("partialFingerprints");
            WriteProperties(json, result.PartialFingerprints);
            json.WriteEndObject();
        }

        if (result.Properties.Count > 0)
        {
            json.WriteStartObject("properties");
            WriteProperties(json, result.Properties);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, SarifLocation location)
    {
        json.WriteStartObject();
        if (location.Uri is { } uri)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", uri);
            WriteIfSet(json, "uriBaseId", location.UriBaseId);
            json.WriteEndObject();
            if (location.StartLine is int line)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", line);
                if (location.StartColumn is int column)
                {
                    json.WriteNumber("startColumn", column);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        if (location.LogicalNames.Count > 0)
        {
            json.WriteStartArray("logicalLocations");
            foreach (var name in location.LogicalNames)
            {
                json.WriteStartObject();
                json.WriteString("fullyQualifiedName", name);
                WriteIfSet(json, "kind", location.LogicalKind);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter json, IReadOnlyList<SarifProperty> properties)
    {
        foreach (var property in properties)
        {
            if (property.Number is int number)
            {
                json.WriteNumber(property.Name, number);
            }
            else
            {
                json.WriteString(property.Name, property.Text);
            }
        }
    }

    private static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
