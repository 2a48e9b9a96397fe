using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// A loopback S3 that answers PUT object and the multipart calls with S3-shaped XML and ETags and throws every body
/// away as it arrives, so a staging benchmark measures the sender and the loopback, never a store.
/// It checks no signature: every tool sends whatever it signs.
/// </summary>
internal sealed class DiscardS3Server : IAsyncDisposable
{
    private const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private readonly WebApplication _app;
    private readonly TextWriter _log;
    private readonly ConcurrentDictionary<string, long> _multipartBytes = new(StringComparer.Ordinal);
    private readonly Stopwatch _sinceLastObject = Stopwatch.StartNew();
    private TimeSpan _cpuAtLastObject;
    private long _nextTag;

    private DiscardS3Server(WebApplication app, TextWriter log)
    {
        _app = app;
        _log = log;
        _cpuAtLastObject = Process.GetCurrentProcess().TotalProcessorTime;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
    }

    public string BaseUrl { get; }

    public static async Task<DiscardS3Server> StartAsync(int port, TextWriter log)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        DiscardS3Server? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        server = new DiscardS3Server(app, log);
        return server;
    }

    /// <summary>Completes when the host is told to stop (SIGTERM, Ctrl+C) or the token is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var received = await DrainAsync(request.BodyReader, context.RequestAborted);
        var query = request.Query;
        var path = request.Path.Value ?? "/";
        var slash = path.IndexOf('/', 1);
        var bucket = slash < 0 ? path.Trim('/') : path[1..slash];
        var key = slash < 0 ? string.Empty : path[(slash + 1)..];

        switch (request.Method)
        {
            case "PUT" when query.TryGetValue("uploadId", out var uploadId):
                _multipartBytes.AddOrUpdate(uploadId.ToString(), received, (_, sum) => sum + received);
                response.Headers.ETag = NextETag();
                return;
            case "PUT":
                response.Headers.ETag = NextETag();
                Report(key, received, "put");
                return;
            case "POST" when query.ContainsKey("uploads"):
                var newId = Guid.NewGuid().ToString("N");
                _multipartBytes[newId] = 0;
                await WriteXmlAsync(response,
                    $"<InitiateMultipartUploadResult xmlns=\"{S3Namespace}\"><Bucket>{bucket}</Bucket><Key>{key}</Key><UploadId>{newId}</UploadId></InitiateMultipartUploadResult>");
                return;
            case "POST" when query.TryGetValue("uploadId", out var completedId):
                _multipartBytes.TryRemove(completedId.ToString(), out var total);
                Report(key, total, "multipart");
                await WriteXmlAsync(response,
                    $"<CompleteMultipartUploadResult xmlns=\"{S3Namespace}\"><Location>{BaseUrl}{bucket}/{key}</Location><Bucket>{bucket}</Bucket><Key>{key}</Key><ETag>{NextETag()}</ETag></CompleteMultipartUploadResult>");
                return;
            case "DELETE" when query.TryGetValue("uploadId", out var abortedId):
                _multipartBytes.TryRemove(abortedId.ToString(), out _);
                response.StatusCode = StatusCodes.Status204NoContent;
                return;
            default:
                response.StatusCode = StatusCodes.Status400BadRequest;
                await WriteXmlAsync(response, "<Error><Code>NotImplemented</Code><Message>The discard S3 answers only PUT object and multipart calls.</Message></Error>");
                return;
        }
    }

    private static async Task<long> DrainAsync(PipeReader body, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            total += result.Buffer.Length;
            body.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return total;
            }
        }
    }

    private static Task WriteXmlAsync(HttpResponse response, string xml)
    {
        response.ContentType = "application/xml";
        return response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml);
    }

    private string NextETag() => "\"" + Interlocked.Increment(ref _nextTag).ToString("x32", System.Globalization.CultureInfo.InvariantCulture) + "\"";

    private void Report(string key, long bytes, string kind)
    {
        TimeSpan cpu;
        double seconds;
        lock (_sinceLastObject)
        {
            var now = Process.GetCurrentProcess().TotalProcessorTime;
            cpu = now - _cpuAtLastObject;
            _cpuAtLastObject = now;
            seconds = _sinceLastObject.Elapsed.TotalSeconds;
            _sinceLastObject.Restart();
        }

        _log.WriteLine(FormattableString.Invariant($"object {key} ({kind}): {bytes} body bytes discarded; server CPU {cpu.TotalSeconds:F2} s in the last {seconds:F1} s"));
    }
}
