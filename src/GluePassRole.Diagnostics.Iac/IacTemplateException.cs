namespace GluePassRole.Diagnostics.Iac;

/// <summary>
/// A template, CDK manifest, Terraform plan or parameters file cannot be read: not valid JSON or YAML, an unknown tag,
/// a circular reference, too large or too deep. Says which file, which line (when known) and where in the document.
/// </summary>
public sealed class IacTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="file">The file.</param>
    /// <param name="line">The 1-based line, when known.</param>
    /// <param name="path">Where in the document, e.g. <c>$.Resources.EtlRole.Properties.RoleName</c>, when known.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public IacTemplateException(string message, string file, int? line, string? path, Exception? innerException = null)
        : base(Format(message, file, line, path), innerException)
    {
        Reason = message;
        File = file;
        Line = line is > 0 ? line : null;
        DocumentPath = path;
    }

    /// <summary>Creates the exception.</summary>
    public IacTemplateException()
        : this("The infrastructure-as-code file could not be read.", "(unknown)", null, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public IacTemplateException(string message)
        : this(message, "(unknown)", null, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IacTemplateException(string message, Exception innerException)
        : this(message, "(unknown)", null, null, innerException)
    {
    }

    /// <summary>What is wrong, without the place.</summary>
    public string Reason { get; }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; }

    /// <summary>Where in the document (e.g. <c>$.Resources.EtlRole.Properties.RoleName</c>), when known.</summary>
    public string? DocumentPath { get; }

    private static string Format(string message, string file, int? line, string? path) =>
        $"{file}{(line is > 0 ? $":{line}" : string.Empty)}{(path is null ? string.Empty : $" at {path}")}: {message}";
}
