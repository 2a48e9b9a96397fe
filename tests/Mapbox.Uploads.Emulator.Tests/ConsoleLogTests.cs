using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class ConsoleLogTests
{
    [Fact]
    public async Task Console_log_never_prints_the_access_token_even_when_configuration_asks_for_trace()
    {
        var emulatorDll = Path.Combine(AppContext.BaseDirectory, "Mapbox.Uploads.Emulator.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { emulatorDll, "--port", "0", "--username", "carol" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Configuration would turn on ASP.NET Core's request lines ("Request starting POST http://...?access_token=...").
        start.Environment["Logging__LogLevel__Default"] = "Trace";
        start.Environment["Logging__Console__LogLevel__Default"] = "Trace";
        using var emulator = Process.Start(start)!;
        string token;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Match url = Match.Empty, tokenMatch = Match.Empty;
            while (!tokenMatch.Success && await emulator.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                url = url.Success ? url : Regex.Match(line, @"^Listening on (http://127\.0\.0\.1:\d+/)$");
                tokenMatch = Regex.Match(line, @"^Token: (sk\.\S+)$");
            }

            Assert.True(url.Success && tokenMatch.Success, "the emulator printed no url or token");
            token = tokenMatch.Groups[1].Value;

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = await http.PostAsync($"{url.Groups[1].Value}uploads/v1/carol/credentials?access_token={token}", null, timeout.Token);
            Assert.Equal(200, (int)response.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token); // the console logger writes from a background queue
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
        }

        var output = await emulator.StandardOutput.ReadToEndAsync() + await emulator.StandardError.ReadToEndAsync();
        var tokenSecret = token.Split('.')[2];
        Assert.DoesNotContain(tokenSecret, output, StringComparison.Ordinal);
    }
}
