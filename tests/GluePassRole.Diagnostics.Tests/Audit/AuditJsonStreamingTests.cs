using System.Text;
using System.Text.Json;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>
/// Issue 19 item 10: the audit JSON of a large account (a <c>--pairs</c> report with tens of thousands of grants) is
/// written record by record to the stream, never built as one string first, and is what <see cref="PassRoleAuditRenderer.ToJson"/> gives.
/// </summary>
public sealed class AuditJsonStreamingTests
{
    private const string Account = "123456789012";

    [Fact]
    public async Task WriteJsonAsync_ManyGrants_WritesInChunksTheSameJsonAsToJson()
    {
        var report = Report(grants: 20_000);
        var stream = new ChunkStream();

        await PassRoleAuditRenderer.WriteJsonAsync(report, stream);

        Assert.True(stream.Length > 8_000_000, $"{stream.Length} bytes");
        Assert.True(stream.Writes > 50, $"{stream.Writes} writes");
        Assert.True(stream.LargestWrite < 1_000_000, $"largest write {stream.LargestWrite} bytes: the report was buffered whole");
        Assert.Equal(PassRoleAuditRenderer.ToJson(report), Encoding.UTF8.GetString(stream.ToArray()));
        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(20_000, json.RootElement.GetProperty("grants").GetArrayLength());
        var (valid, errors) = AuditSchema.Validate(json.RootElement);
        Assert.True(valid, errors);
    }

    [Fact]
    public void WriteJson_ManyGrants_WritesInChunks()
    {
        var report = Report(grants: 20_000);
        var stream = new ChunkStream();

        PassRoleAuditRenderer.WriteJson(report, stream);

        Assert.True(stream.Writes > 50, $"{stream.Writes} writes");
        Assert.True(stream.LargestWrite < 1_000_000, $"largest write {stream.LargestWrite} bytes: the report was buffered whole");
        Assert.Equal(PassRoleAuditRenderer.ToJson(report), Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static PassRoleAuditReport Report(int grants) => new()
    {
        Account = Account,
        Source = AuditSource.Snapshot,
        PerPair = true,
        PrincipalCount = grants / 10,
        RoleCount = 10,
        TargetCount = 10,
        PairsDecided = grants,
        Grants = [.. Enumerable.Range(0, grants).Select(i => new PassRoleGrant(Account, $"arn:aws:iam::{Account}:user/developer-{i / 10:D5}", $"arn:aws:iam::{Account}:role/glue-{i % 10}")
        {
            RequiresMfa = i % 2 == 0,
            Conditions = i % 2 == 0 ? [new GrantCondition("aws:MultiFactorAuthPresent", "aws:MultiFactorAuthPresent = true")] : [],
            CanRunAsRole = true,
            RunOperations = ["glue:CreateJob", "glue:StartJobRun"],
            OtherOperations = ["glue:CreateCrawler"],
            GrantedBy = [new GrantSource("AWSGlueConsoleFullAccess", "developers", "#8", PolicySourceKind.GroupManaged)],
        })],
    };

    /// <summary>A memory stream that counts the writes it is given and the largest.</summary>
    private sealed class ChunkStream : MemoryStream
    {
        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
            base.Write(buffer, offset, count);
        }

        // MemoryStream's span overloads of a derived type come back through Write(byte[], int, int).
        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
