using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class CommandLineTests
{
    [Fact]
    public void Options_are_read_from_the_arguments()
    {
        var parsed = CommandLine.TryParse(
            [
                "--port", "5799", "--processing-seconds", "1.5", "--rate-limit", "0", "--username", "carol", "--busy-status", "409",
                "--list-limit", "2", "--rate-limit-window", "5", "--minimum-part-size", "1024", "--bucket", "rehearsal",
                "--fault-seed", "7", "--credential-lifetime", "90", "--request-log", "requests.jsonl", "--inspect-content", "off",
                "--staging-url", "http://127.0.0.1:9000",
            ],
            out var command, out var problem);

        Assert.True(parsed, problem);
        var options = command!.Options;
        Assert.Equal(5799, options.Port);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.ProcessingTime);
        Assert.Equal(0, options.RateLimitPerMinute);
        Assert.Equal(409, options.BusyStatusCode);
        Assert.Equal(2, options.DefaultListLimit);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RateLimitWindow);
        Assert.Equal(1024, options.MinimumPartSize);
        Assert.Equal("rehearsal", options.Bucket);
        Assert.Equal(new Uri("http://127.0.0.1:9000/"), options.StagingUrl);
        Assert.Equal(7, options.FaultSeed);
        Assert.Equal("requests.jsonl", options.RequestLogPath);
        Assert.Equal(TimeSpan.FromSeconds(90), options.CredentialLifetime);
        Assert.False(command.InspectContent);
        Assert.Equal("carol", command.Username);
    }

    [Fact]
    public void The_tileset_job_time_is_an_option()
    {
        Assert.True(CommandLine.TryParse(["--tileset-processing-seconds", "0.5"], out var command, out var problem), problem);

        Assert.Equal(TimeSpan.FromSeconds(0.5), command!.Options.TilesetProcessingTime);
        Assert.False(CommandLine.TryParse(["--tileset-processing-seconds", "-1"], out _, out _));
    }

    [Fact]
    public void No_arguments_mean_a_free_port_and_the_service_defaults()
    {
        Assert.True(CommandLine.TryParse([], out var command, out _));

        Assert.Equal(0, command!.Options.Port);
        Assert.Equal(60, command.Options.RateLimitPerMinute);
        Assert.Equal(422, command.Options.BusyStatusCode);
        Assert.Null(command.Options.RequestLogPath);
        Assert.Null(command.Options.CredentialLifetime);
        Assert.True(command.InspectContent);
        Assert.Empty(command.Faults);
        Assert.Empty(command.Tokens);
        Assert.Equal("emulator", command.Username);
    }

    [Fact]
    public void Faults_are_read_per_route_with_every_setting()
    {
        Assert.True(CommandLine.TryParse(
            [
                "--fault", "route=s3,kind=drop,method=PUT,times=2,probability=0.25,after-bytes=1024",
                "--fault", "route=create,kind=error,status=500",
                "--fault", "route=status,kind=latency,delay=1.5",
                "--fault", "route=List,kind=rate-limited,reset=3",
            ],
            out var command, out var problem), problem);

        Assert.Equal(
            [
                new FaultRule { Route = EmulatorRoute.S3, Kind = FaultKind.DropConnection, Method = "PUT", Times = 2, Probability = 0.25, DropAfterBytes = 1024 },
                new FaultRule { Route = EmulatorRoute.Create, Kind = FaultKind.ServerError, StatusCode = 500 },
                new FaultRule { Route = EmulatorRoute.Status, Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(1.5) },
                new FaultRule { Route = EmulatorRoute.List, Kind = FaultKind.RateLimited, RateLimitReset = TimeSpan.FromSeconds(3) },
            ],
            command!.Faults);
    }

    [Fact]
    public void Tokens_and_processing_failures_are_read()
    {
        Assert.True(CommandLine.TryParse(
            [
                "--token", "label=readonly,scopes=uploads:read+uploads:list",
                "--token", "label=other,account=mallory,revoke-after=30",
                "--fail-tileset", "carol.roads=Unknown filetype",
            ],
            out var command, out var problem), problem);

        var readOnly = command!.Tokens[0];
        Assert.Equal(("readonly", null, (TimeSpan?)null), (readOnly.Label, readOnly.Account, readOnly.RevokeAfter));
        Assert.Equal(["uploads:read", "uploads:list"], readOnly.Scopes);
        var other = command.Tokens[1];
        Assert.Equal(("other", "mallory", (TimeSpan?)TimeSpan.FromSeconds(30)), (other.Label, other.Account, other.RevokeAfter));
        Assert.Empty(other.Scopes);
        Assert.Equal("Unknown filetype", command.FailedTilesets["carol.roads"]);
    }

    [Theory]
    [InlineData("needs a value", "--port")]
    [InlineData("invalid value", "--port", "-1")]
    [InlineData("invalid value", "--busy-status", "400")]
    [InlineData("invalid value", "--list-limit", "101")]
    [InlineData("invalid value", "--verbose", "1")]
    [InlineData("invalid value", "--inspect-content", "maybe")]
    [InlineData("invalid value", "--staging-url", "s3.example")]
    [InlineData("invalid value", "--credential-lifetime", "0")]
    [InlineData("invalid value", "--credential-lifetime", "soon")]
    [InlineData("invalid value", "--fail-tileset", "roads")]
    [InlineData("route=upload is not one of credentials|create|status|list|delete|s3", "--fault", "route=upload,kind=error")]
    [InlineData("route=3 is not one of", "--fault", "route=3,kind=error")]
    [InlineData("kind=boom is not one of error|drop|latency|rate-limited", "--fault", "route=create,kind=boom")]
    [InlineData("--fault needs kind=", "--fault", "route=create")]
    [InlineData("does not know 'count'", "--fault", "route=create,kind=error,count=2")]
    [InlineData("times=two is not a whole number", "--fault", "route=create,kind=error,times=two")]
    [InlineData("Probability must be 0 to 1", "--fault", "route=create,kind=error,probability=1.5")]
    [InlineData("not 429 (use RateLimited)", "--fault", "route=create,kind=error,status=429")]
    [InlineData("--token needs label=", "--token", "account=mallory")]
    [InlineData("cannot contain ':' or spaces", "--token", "label=a:b")]
    [InlineData("needs at least one scope", "--token", "label=none,scopes=")]
    public void Invalid_arguments_are_refused_with_a_reason(string reason, params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_prints_the_listening_url_and_a_token_that_works()
    {
        await using var emulator = await EmulatorProcess.StartAsync(["--port", "0", "--username", "carol"]);
        using var session = emulator.Session(username: "carol");

        using var response = await session.Http.PostAsync(session.ApiPath("/credentials"), null);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Command_refuses_a_bad_argument_with_the_reason_and_the_usage()
    {
        var (exitCode, errors) = await EmulatorProcess.RunRefusedAsync("--fault", "route=create,kind=boom");

        Assert.Equal(2, exitCode);
        Assert.Contains("kind=boom is not one of", errors, StringComparison.Ordinal);
        Assert.Contains("--fault route=R,kind=K", errors, StringComparison.Ordinal);
    }
}
