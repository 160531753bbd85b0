using System.Diagnostics;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Policies.Tests;

/// <summary>Every AWS managed policy AWS ships must parse: a real corpus, not documents we wrote ourselves.</summary>
public class ManagedPolicyCorpusTests
{
    [Fact]
    public void Parse_BundledManagedPolicies_AllParse()
    {
        var names = TestData.ManagedPolicyNames.ToList();

        Assert.Contains("AWSGlueConsoleFullAccess", names);
        foreach (var name in names)
        {
            var document = TestData.ManagedPolicy(name);
            Assert.NotEmpty(document.Statements);
        }
    }

    [Fact]
    public void Parse_AwsGlueConsoleFullAccess_ScopesPassRoleToGlueServiceRoleNames()
    {
        var document = TestData.ManagedPolicy("AWSGlueConsoleFullAccess");

        var passRoleResources = document.Statements
            .Where(s => s.Action?.Contains("iam:PassRole") == true)
            .SelectMany(s => s.Resource!)
            .ToList();

        Assert.Contains("arn:aws:iam::*:role/AWSGlueServiceRole*", passRoleResources);
        Assert.Contains("arn:aws:iam::*:role/service-role/AWSGlueServiceRole*", passRoleResources);
    }

    /// <summary>
    /// The moto package on this machine carries about 1,500 AWS managed policies (moto/iam/aws_managed_policies.py).
    /// </summary>
    [SkippableFact]
    public void Parse_MotoManagedPolicyCorpus_AllParse()
    {
        var corpus = MotoCorpus.Load();
        Skip.If(corpus is null, "moto is not installed for python3 on this machine; the ~1,500-policy corpus test needs it.");

        var failures = new List<string>();
        var count = 0;
        foreach (var (name, json) in corpus!)
        {
            count++;
            if (!PolicyDocument.TryParse(json, out var document, out var error))
            {
                failures.Add($"{name}: {error!.Message}");
                continue;
            }

            Assert.Equal(document!.ToJson(), PolicyDocument.Parse(document.ToJson()).ToJson());
        }

        Assert.True(count > 1000, $"expected over 1,000 policies in moto's corpus, found {count}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} managed policies failed to parse:\n" + string.Join("\n", failures.Take(20)));
    }

    private static class MotoCorpus
    {
        public static List<(string Name, string Json)>? Load()
        {
            var directory = FindMotoDirectory();
            var file = directory is null ? null : Path.Combine(directory, "iam", "aws_managed_policies.py");
            if (file is null || !File.Exists(file))
            {
                return null;
            }

            var text = File.ReadAllText(file);
            var start = text.IndexOf("\"\"\"", StringComparison.Ordinal);
            var end = text.LastIndexOf("\"\"\"", StringComparison.Ordinal);
            using var json = JsonDocument.Parse(text[(start + 3)..end]);
            return json.RootElement.EnumerateObject()
                .Select(p => (p.Name, p.Value.GetProperty("Document").GetRawText()))
                .ToList();
        }

        private static string? FindMotoDirectory()
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo("python3", ["-c", "import importlib.util, os; s = importlib.util.find_spec('moto'); print(os.path.dirname(s.origin) if s else '')"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                });
                if (process is null)
                {
                    return null;
                }

                var output = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit(30_000);
                return process.ExitCode == 0 && output.Length > 0 ? output : null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null; // no python3
            }
        }
    }
}
