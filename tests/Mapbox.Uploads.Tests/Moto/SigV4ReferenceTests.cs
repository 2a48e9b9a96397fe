using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;
using Mapbox.Uploads.Staging;

namespace Mapbox.Uploads.Tests.Moto;

/// <summary>Our SigV4 signatures compared with botocore's for the requests the stager makes, keys that need encoding included.</summary>
public class SigV4ReferenceTests : IClassFixture<MotoServer>
{
    private readonly MotoServer _moto;

    public SigV4ReferenceTests(MotoServer moto) => _moto = moto;

    public static TheoryData<string, string, string?, string?> Requests() => new()
    {
        { "PUT", "_pending/alice/plain", null, null },
        { "PUT", "_pending/alice/a b+c=d,e;f(g)'h!i*~ü/ä&$@:%", null, null },
        { "POST", "_pending/alice/k", "uploads", null },
        { "PUT", "_pending/alice/k", "partNumber=10", "uploadId=abc.DEF-_~+/=" },
        { "POST", "_pending/alice/k", "uploadId=abc.DEF-_~+/=", null },
        { "DELETE", "_pending/alice/k", "uploadId=x y", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Our_signature_equals_botocores(string method, string key, string? first, string? second)
    {
        var credentials = new StagingCredentials("ASIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "session/token+==", "my-bucket", key, "http://127.0.0.1:9000/my-bucket/x");
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var pair in new[] { first, second })
        {
            if (pair is null)
            {
                continue;
            }

            var parts = pair.Split('=', 2);
            query.Add(new KeyValuePair<string, string?>(parts[0], parts.Length == 2 ? parts[1] : null));
        }

        var address = ObjectAddress.Resolve(credentials, null);
        var queryString = SigV4Signer.QueryString(query);
        var url = new Uri(address.Origin + address.EncodedPath + (queryString.Length == 0 ? string.Empty : "?" + queryString));
        var now = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        SigV4Signer.Sign(request, url.AbsolutePath, query, credentials, now);

        var ours = string.Join(",", request.Headers.GetValues("Authorization"));
        var reference = await _moto.BotocoreAuthorizationAsync(method, url, now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), credentials);
        Assert.Equal(reference, ours);
        Assert.Equal("/my-bucket/" + await _moto.BotocoreEncodedKeyAsync(key), url.AbsolutePath);
    }
}
