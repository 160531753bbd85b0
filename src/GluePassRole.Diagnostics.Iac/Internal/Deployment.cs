using GluePassRole.Diagnostics.Iac.Internal.Model;

namespace GluePassRole.Diagnostics.Iac.Internal;

/// <summary>
/// The templates given with <c>--template</c> as one deployment: which of them is a nested stack of another
/// (<c>AWS::CloudFormation::Stack</c> <c>TemplateURL</c>, <c>AWS::Serverless::Application</c> <c>Location</c>), found by a
/// first reading (<see cref="Scanning"/>). A template matched to exactly one nested stack is read as that stack; one matched
/// to several is ambiguous and read on its own.
/// </summary>
internal sealed class Deployment(IReadOnlyList<string> given)
{
    /// <summary>Matched by the nested stack's local path: the strongest basis.</summary>
    public const int ByPath = 2;

    /// <summary>Matched by file name (a local path's, or the last path segment of a URL).</summary>
    public const int ByFileName = 1;

    private readonly Dictionary<string, List<Match>> _candidates = new(StringComparer.Ordinal);

    /// <summary>The templates given with <c>--template</c>.</summary>
    public IReadOnlyList<string> Given { get; } = given;

    /// <summary>True during the first reading: nested stacks that match a given template are recorded, not read.</summary>
    public bool Scanning { get; set; }

    /// <summary>Each given template (full path) read as a nested stack, and the nested stack it is.</summary>
    public Dictionary<string, Match> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>The given templates (full paths) already read as nested stacks.</summary>
    public HashSet<string> ReadAsNested { get; } = new(StringComparer.Ordinal);

    /// <summary>A nested stack that names a given template.</summary>
    /// <param name="Parent">The parent template's full path.</param>
    /// <param name="ParentFile">The parent template as given.</param>
    /// <param name="NestedId">The nested stack's logical ID in the parent.</param>
    /// <param name="Strength"><see cref="ByPath"/> or <see cref="ByFileName"/>.</param>
    /// <param name="Basis">Why it matches, for the note.</param>
    public sealed record Match(string Parent, string ParentFile, string NestedId, int Strength, string Basis);

    public void AddCandidate(string template, Match match)
    {
        if (!_candidates.TryGetValue(template, out var list))
        {
            _candidates[template] = list = [];
        }

        if (!list.Any(m => m.Parent == match.Parent && m.NestedId == match.NestedId))
        {
            list.Add(match);
        }
    }

    /// <summary>Decides each given template's parent: the one nested stack that names it (by path before file name), else none.</summary>
    public void Decide(IacModel model)
    {
        foreach (var template in Given)
        {
            var full = Path.GetFullPath(template);
            if (!_candidates.TryGetValue(full, out var candidates) || Children.ContainsKey(full))
            {
                continue;
            }

            var strongest = candidates.Max(c => c.Strength);
            var best = candidates.Where(c => c.Strength == strongest).ToList();
            if (best.Count == 1)
            {
                Children[full] = best[0];
                continue;
            }

            var named = string.Join(", ", best.Select(c => $"{c.NestedId} in {c.ParentFile}"));
            model.Notes.Add($"{template}: the template of {best.Count} nested stacks ({named}; {best[0].Basis}); which one it is read as is ambiguous, so it is read on its own as stack {IacLoader.StackNameOf(template)}, with the --parameter values.");
        }
    }
}
