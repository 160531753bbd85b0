namespace GluePassRole.Diagnostics.Tests.AccessDenied;

/// <summary>Reads TestData/AccessDenied files made by make_folded.py: sections headed <c>=== name ===</c>.</summary>
internal static class AccessDeniedTestData
{
    public static IReadOnlyDictionary<string, string> Sections(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "AccessDenied", file));
        var sections = new Dictionary<string, string>();
        string? name = null;
        var body = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal) && line.EndsWith(" ===", StringComparison.Ordinal))
            {
                Add();
                name = line[4..^4];
                body.Clear();
            }
            else
            {
                body.Add(line);
            }
        }

        Add();
        return sections;

        void Add()
        {
            if (name is not null)
            {
                sections[name] = string.Join('\n', body).TrimEnd('\n');
            }
        }
    }
}
