using System.Diagnostics;
using System.Globalization;
using System.Text;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Audit.Internal;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Benchmarks.Audit;

/// <summary>
/// Measures what <c>glue-passrole audit</c> writes for a large account, in a fresh process: <c>--audit-output DIR OUT
/// [--pairs]</c> loads the snapshot in DIR, audits it (by cause, or per pair as <c>--pairs</c> does), writes the JSON and
/// the text report into OUT (then Markdown and SARIF), and prints each file's size, the times (wall and CPU) and the
/// peak working set. Issue 19's targets on the generated glue-console account
/// (<c>--snapshot-generate DIR glue-console</c>): JSON ≤ 10 MB, text ≤ 1 MB, peak ≤ 400 MB, ≤ 10 s on 2 cores.
/// </summary>
internal static class AuditOutputProbe
{
    public static int Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: --audit-output DIR OUT [--pairs]   (generate DIR first with --snapshot-generate DIR glue-console)");
            return 2;
        }

        Directory.CreateDirectory(args[2]);
        using var process = Process.GetCurrentProcess();
        var perPair = args.Length > 3 && args[3] == "--pairs";
        var total = Stopwatch.StartNew();
        var watch = Stopwatch.StartNew();
        var snapshot = AccountSnapshot.LoadFromDirectory(args[1]);
        var load = watch.Elapsed;
        process.Refresh();
        var loadCpu = process.TotalProcessorTime;

        watch.Restart();
        var report = new PassRoleAuditor(snapshot, snapshot, snapshot, snapshot, new PassRoleAuditOptions { PerPair = perPair }).AuditAsync().AsTask().GetAwaiter().GetResult() with { Source = AuditSource.Snapshot };
        var audit = watch.Elapsed;
        process.Refresh();
        var auditCpu = process.TotalProcessorTime - loadCpu;
        var peakAfterAudit = process.PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"account: {report.PrincipalCount} principals, {report.RoleCount} roles ({report.TargetCount} trusting Glue); {report.Grants.Count} grants in {report.GrantGroups.Count} groups, {report.Findings.Count} findings{(perPair ? " (per pair)" : " (by cause)")}, {report.Unknowns.Count} unknowns"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load {load.TotalSeconds:F2} s (CPU {loadCpu.TotalSeconds:F2} s), audit {audit.TotalSeconds:F2} s (CPU {auditCpu.TotalSeconds:F2} s); peak working set after the audit {peakAfterAudit / 1e6:F0} MB"));

        TimeSpan Write(string name, Func<PassRoleAuditReport, string> render) =>
            WriteStream(name, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(render(report))));

        TimeSpan WriteStream(string name, Action<Stream> write)
        {
            var started = Stopwatch.StartNew();
            var path = Path.Combine(args[2], name);
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16))
            {
                write(stream);
            }

            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {new FileInfo(path).Length / 1e6:F2} MB in {started.Elapsed.TotalSeconds:F2} s; peak working set so far {process.PeakWorkingSet64 / 1e6:F0} MB"));
            return started.Elapsed;
        }

        // As glue-passrole audit --format json writes it: streamed to the file, never one string.
        var json = WriteStream("audit.json", stream => PassRoleAuditRenderer.WriteJson(report, stream));
        var text = Write("audit.txt", PassRoleAuditRenderer.ToText);
        var defaults = total.Elapsed;
        Write("audit.md", PassRoleAuditRenderer.ToMarkdown);
        Write("audit.sarif", r => PassRoleAuditRenderer.ToSarif(r));
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load + audit + JSON + text {defaults.TotalSeconds:F2} s (JSON {json.TotalSeconds:F2} s, text {text.TotalSeconds:F2} s); CPU {process.TotalProcessorTime.TotalSeconds:F2} s; peak working set {process.PeakWorkingSet64 / 1e6:F0} MB"));
        return 0;
    }
}
