using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Staging;

[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive
{
}

/// <summary>Runs alone, so the process-wide allocation counter mostly sees this test.</summary>
[Collection(nameof(AllocationSensitive))]
public class StagingMemoryTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Staging_allocates_far_less_than_the_file_size()
    {
        using var file = TempFile.WithRandomBytes(96 * MiB, seed: 5);
        using var http = new HttpClient(new DiscardingS3());
        using var client = new UploadsClient(TestTokens.Token(), new UploadsClientOptions { HttpClient = http, MultipartThreshold = 16 * MiB, PartSize = 8 * MiB });
        var credentials = new StagingCredentials("AK", "SK", "ST", "bucket", "key", "https://bucket.s3.amazonaws.com/key");
        using (var warmUp = TempFile.WithText("warm-up"))
        {
            await client.StageAsync(credentials, warmUp.Path);
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var staged = await client.StageAsync(credentials, file.Path);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(12, staged.PartCount);
        Assert.True(allocated < 24 * MiB, $"staging 96 MiB allocated {allocated / MiB} MiB: something buffers whole parts or the whole file");
    }

    /// <summary>Reads every body to the end, as a server would, without keeping it.</summary>
    private sealed class DiscardingS3 : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.CopyToAsync(Stream.Null, cancellationToken);
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(request.RequestUri!.Query == "?uploads"
                    ? "<InitiateMultipartUploadResult><UploadId>u</UploadId></InitiateMultipartUploadResult>"
                    : "<CompleteMultipartUploadResult/>"),
            };
            response.Headers.TryAddWithoutValidation("ETag", "\"e\"");
            return response;
        }
    }
}
