using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class ConsoleLogTests
{
    [Fact]
    public async Task Console_log_never_prints_the_access_token_even_when_configuration_asks_for_trace()
    {
        // Configuration would turn on ASP.NET Core's request lines ("Request starting POST http://...?access_token=...").
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__Console__LogLevel__Default"] = "Trace",
        };
        await using var emulator = await EmulatorProcess.StartAsync(["--port", "0", "--username", "carol"], environment: environment);
        using (var carol = emulator.Session(username: "carol"))
        {
            using var response = await carol.Http.PostAsync(carol.ApiPath("/credentials"), null);
            Assert.Equal(200, (int)response.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(1)); // the console logger writes from a background queue
        }

        var output = await emulator.StopAsync();

        var tokenSecret = emulator.Tokens[""].Split('.')[2];
        Assert.DoesNotContain(tokenSecret, output, StringComparison.Ordinal);
    }
}
