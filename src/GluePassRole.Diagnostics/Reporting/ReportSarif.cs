using System.Reflection;
using GluePassRole.Diagnostics.Policies.Reporting;

namespace GluePassRole.Diagnostics.Reporting;

/// <summary>An input file that could not be read: said in the log as a tool execution notification and as a result.</summary>
/// <param name="Message">Why, in one sentence (may name the file by its full path; the log names it relative to the root).</param>
/// <param name="Location">The file, and its line when known.</param>
internal sealed record UnreadInput(string Message, ReportLocation Location);

/// <summary>What one SARIF log is written from: the rules, the findings, and what the run could not read.</summary>
/// <param name="Rules">The rules findings refer to (a finding whose code has none gets one named by its code).</param>
/// <param name="Findings">The findings, in report order.</param>
internal sealed record SarifReport(IReadOnlyList<ReportRule> Rules, IReadOnlyList<ReportFinding> Findings)
{
    /// <summary>The folder result URIs are relative to (<c>%SRCROOT%</c>): <c>--sarif-root</c>, by default the current folder.</summary>
    public string SourceRoot { get; init; } = Environment.CurrentDirectory;

    /// <summary>Where a finding that names no location is: the input (a template, a snapshot file), or a logical location (a live account).</summary>
    public ReportLocation? DefaultLocation { get; init; }

    /// <summary>Input files that could not be read; the run is then not successful.</summary>
    public IReadOnlyList<UnreadInput> Unreadable { get; init; } = [];

    /// <summary>Other files the run read, whose full paths are written relative to the root wherever a message or property names them.</summary>
    public IReadOnlyList<string> InputFiles { get; init; } = [];

    /// <summary>The name of the partial fingerprint findings with a <see cref="ReportFinding.Fingerprint"/> carry.</summary>
    public string FingerprintName { get; init; } = "glue-passrole/v1";

    /// <summary>The tool's version (the package's, without the commit).</summary>
    public string? SemanticVersion { get; init; } = ToolVersion();

    /// <summary>Properties of the run (e.g. where the data came from).</summary>
    public IReadOnlyList<ReportFact> Properties { get; init; } = [];

    private static string ToolVersion()
    {
        var version = typeof(SarifReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}

/// <summary>
/// The one mapping from the shared finding model (<see cref="ReportFinding"/>) to SARIF 2.1.0, used by every command that
/// writes SARIF (<c>audit</c>, <c>check</c>, <c>policy validate</c>): the same rule, level, kind, location and property
/// shape whatever produced the finding. Every result has a location; file URIs are relative to <c>%SRCROOT%</c>; no
/// message or property holds an absolute local path.
/// </summary>
internal static class ReportSarif
{
    /// <summary>The rule of a result for an input file that could not be read.</summary>
    public const string UnreadableInputCode = "UnreadableInput";

    private const string InformationUri = "https://github.com/GluePassRole/GluePassRole.Diagnostics";

    /// <summary>The log, ending with a line break.</summary>
    public static string Write(SarifReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(report.SourceRoot));
        var paths = new PathText(root, [
            .. report.Findings.SelectMany(f => f.Locations).Select(l => l.File),
            report.DefaultLocation?.File,
            .. report.Unreadable.Select(u => u.Location.File),
            .. report.InputFiles]);

        var rules = report.Rules.ToList();
        foreach (var code in report.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal).Where(c => !rules.Exists(r => r.Code == c)).ToList())
        {
            rules.Add(new ReportRule(code, code));
        }

        if (report.Unreadable.Count > 0 && !rules.Exists(r => r.Code == UnreadableInputCode))
        {
            rules.Add(new ReportRule(UnreadableInputCode, "An input file could not be read, so nothing it defines was checked.") { DefaultSeverity = ReportSeverity.Error });
        }

        var results = report.Findings.Select(f => Result(f, rules, report, paths)).ToList();
        results.AddRange(report.Unreadable.Select(u => new SarifResult(UnreadableInputCode, Level(ReportSeverity.Error), paths.Relative(u.Message))
        {
            RuleIndex = rules.FindIndex(r => r.Code == UnreadableInputCode),
            Locations = [Location(u.Location, paths)],
        }));

        return SarifWriter.Write(new SarifRun([.. rules.Select(r => Rule(r, paths))], results)
        {
            SemanticVersion = report.SemanticVersion,
            InformationUri = InformationUri,
            SourceRoot = "The folder the result URIs are relative to: glue-passrole's --sarif-root, by default the folder it ran in.",
            ExecutionSuccessful = report.Unreadable.Count == 0,
            ErrorNotifications = [.. report.Unreadable.Select(u => new SarifNotification(paths.Relative(u.Message)) { Locations = [Location(u.Location, paths)] })],
            Properties = [.. report.Properties.Select(p => SarifProperty.Of(p.Name, paths.Relative(p.Value)))],
        });
    }

    /// <summary>
    /// SARIF 2.1.0 (OASIS) §3.27.9 and §3.27.10: a result's <c>kind</c> says what the rule concluded and its <c>level</c>
    /// how serious a problem is. "fail: The rule was evaluated, and a problem was found" takes the level of the finding's
    /// severity. A finding the rule could not decide is <c>open</c>: "The rule was evaluated, and the tool concluded that
    /// there was insufficient information to decide whether a problem exists"; a pass that holds only under conditions the
    /// tool cannot know is <c>review</c>: "The result requires review by a human user to decide if it represents a
    /// problem"; a pass is <c>pass</c> and information <c>informational</c>. "If kind has any value other than 'fail',
    /// then if level is absent, it SHALL default to 'none', and if it is present, it SHALL have the value 'none'": so an
    /// undecided or conditional finding is level <c>none</c>, never a failure's <c>error</c> or <c>warning</c>.
    /// </summary>
    internal static (string? Kind, string Level) KindAndLevel(ReportFinding finding) => finding.Outcome switch
    {
        ReportOutcome.Undecided => ("open", "none"),
        ReportOutcome.Conditional => ("review", "none"),
        ReportOutcome.Pass => ("pass", "none"),
        ReportOutcome.Information => ("informational", "none"),
        _ => (null, Level(finding.Severity)),
    };

    private static SarifResult Result(ReportFinding finding, List<ReportRule> rules, SarifReport report, PathText paths)
    {
        var (kind, level) = KindAndLevel(finding);
        var locations = finding.Locations.Count > 0 ? finding.Locations
            : report.DefaultLocation is { } fallback ? [fallback with { LogicalName = fallback.LogicalName ?? finding.Subject, LogicalKind = fallback.LogicalKind ?? "resource" }]
            : [new ReportLocation { LogicalName = finding.Subject, LogicalKind = "resource" }];
        List<SarifProperty> properties = [SarifProperty.Of("subject", paths.Relative(finding.Subject))];
        if (finding.Outcome != ReportOutcome.Problem)
        {
            properties.Add(SarifProperty.Of("outcome", Outcome(finding.Outcome)));
            properties.Add(SarifProperty.Of("severity", finding.Severity.ToString().ToLowerInvariant()));
        }

        // A property bag's names are unique: facts of one name (each condition, each unknown) are joined in order.
        properties.AddRange(finding.Evidence
            .GroupBy(fact => fact.Name, StringComparer.Ordinal)
            .Where(group => group.Key is not ("subject" or "outcome" or "severity"))
            .Select(group => SarifProperty.Of(group.Key, paths.Relative(string.Join("; ", group.Select(fact => fact.Value))))));
        return new SarifResult(finding.Code, level, paths.Relative(finding.Message))
        {
            Kind = kind,
            RuleIndex = rules.FindIndex(r => r.Code == finding.Code),
            Locations = [.. locations.Select(l => Location(l, paths))],
            PartialFingerprints = finding.Fingerprint is { } fingerprint ? [SarifProperty.Of(report.FingerprintName, fingerprint)] : [],
            Properties = properties,
        };
    }

    private static string Outcome(ReportOutcome outcome) => outcome switch
    {
        ReportOutcome.Undecided => "undecided",
        ReportOutcome.Conditional => "conditional pass",
        ReportOutcome.Pass => "pass",
        ReportOutcome.Information => "information",
        _ => "problem",
    };

    private static SarifRule Rule(ReportRule rule, PathText paths) => new(rule.Code, rule.Title)
    {
        Name = rule.Code,
        FullDescription = rule.Description,
        HelpText = rule.Description is { } description && rule.HelpUri is { } help ? $"{description} See {help}" : rule.Description,
        HelpUri = rule.HelpUri?.ToString(),
        DefaultLevel = rule.DefaultSeverity is { } severity ? Level(severity) : null,
        Properties = [.. rule.Properties.Select(p => SarifProperty.Of(p.Name, paths.Relative(p.Value)))],
        Tags = rule.Tags,
    };

    private static SarifLocation Location(ReportLocation location, PathText paths) =>
        new(location.File is { } file ? paths.Uri(file) : null)
        {
            UriBaseId = location.File is null ? null : SarifWriter.SourceRootId,
            StartLine = location.File is null ? null : location.Line,
            StartColumn = location.File is null || location.Line is null ? null : location.Column,
            LogicalNames = location.LogicalName is { } name ? [paths.Relative(name)] : [],
            LogicalKind = location.LogicalName is null ? null : location.LogicalKind,
        };

    private static string Level(ReportSeverity severity) => severity switch
    {
        ReportSeverity.Error => "error",
        ReportSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary>
    /// Files named relative to the root: a URI reference for a location, and the same relative path wherever a message or
    /// property names a file by its full path (a template's <c>FILE:LINE</c> in a fix's <c>where</c>, a loader's note).
    /// </summary>
    private sealed class PathText
    {
        private readonly string _root;
        private readonly List<(string Full, string Relative)> _files;

        public PathText(string root, IEnumerable<string?> files)
        {
            _root = root;
            _files = [.. files
                .OfType<string>()
                .Select(f => Path.GetFullPath(f))
                .Distinct(StringComparer.Ordinal)
                .Select(f => (f, RelativePath(f)))
                .OrderByDescending(f => f.Item1.Length)];
        }

        /// <summary>The file as a URI reference relative to <c>%SRCROOT%</c> (segments escaped, <c>/</c> separated).</summary>
        public string Uri(string file) => string.Join('/', RelativePath(Path.GetFullPath(file)).Split('/').Select(System.Uri.EscapeDataString));

        /// <summary>The text with every full path of a known file, and of anything under the root, written relative to the root.</summary>
        public string Relative(string text)
        {
            foreach (var (full, relative) in _files)
            {
                text = text.Replace(full, relative, StringComparison.Ordinal);
            }

            var rootPrefix = _root + Path.DirectorySeparatorChar;
            return text.Replace(rootPrefix, string.Empty, StringComparison.Ordinal);
        }

        private string RelativePath(string full) => Path.GetRelativePath(_root, full).Replace('\\', '/');
    }
}
