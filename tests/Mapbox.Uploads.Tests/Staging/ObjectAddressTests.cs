using System;
using Mapbox.Uploads.Staging;

namespace Mapbox.Uploads.Tests.Staging;

public class ObjectAddressTests
{
    private static string Resolve(string url, string? endpoint = null, string bucket = "bkt", string key = "_pending/alice/k1") =>
        ObjectAddress.Resolve(new StagingCredentials("a", "s", "t", bucket, key, url), endpoint is null ? null : new Uri(endpoint)).ToUri().AbsoluteUri;

    [Fact]
    public void An_AWS_virtual_hosted_url_is_used_as_is() =>
        Assert.Equal("https://bkt.s3.amazonaws.com/_pending/alice/k1", Resolve("https://bkt.s3.amazonaws.com/_pending/alice/k1"));

    [Fact]
    public void A_regional_AWS_virtual_hosted_url_is_used_as_is() =>
        Assert.Equal("https://bkt.s3.us-east-1.amazonaws.com/_pending/alice/k1", Resolve("https://bkt.s3.us-east-1.amazonaws.com/_pending/alice/k1"));

    [Fact]
    public void A_path_style_url_on_any_host_is_used_as_is() =>
        Assert.Equal("http://127.0.0.1:5799/bkt/_pending/alice/k1", Resolve("http://127.0.0.1:5799/bkt/_pending/alice/k1"));

    [Fact]
    public void A_path_style_url_below_a_prefix_keeps_the_prefix() =>
        Assert.Equal("http://127.0.0.1:5799/s3/bkt/_pending/alice/k1", Resolve("http://127.0.0.1:5799/s3/bkt/_pending/alice/k1"));

    [Fact]
    public void Any_other_url_means_path_style_on_its_host() =>
        Assert.Equal("https://storage.example.test:8443/bkt/_pending/alice/k1", Resolve("https://storage.example.test:8443/somewhere/else"));

    [Fact]
    public void An_explicit_endpoint_wins() =>
        Assert.Equal("http://localhost:9000/bkt/_pending/alice/k1", Resolve("https://bkt.s3.amazonaws.com/_pending/alice/k1", "http://localhost:9000"));

    [Fact]
    public void A_url_that_is_not_http_is_refused() =>
        Assert.Throws<StagingException>(() => Resolve("s3://bkt/_pending/alice/k1"));
}
