using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Build.Tests;

/// <summary>Ring 1: everything detectable locally is reported for every item, and nothing is sent.</summary>
public sealed class LocalCheckTests : IAsyncLifetime, IDisposable
{
    private readonly TaskHarness _harness = new();
    private EmulatorServer _emulator = null!;
    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(100), RateLimitPerMinute = 0 });
        _token = _emulator.MintToken("cityworks");
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _token;
        _harness.Write("good.geojson", SampleData.RoadsGeoJson);
        _harness.Item("good.geojson", "good");
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    private string Api => _emulator.BaseUrl.ToString();

    [Theory]
    [InlineData("MBX2001", "a.geojson", "")]
    [InlineData("MBX2002", "a.geojson", "roads of the city")]
    [InlineData("MBX2002", "a.geojson", "a-very-long-tileset-id-of-forty-characters")]
    [InlineData("MBX2003", "a.geojson", "someoneelse.roads")]
    [InlineData("MBX2004", "a.geojson", "good")]
    [InlineData("MBX3001", "missing.geojson", "missing")]
    [InlineData("MBX3002", "folder.geojson", "folder")]
    [InlineData("MBX3003", "empty.geojson", "empty")]
    [InlineData("MBX3005", "notes.txt", "notes")]
    [InlineData("MBX3007", "fake.geojson", "fake")]
    [InlineData("MBX3011", "bad.csv", "badcsv")]
    public void An_item_problem_is_reported_with_its_code_and_file_before_any_request(string code, string file, string mapId)
    {
        _harness.Write("a.geojson", SampleData.RoadsGeoJson);
        _harness.Write("empty.geojson", string.Empty);
        _harness.Write("notes.txt", "just text");
        _harness.Write("fake.geojson", "PK\u0003\u0004 this is a zip");
        _harness.Write("bad.csv", "name,height\nA,1\n");
        Directory.CreateDirectory(Path.Combine(_harness.Directory, "folder.geojson"));
        _harness.Item(file, mapId);

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(Path.Combine(_harness.Directory, file), error.File);
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public void Invalid_GeoJSON_points_at_the_line_and_column()
    {
        _harness.Write("broken.geojson", "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [ oops ]\n}\n");
        _harness.Item("broken.geojson", "broken");

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("MBX3010", error.Code);
        Assert.Equal(3, error.LineNumber);
        Assert.True(error.ColumnNumber > 0);
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public void Every_bad_item_is_reported_in_one_build()
    {
        _harness.Item("missing.geojson", "missing").Item("good.geojson", "").Item("good.geojson", "x", ("Name", new string('n', 65)));

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.False(succeeded);
        Assert.Equal(["MBX2001", "MBX2005", "MBX3001"], engine.ErrorCodes.Order());
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public void Owner_metadata_that_differs_from_the_token_is_refused()
    {
        _harness.Write("a.geojson", SampleData.RoadsGeoJson);
        _harness.Item("a.geojson", "roads", ("Owner", "otherco"));

        var (_, engine, _) = _harness.Run(Api);

        Assert.Equal(["MBX2003"], engine.ErrorCodes);
        Assert.Contains("otherco", engine.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false, "MBX1001", true)]
    [InlineData(null, true, "MBX1001", false)]
    [InlineData("sk.not-a-token", false, "MBX1002", false)]
    [InlineData("sk.eyJhIjoxfQ.c2lnbmF0dXJl", false, "MBX1003", false)]
    public void Token_problems_are_coded_and_a_missing_token_only_warns_outside_CI(string? token, bool ci, string code, bool succeeds)
    {
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = token;
        _harness.Environment["CI"] = ci ? "true" : null;

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.Equal(succeeds, succeeded);
        var codes = succeeds ? engine.WarningCodes : engine.ErrorCodes;
        Assert.Equal([code], codes);
        Assert.Empty(_emulator.Requests);
        if (token is not null)
        {
            Assert.DoesNotContain(token, engine.AllText, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("MBX1001")]
    [InlineData("MBX1020")]
    public void Errors_about_the_project_point_at_the_project_file_not_the_package(string code)
    {
        _harness.Environment["CI"] = "true";
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = code == "MBX1001" ? null : _token;
        var project = Path.Combine(_harness.Directory, "CityData.csproj");
        _harness.Configure = task =>
        {
            task.ProjectFile = project;
            task.Timeout = code == "MBX1020" ? "abc" : "30";
        };

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(project, error.File);
    }

    [Fact]
    public void The_fallback_variable_is_logged_under_its_own_name_when_it_is_the_one_read()
    {
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = null;
        _harness.Environment["MapboxAccessToken"] = _token;

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Contains("from MapboxAccessToken.", engine.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("from MAPBOX_ACCESS_TOKEN", engine.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dry_run_without_a_token_still_checks_the_files_even_in_CI()
    {
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = null;
        _harness.Environment["CI"] = "true";
        _harness.Write("broken.geojson", "{ \"type\": \"FeatureCollection\", \"features\": [ oops ] }");
        _harness.Item("broken.geojson", "broken");
        _harness.Configure = task => task.DryRun = true;

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.False(succeeded);
        Assert.Equal(["MBX1001"], engine.WarningCodes);
        Assert.Equal(["MBX3010"], engine.ErrorCodes);
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public void ContinuousIntegrationBuild_makes_a_missing_token_an_error()
    {
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = null;
        _harness.Configure = task => task.ContinuousIntegrationBuild = true;

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.False(succeeded);
        Assert.Equal(["MBX1001"], engine.ErrorCodes);
    }

    [Fact]
    public void The_token_in_a_custom_variable_is_used()
    {
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = null;
        _harness.Environment["CITY_MAPBOX_TOKEN"] = _token;
        _harness.Configure = task => task.AccessTokenVariable = "CITY_MAPBOX_TOKEN";

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Single(_emulator.Requests, r => r.Route == EmulatorRoute.Create);
    }

    [Theory]
    // Off-loopback, yet no real host even if the check broke: .invalid never resolves (RFC 2606), 192.0.2.0/24 is
    // reserved for documentation (RFC 5737).
    [InlineData("http://uploads.example.invalid/", "MBX1011")]
    [InlineData("http://192.0.2.10:8080/", "MBX1011")]
    [InlineData("ftp://127.0.0.1/", "MBX1010")]
    [InlineData("not a url", "MBX1010")]
    public void A_bad_api_url_is_refused_before_the_token_is_sent(string apiUrl, string code)
    {
        var (succeeded, engine, _) = _harness.Run(apiUrl);

        Assert.False(succeeded);
        Assert.Equal([code], engine.ErrorCodes);
        Assert.DoesNotContain(_token, engine.AllText, StringComparison.Ordinal);
        // The client logs every attempt, a failed lookup or connect included: there is none.
        Assert.DoesNotContain("Mapbox HTTP:", engine.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "4")]
    [InlineData("-5", "4")]
    [InlineData("abc", "4")]
    [InlineData("1.5", "4")]
    [InlineData("3600", "0")]
    [InlineData("3600", "two")]
    public void A_timeout_or_parallelism_that_is_not_a_whole_number_above_zero_is_refused_before_any_request(string timeout, string maxParallel)
    {
        _harness.Configure = task =>
        {
            task.Timeout = timeout;
            task.MaxParallel = maxParallel;
        };

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.False(succeeded);
        Assert.Equal(["MBX1020"], engine.ErrorCodes);
        Assert.Contains(timeout == "3600" ? $"MapboxUploadMaxParallel is '{maxParallel}'" : $"MapboxUploadTimeout is '{timeout}'", engine.AllText, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("12.5")]
    public void An_incremental_change_limit_that_is_not_a_whole_percentage_is_refused_before_any_request(string percent)
    {
        _harness.Configure = task => task.IncrementalMaxChangePercent = percent;

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.False(succeeded);
        Assert.Equal(["MBX1020"], engine.ErrorCodes);
        Assert.Contains($"MapboxIncrementalMaxChangePercent is '{percent}', not a whole number from 0 to 100", engine.AllText, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public void Validate_false_sends_content_the_validator_would_refuse()
    {
        _harness.Write("odd.geojson", "{\"type\":\"FeatureCollection\",\"features\":[ oops ]}");
        _harness.Item("odd.geojson", "odd", ("Validate", "false"));
        _emulator.Processing.InspectContent = false;

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal(2, _emulator.Requests.Count(r => r.Route == EmulatorRoute.Create));
    }

    [Fact]
    public void A_flag_that_is_not_a_boolean_is_refused()
    {
        _harness.Item("good.geojson", "other", ("Patch", "yes"));

        var (_, engine, _) = _harness.Run(Api);

        Assert.Equal(["MBX2006"], engine.ErrorCodes);
    }
}
