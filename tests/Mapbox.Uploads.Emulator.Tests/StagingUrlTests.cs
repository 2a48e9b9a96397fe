using System;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class StagingUrlTests
{
    private static readonly Uri OtherS3 = new("http://127.0.0.1:9/other-s3/");

    [Fact]
    public async Task Credentials_point_at_the_other_s3_and_a_create_accepts_the_url_it_issued()
    {
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { StagingUrl = OtherS3, ProcessingTime = TimeSpan.Zero });
        var credentials = await session.RequestCredentialsAsync();

        using var response = await session.CreateAsync("alice.roads", credentials.Url);
        var upload = await EmulatorSession.ReadJsonAsync(response);

        Assert.Equal($"{OtherS3}{credentials.Bucket}/{credentials.Key}", credentials.Url);
        Assert.Equal(201, (int)response.StatusCode);
        Assert.True((await session.GetUploadAsync(upload.GetProperty("id").GetString()!)).GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task A_url_it_did_not_issue_is_still_refused()
    {
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { StagingUrl = OtherS3 });

        using var response = await session.CreateAsync("alice.roads", $"{OtherS3}{session.Emulator.Bucket}/_pending/alice/never-issued");

        Assert.Equal(422, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("http://127.0.0.1/no-trailing-slash")]
    public void A_staging_url_that_is_not_an_http_folder_is_refused(string url)
    {
        Assert.Throws<ArgumentException>(() => new EmulatorOptions { StagingUrl = new Uri(url) }.Validate());
    }
}
