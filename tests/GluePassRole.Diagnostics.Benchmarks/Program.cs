using BenchmarkDotNet.Running;
using GluePassRole.Diagnostics.Benchmarks.Actions;
using GluePassRole.Diagnostics.Benchmarks.Audit;
using GluePassRole.Diagnostics.Benchmarks.Iac;
using GluePassRole.Diagnostics.Benchmarks.Preflight;
using GluePassRole.Diagnostics.Benchmarks.Snapshot;

if (args.Length > 0 && args[0].StartsWith("--snapshot-", StringComparison.Ordinal))
{
    return SnapshotLoadProbe.Run(args);
}

if (args.Length > 0 && args[0] == "--actions-first-load")
{
    return FirstLoadProbe.Run();
}

if (args.Length > 0 && args[0] == "--managed-policies-first-load")
{
    return ManagedPoliciesFirstLoadProbe.Run();
}

if (args.Length > 0 && args[0] == "--audit-output")
{
    return AuditOutputProbe.Run(args);
}

if (args.Length > 0 && args[0] == "--template-load")
{
    return TemplateLoadProbe.Run(args);
}

if (args.Length > 0 && args[0] == "--preflight")
{
    return PreflightProbe.Run();
}

if (args.Length > 0 && args[0] == "--audit")
{
    return AuditProbe.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
