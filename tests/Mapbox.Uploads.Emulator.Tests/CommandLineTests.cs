using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class CommandLineTests
{
    [Fact]
    public void Options_are_read_from_the_arguments()
    {
        var parsed = CommandLine.TryParse(
            ["--port", "5799", "--processing-seconds", "1.5", "--rate-limit", "0", "--username", "carol", "--busy-status", "409", "--list-limit", "2"],
            out var options, out var username, out var problem);

        Assert.True(parsed, problem);
        Assert.Equal(5799, options!.Port);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.ProcessingTime);
        Assert.Equal(0, options.RateLimitPerMinute);
        Assert.Equal(409, options.BusyStatusCode);
        Assert.Equal(2, options.DefaultListLimit);
        Assert.Equal("carol", username);
    }

    [Fact]
    public void The_tileset_job_time_is_an_option()
    {
        Assert.True(CommandLine.TryParse(["--tileset-processing-seconds", "0.5"], out var options, out _, out var problem), problem);

        Assert.Equal(TimeSpan.FromSeconds(0.5), options!.TilesetProcessingTime);
        Assert.False(CommandLine.TryParse(["--tileset-processing-seconds", "-1"], out _, out _, out _));
    }

    [Fact]
    public void No_arguments_mean_a_free_port_and_the_service_defaults()
    {
        Assert.True(CommandLine.TryParse([], out var options, out var username, out _));

        Assert.Equal(0, options!.Port);
        Assert.Equal(60, options.RateLimitPerMinute);
        Assert.Equal(422, options.BusyStatusCode);
        Assert.Equal("emulator", username);
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--port", "-1")]
    [InlineData("--busy-status", "400")]
    [InlineData("--list-limit", "101")]
    [InlineData("--verbose", "1")]
    public void Invalid_arguments_are_refused_with_a_reason(params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public async Task Command_prints_the_listening_url_and_a_token_that_works()
    {
        var emulatorDll = Path.Combine(AppContext.BaseDirectory, "Mapbox.Uploads.Emulator.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { emulatorDll, "--port", "0", "--username", "carol" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var emulator = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var listening = await emulator.StandardOutput.ReadLineAsync(timeout.Token);
            var tokenLine = await emulator.StandardOutput.ReadLineAsync(timeout.Token);

            var url = Regex.Match(listening ?? "", @"^Listening on (http://127\.0\.0\.1:\d+/)$");
            var token = Regex.Match(tokenLine ?? "", @"^Token: (sk\.\S+)$");
            Assert.True(url.Success, listening);
            Assert.True(token.Success, tokenLine);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = await http.PostAsync($"{url.Groups[1].Value}uploads/v1/carol/credentials?access_token={token.Groups[1].Value}", null, timeout.Token);
            Assert.Equal(200, (int)response.StatusCode);
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
        }
    }
}
