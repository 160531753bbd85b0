using System.CommandLine;
using System.CommandLine.Parsing;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>
/// How options read their values, the same in every command: a choice in any case (<c>--format JSON</c>), true or false
/// spelled out, and paths whose errors name the option in the user's words, never a .NET type.
/// </summary>
internal static class CliOptions
{
    /// <summary>Accepts one of <paramref name="values"/> in any case; the value read is the listed spelling.</summary>
    /// <param name="option">The option, e.g. <c>--format</c>.</param>
    /// <param name="values">The values, in the order help lists them.</param>
    public static void AcceptOnly(Option<string> option, params string[] values)
    {
        option.HelpName = string.Join('|', values);
        option.CompletionSources.Add(values);
        option.CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            var match = values.FirstOrDefault(v => string.Equals(v, token, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                result.AddError($"{option.Name} takes {Either(values)}, not '{token}'.");
            }

            return match ?? string.Empty;
        };
    }

    /// <summary>
    /// An option that takes <c>true</c> or <c>false</c> (any case), read as <c>"true"</c> or <c>"false"</c>, and says so,
    /// with what it means, when given anything else. A string, not a bool: System.CommandLine would leave a bool
    /// option's bad value unread ("Unrecognized command or argument 'maybe'").
    /// </summary>
    /// <param name="name">The option, e.g. <c>--mfa</c>.</param>
    /// <param name="description">The help text.</param>
    /// <param name="meaning">What the value says, for the error, e.g. <c>whether the failed request carried MFA</c>.</param>
    public static Option<string?> TrueOrFalse(string name, string description, string meaning) => new(name)
    {
        Description = description,
        HelpName = "true|false",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return null;
            }

            var token = result.Tokens[0].Value;
            if (bool.TryParse(token, out var value))
            {
                return value ? "true" : "false";
            }

            result.AddError($"{name} takes true or false ({meaning}), not '{token}'.");
            return null;
        },
    };

    /// <summary>
    /// Gives every file and folder option and argument under <paramref name="command"/> a reader whose errors name the
    /// option: an empty value is "--output needs a file name", not "expected type 'System.IO.FileInfo'".
    /// </summary>
    public static void ReadablePaths(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<FileInfo> file:
                    file.CustomParser = result => result.Tokens.Count == 0 ? null : Create(result, result.Tokens[0].Value, option.Name, "file", p => new FileInfo(p));
                    break;
                case Option<DirectoryInfo> folder:
                    folder.CustomParser = result => result.Tokens.Count == 0 ? null : Create(result, result.Tokens[0].Value, option.Name, "folder", p => new DirectoryInfo(p));
                    break;
                case Option<FileInfo[]> files:
                    files.CustomParser = result => All(result, option.Name);
                    break;
            }
        }

        foreach (var argument in command.Arguments)
        {
            if (argument is Argument<FileInfo[]> files)
            {
                files.CustomParser = result => All(result, argument.Name);
            }
        }

        foreach (var subcommand in command.Subcommands)
        {
            ReadablePaths(subcommand);
        }
    }

    private static FileInfo[] All(ArgumentResult result, string name) =>
        [.. result.Tokens.Select(t => Create(result, t.Value, name, "file", p => new FileInfo(p))).OfType<FileInfo>()];

    private static T? Create<T>(ArgumentResult result, string path, string name, string kind, Func<string, T> create)
        where T : class
    {
        if (path.Length == 0)
        {
            result.AddError($"{name} needs a {kind} name, not an empty value.");
            return null;
        }

        try
        {
            return create(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            result.AddError($"{name}: '{path}' is not a {kind} name the system accepts.");
            return null;
        }
    }

    /// <summary>
    /// <c>--sarif-root DIR</c>, on every command that writes SARIF: the folder SARIF file URIs are relative to (the
    /// <c>%SRCROOT%</c> base), by default the current folder; in CI, the repository's root.
    /// </summary>
    public static Option<DirectoryInfo?> SarifRoot() => new("--sarif-root")
    {
        Description = "With --format sarif: the folder file locations are relative to (%SRCROOT%), usually the repository root (default: the current folder).",
        HelpName = "DIR",
    };

    /// <summary>The SARIF root folder's full path, or why it cannot be one (a folder that does not exist).</summary>
    /// <param name="root">The <c>--sarif-root</c> value, or <see langword="null"/> for the current folder.</param>
    /// <param name="error">The sentence for standard error when the folder does not exist.</param>
    /// <returns>The folder's full path.</returns>
    public static string SarifRootPath(DirectoryInfo? root, out string? error)
    {
        error = root is { Exists: false } ? $"--sarif-root: folder '{root}' does not exist." : null;
        return root?.FullName ?? Environment.CurrentDirectory;
    }

    /// <summary>"text, markdown, json or sarif".</summary>
    private static string Either(string[] values) =>
        values.Length == 1 ? values[0] : string.Join(", ", values[..^1]) + " or " + values[^1];
}
