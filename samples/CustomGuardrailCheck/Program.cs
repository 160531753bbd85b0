using CustomGuardrailCheck;
using GluePassRole.Diagnostics;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Reporting;
using Microsoft.Extensions.DependencyInjection;

// Usage: dotnet run --project samples/CustomGuardrailCheck [snapshot folder]
var snapshot = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "accounts", "field-note");

var services = new ServiceCollection();
services.AddPassRoleDiagnostics()
    .UseSnapshot(snapshot)
    .AddStep<RuntimeRoleOwnerTagCheck>();

using var provider = services.BuildServiceProvider();
var investigator = provider.GetRequiredService<IPassRoleInvestigator>();

var error = File.ReadAllText(Path.Combine(snapshot, "error.txt"));
var report = await investigator.InvestigateAsync(PassRoleInvestigationRequest.FromError(error));

Console.WriteLine(PassRoleReportRenderer.ToText(report));
var ownTeamFinding = report.Findings.FirstOrDefault(f => f.Code == RuntimeRoleOwnerTagCheck.Code);
Console.WriteLine(ownTeamFinding is null ? "Guardrail check: the runtime role has an owner." : $"Guardrail check: {ownTeamFinding.Message}");

// Exit 0 when the investigation reached a verdict and the team's step ran.
return report.Steps.Any(s => s.Name == "runtime-role-owner-tag") ? 0 : 1;
