using System;
using System.IO;
using System.Text.Json;
using Mapbox.Uploads.Build.Tests.Infrastructure;

namespace Mapbox.Uploads.Build.Tests;

/// <summary>Ring 1: the manifest promises to hold no token, even one pasted into MapboxApiUrl.</summary>
public sealed class ManifestSecretTests : IDisposable
{
    private readonly TaskHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void A_token_in_MapboxApiUrl_reaches_the_manifest_redacted()
    {
        const string Signature = "pastedSIGNATUREzz9Qm4";
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads", ("Owner", "alice"));
        _harness.Configure = task => task.DryRun = true;

        var (succeeded, _, _) = _harness.Run($"http://127.0.0.1:9/?access_token=sk.eyJ1IjoiYWxpY2UifQ.{Signature}");

        Assert.True(succeeded);
        var text = File.ReadAllText(_harness.ManifestPath);
        Assert.DoesNotContain(Signature, text, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(text);
        Assert.Equal("http://127.0.0.1:9/?access_token=***", manifest.RootElement.GetProperty("apiUrl").GetString());
    }
}
