using System.IO.Compression;
using System.Runtime.Loader;
using GluePassRole.Diagnostics.Policies.Actions;
using GluePassRole.Diagnostics.Policies.Actions.Internal;

namespace GluePassRole.Diagnostics.Policies.Tests.Actions;

/// <summary>The embedded data loads once, concurrently, and bad data is a clear, typed error.</summary>
public class ReferenceDataReaderTests
{
    private const string Name = ReferenceDataReader.ResourceName;

    [Fact]
    public void LoadEmbedded_ThisAssembly_ReadsEveryServiceAndTheGlobalKeys()
    {
        var data = ReferenceDataReader.LoadEmbedded();

        Assert.True(data.Services.Count > 300);
        Assert.True(data.AllActions.Count > 10_000);
        Assert.True(data.GlobalConditionKeys.Count > 40);
        Assert.True(data.GlobalConditionKeys.Contains("aws:PrincipalArn"));
    }

    [Fact]
    public void LoadEmbedded_AssemblyWithoutTheResource_ThrowsNamingTheResourceAndAssembly()
    {
        var e = Assert.Throws<ServiceAuthorizationReferenceException>(
            () => ReferenceDataReader.LoadEmbedded(typeof(ReferenceDataReaderTests).Assembly));

        Assert.Equal(Name, e.ResourceName);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(ReferenceDataReaderTests).Assembly.GetName().Name!, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotBrotli_ThrowsTypedError()
    {
        var e = Assert.Throws<ServiceAuthorizationReferenceException>(
            () => ReferenceDataReader.Load(new MemoryStream("{\"not\":\"brotli\"}"u8.ToArray()), Name));

        Assert.Contains("Brotli", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongSignature_ThrowsAtByteZero()
    {
        var e = Assert.Throws<ServiceAuthorizationReferenceException>(() => ReferenceDataReader.Parse("XXXXXX\u0001"u8, Name));

        Assert.Equal(0, e.Offset);
        Assert.Contains("signature", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnsupportedFormatVersion_SaysWhichVersion()
    {
        var e = Assert.Throws<ServiceAuthorizationReferenceException>(() => ReferenceDataReader.Parse("GPRSAR\u0009"u8, Name));

        Assert.Contains("format version 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryTruncationOfTheRealData_ThrowsTypedErrorWithAnOffset()
    {
        var data = Decompressed();

        // Cutting the data anywhere must give our error, never an IndexOutOfRange or a half-loaded reference.
        foreach (var length in new[] { 0, 3, 7, 8, 20, 1_000, data.Length / 3, data.Length / 2, data.Length - 1 })
        {
            var e = Assert.Throws<ServiceAuthorizationReferenceException>(() => ReferenceDataReader.Parse(data.AsSpan(0, length), Name));
            Assert.NotNull(e.Offset);
            Assert.InRange(e.Offset!.Value, 0, length);
        }
    }

    [Fact]
    public void Parse_TrailingBytes_ThrowsTypedError()
    {
        var data = Decompressed();
        var longer = data.Concat(new byte[] { 0 }).ToArray();

        var e = Assert.Throws<ServiceAuthorizationReferenceException>(() => ReferenceDataReader.Parse(longer, Name));

        Assert.Equal(data.Length, e.Offset);
    }

    [Fact]
    public void Parse_CorruptedBytes_NeverThrowsAnythingButTheTypedError()
    {
        var data = Decompressed();
        var random = new Random(20261201);
        for (var i = 0; i < 40; i++)
        {
            var corrupt = (byte[])data.Clone();
            // Corrupt a few bytes in the header/string table region and in the services region.
            corrupt[7 + random.Next(2_000)] = (byte)random.Next(256);
            corrupt[random.Next(corrupt.Length)] = 0xFF;
            try
            {
                ReferenceDataReader.Parse(corrupt, Name);
            }
            catch (ServiceAuthorizationReferenceException)
            {
            }
        }
    }

    // A fresh load context has fresh statics, so this is a real first load, raced by many threads.
    [Fact]
    public void FirstLoad_RacedByManyThreads_LoadsOnceAndEveryCallerSeesTheSameData()
    {
        var context = new AssemblyLoadContext("first-load-race", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(typeof(ServiceAuthorizationReference).Assembly.Location);
            var reference = assembly.GetType(typeof(ServiceAuthorizationReference).FullName!, throwOnError: true)!;
            var tryGetAction = reference.GetMethod(nameof(ServiceAuthorizationReference.TryGetAction))!;
            const int Threads = 8;
            using var start = new Barrier(Threads);
            var results = new object?[Threads];
            var failures = new Exception?[Threads];
            var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    var args = new object?[] { "glue:CreateJob", null };
                    results[i] = (bool)tryGetAction.Invoke(null, args)! ? args[1] : null;
                }
                catch (Exception e)
                {
                    failures[i] = e;
                }
            })).ToArray();
            Array.ForEach(threads, t => t.Start());
            Array.ForEach(threads, t => Assert.True(t.Join(TimeSpan.FromMinutes(1))));

            Assert.All(failures, Assert.Null);
            Assert.NotNull(results[0]);
            Assert.NotSame(typeof(ActionInfo), results[0]!.GetType()); // the fresh copy's type, not this context's
            Assert.All(results, r => Assert.Same(results[0], r));
            Assert.Equal("glue:CreateJob", results[0]!.ToString());
        }
        finally
        {
            context.Unload();
        }
    }

    private static byte[] Decompressed()
    {
        using var stream = typeof(ServiceAuthorizationReference).Assembly.GetManifestResourceStream(Name)!;
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        brotli.CopyTo(buffer);
        return buffer.ToArray();
    }
}
