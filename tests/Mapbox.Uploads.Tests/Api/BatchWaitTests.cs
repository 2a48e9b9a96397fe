using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Api;

/// <summary>Waiting for several uploads at once: one list request per round, status reads only where the list cannot answer.</summary>
public class BatchWaitTests
{
    private const string ListPath = "/uploads/v1/alice";

    private readonly ClientFactory _factory = new();

    [Fact]
    public async Task One_list_request_per_round_covers_every_pending_upload_and_the_first_goes_out_after_the_poll_interval()
    {
        var service = new ScriptedService(("u1", 2), ("u2", 1), ("u3", 2));
        using var client = _factory.Create(service.Handler);

        var results = await client.WaitForCompletionAsync(Created("u1", "u2", "u3"), TimeSpan.FromMinutes(5));

        Assert.Equal(new[] { "u1", "u2", "u3" }, results.Select(r => r.UploadId));
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(2, service.Handler.Requests.Count);
        Assert.All(service.Handler.Requests, r => Assert.Equal(ListPath, r.Path));
        Assert.Contains("limit=100", service.Handler.Requests[0].Query, StringComparison.Ordinal);
        Assert.DoesNotContain("reverse", service.Handler.Requests[0].Query, StringComparison.Ordinal);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5) }, _factory.Delays);
    }

    [Fact]
    public async Task Uploads_missing_from_the_newest_page_are_read_by_their_status()
    {
        var service = new ScriptedService(("u1", 1), ("u2", 1), ("old", 1)) { HiddenFromList = { "old" } };
        using var client = _factory.Create(service.Handler);

        var results = await client.WaitForCompletionAsync(Created("u1", "u2", "old"), TimeSpan.FromMinutes(5));

        Assert.Equal(new[] { "u1", "u2", "old" }, results.Select(r => r.UploadId));
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(new[] { ListPath, ListPath + "/old" }, service.Handler.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_403_on_the_list_falls_back_to_status_reads_for_the_rest_of_the_wait()
    {
        var service = new ScriptedService(("u1", 2), ("u2", 3)) { ListForbidden = true };
        using var client = _factory.Create(service.Handler);

        var results = await client.WaitForCompletionAsync(Created("u1", "u2"), TimeSpan.FromMinutes(5));

        Assert.Equal(new[] { "u1", "u2" }, results.Select(r => r.UploadId));
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(
            new[] { ListPath, ListPath + "/u1", ListPath + "/u2", ListPath + "/u1", ListPath + "/u2", ListPath + "/u2" },
            service.Handler.Requests.Select(r => r.Path));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.MethodNotAllowed)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task A_service_that_refuses_the_list_is_waited_on_by_status_reads(HttpStatusCode refusal)
    {
        var service = new ScriptedService(("u1", 2), ("u2", 3)) { ListRefusal = refusal };
        using var client = _factory.Create(service.Handler);

        var results = await client.WaitForCompletionAsync(Created("u1", "u2"), TimeSpan.FromMinutes(5));

        Assert.Equal(new[] { "u1", "u2" }, results.Select(r => r.UploadId));
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Single(service.Handler.Requests, r => r.Path == ListPath);
    }

    [Fact]
    public async Task A_list_answer_that_is_not_a_page_of_uploads_falls_back_to_status_reads()
    {
        var service = new ScriptedService(("u1", 2), ("u2", 3)) { ListGarbled = true };
        using var client = _factory.Create(service.Handler);

        var results = await client.WaitForCompletionAsync(Created("u1", "u2"), TimeSpan.FromMinutes(5));

        Assert.Equal(new[] { "u1", "u2" }, results.Select(r => r.UploadId));
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Single(service.Handler.Requests, r => r.Path == ListPath);
    }

    [Fact]
    public async Task Each_upload_times_out_on_its_own_and_the_finished_ones_keep_their_result()
    {
        var service = new ScriptedService(("fast", 1), ("slow", int.MaxValue));
        using var client = _factory.Create(service.Handler);

        var results = await client.WaitForCompletionAsync(new[] { "fast", "slow" }, TimeSpan.FromSeconds(3));

        Assert.True(results[0].Succeeded);
        Assert.False(results[0].TimedOut);
        Assert.True(results[1].TimedOut);
        Assert.False(results[1].Succeeded);
        Assert.Equal("slow", results[1].Upload!.Id);
        Assert.False(results[1].Upload!.Complete);
        Assert.Equal(TimeSpan.FromSeconds(3), _factory.Delays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay));
    }

    [Fact]
    public async Task Ids_alone_are_polled_at_once_and_an_unknown_id_ends_only_its_own_wait()
    {
        var service = new ScriptedService(("u1", 1)) { HiddenFromList = { "gone" } };
        using var client = _factory.Create(service.Handler);

        var results = await client.WaitForCompletionAsync(new[] { "u1", "gone" }, TimeSpan.FromMinutes(5));

        Assert.Empty(_factory.Delays);
        Assert.True(results[0].Succeeded);
        Assert.Equal(404, results[1].Failure!.StatusCode);
        Assert.False(results[1].TimedOut);
        Assert.Null(results[1].Upload);
    }

    [Fact]
    public async Task Progress_receives_every_status_read_of_a_pending_upload()
    {
        var service = new ScriptedService(("u1", 2), ("u2", 1));
        using var client = _factory.Create(service.Handler);
        var reported = new List<string>();

        await client.WaitForCompletionAsync(Created("u1", "u2"), TimeSpan.FromMinutes(5), new SynchronousProgress<Upload>(u => reported.Add($"{u.Id}:{u.Complete}")));

        Assert.Equal(new[] { "u1:False", "u2:True", "u1:True" }, reported);
    }

    [Fact]
    public async Task Uploads_created_finished_are_returned_without_a_request()
    {
        var service = new ScriptedService();
        using var client = _factory.Create(service.Handler);
        var done = new Upload { Id = "u1", Complete = true, Progress = 1 };

        var results = await client.WaitForCompletionAsync(new[] { done }, TimeSpan.FromMinutes(5));

        Assert.Same(done, results[0].Upload);
        Assert.Empty(service.Handler.Requests);
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_between_rounds()
    {
        var service = new ScriptedService(("u1", int.MaxValue), ("u2", int.MaxValue));
        using var cancel = new CancellationTokenSource();
        _factory.Clock.Delaying = _ =>
        {
            if (_factory.Delays.Count == 3)
            {
                cancel.Cancel();
            }
        };
        using var client = _factory.Create(service.Handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitForCompletionAsync(Created("u1", "u2"), TimeSpan.FromHours(1), cancellationToken: cancel.Token));

        Assert.Equal(2, service.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_repeated_id_is_refused_before_any_request()
    {
        var service = new ScriptedService(("u1", 1));
        using var client = _factory.Create(service.Handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.WaitForCompletionAsync(new[] { "u1", "u1" }, TimeSpan.FromMinutes(1)));
        Assert.Empty(service.Handler.Requests);
    }

    private static IEnumerable<Upload> Created(params string[] ids) =>
        ids.Select(id => new Upload { Id = id, Tileset = "alice." + id, Owner = "alice" }).ToList();

    /// <summary>Uploads that complete after a number of reads of their state (list or status alike).</summary>
    private sealed class ScriptedService
    {
        private readonly ConcurrentDictionary<string, int> _readsLeft = new(StringComparer.Ordinal);
        private readonly List<string> _order = new();

        public ScriptedService(params (string Id, int ReadsUntilComplete)[] uploads)
        {
            foreach (var (id, reads) in uploads)
            {
                _readsLeft[id] = reads;
                _order.Add(id);
            }

            Handler = new RecordingHandler((request, _) => Respond(request));
        }

        public RecordingHandler Handler { get; }

        public HashSet<string> HiddenFromList { get; } = new(StringComparer.Ordinal);

        public bool ListForbidden { get; init; }

        /// <summary>A status to answer the list with instead of a page (e.g. a service without the list route).</summary>
        public HttpStatusCode? ListRefusal { get; init; }

        /// <summary>Answer the list with a body that is not an array of uploads.</summary>
        public bool ListGarbled { get; init; }

        private HttpResponseMessage Respond(RecordedRequest request)
        {
            if (request.Path == ListPath)
            {
                if (ListForbidden)
                {
                    return RecordingHandler.Json(HttpStatusCode.Forbidden, "{\"message\":\"Forbidden\"}");
                }

                if (ListRefusal is { } refusal)
                {
                    return RecordingHandler.Json(refusal, "{\"message\":\"no list here\"}");
                }

                if (ListGarbled)
                {
                    return RecordingHandler.Json(HttpStatusCode.OK, "{\"uploads\":\"not an array\"}");
                }

                var listed = _order.Where(id => !HiddenFromList.Contains(id)).Select(Read);
                return RecordingHandler.Json(HttpStatusCode.OK, "[" + string.Join(",", listed) + "]");
            }

            var id = request.Path.Substring(ListPath.Length + 1);
            return _readsLeft.ContainsKey(id)
                ? RecordingHandler.Json(HttpStatusCode.OK, Read(id))
                : RecordingHandler.Json(HttpStatusCode.NotFound, "{\"message\":\"Not Found\"}");
        }

        private string Read(string id)
        {
            var left = _readsLeft.AddOrUpdate(id, 0, (_, reads) => reads == int.MaxValue ? reads : reads - 1);
            return left <= 0 ? UploadJson.Of(id, complete: true, progress: 1) : UploadJson.Of(id, progress: 0.3);
        }
    }
}
