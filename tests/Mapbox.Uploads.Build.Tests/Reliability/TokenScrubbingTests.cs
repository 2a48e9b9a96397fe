using System;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build.Tests.Reliability;

/// <summary>Ring 1: the log scrubs the raw token, but a short malformed value must not mangle ordinary words.</summary>
public sealed class TokenScrubbingTests : IDisposable
{
    private readonly TaskHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("x")]
    [InlineData("com")]
    [InlineData("sk.a.b")]
    public void A_short_malformed_token_yields_an_intact_MBX1002_message(string malformed)
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = malformed;

        var (succeeded, engine, _) = _harness.Run("http://127.0.0.1:9/");

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("MBX1002", error.Code);
        Assert.Contains(ErrorCodes.TokenMalformed.Help, error.Message, StringComparison.Ordinal);
        Assert.Contains("account.mapbox.com", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("***", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_raw_token_and_its_signature_are_still_scrubbed()
    {
        const string Payload = "eyJ1IjoiY2l0eXdvcmtzIiwiYSI6ImNrYWJjIn0";
        const string Signature = "SIGNATUREzz9Qm4";
        var raw = $"sk.{Payload}.{Signature}";
        var engine = new FakeBuildEngine();
        var log = new BuildLog(new TaskLoggingHelper(engine, "MapboxUpload"));
        log.AddSecret(raw);

        log.High($"whole {raw} and signature alone {Signature} and payload alone {Payload}, in Mapbox text.");

        var message = Assert.Single(engine.MessagesAt(MessageImportance.High));
        Assert.DoesNotContain(Signature, message, StringComparison.Ordinal);
        Assert.DoesNotContain(Payload, message, StringComparison.Ordinal);
        Assert.Equal("whole *** and signature alone *** and payload alone ***, in Mapbox text.", message);
    }
}
