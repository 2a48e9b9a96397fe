using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Mapbox.Uploads.Tests.Reliability;

/// <summary>The soak of docs/reliability.md at a tenth of its size: the same code as <c>bench soak</c>.</summary>
public sealed class FaultSoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_hundred_uploads_under_seeded_faults_end_right_byte_exact_with_no_open_multipart_upload()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var clock = Stopwatch.StartNew();

        var report = await SoakRun.RunAsync(new SoakSettings(Uploads: 100, PerUploadBound: TimeSpan.FromSeconds(20)), bound.Token);

        output.WriteLine(report.Summary());
        Assert.True(report.Violations.Count == 0, string.Join(Environment.NewLine, report.Violations));
        Assert.Equal(100, report.Uploads);
        Assert.Equal(100, report.Succeeded + report.ProcessingFailedAsExpected + report.Failed);
        Assert.Equal(report.Succeeded + report.ProcessingFailedAsExpected, report.ByteExactStagedObjects);
        // Fewer than the 70 of a soak without them: a file changed mid-staging fails by design, and credentials that expire
        // three times within one upload's staging end it with ExpiredToken.
        Assert.True(report.Succeeded >= 60, report.Summary());
        Assert.True(report.ProcessingFailedAsExpected > 0, report.Summary());
        Assert.True(report.MultipartUploads >= 20, report.Summary());
        Assert.True(report.InjectedFaultRate >= 0.20, report.Summary());
        Assert.All(["ServerError", "DropConnection", "RateLimited", "Latency"], kind => Assert.True(report.FaultsByKind.GetValueOrDefault(kind) > 0, kind));
        Assert.True(report.BusyAnswers > 0, report.Summary());
        Assert.Equal(report.OpenMultipartUploadsOfExpiredCredentials, report.OpenMultipartUploadsAtEnd);
        Assert.True(report.CredentialExpiries > 0, report.Summary());
        Assert.Equal(11, report.ChangingFiles);
        Assert.True(report.FailedAsChanged + report.SucceededWithContentBeforeChange + report.SucceededWithContentAfterChange <= report.ChangingFiles, report.Summary());
        Assert.True(report.MaxSeconds < 20, report.Summary());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), report.Summary());
    }
}
