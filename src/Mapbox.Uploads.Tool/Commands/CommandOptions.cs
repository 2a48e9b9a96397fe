using System;
using System.CommandLine;
using System.Globalization;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary>Options more than one command takes, made afresh for each.</summary>
internal static class CommandOptions
{
    /// <summary>The task's default (MapboxUploadTimeout): Mapbox itself gives up after 1 hour (2 for MBTiles).</summary>
    private const int DefaultTimeoutSeconds = 3600;

    /// <param name="waitedFor">What the wait is for, which goes on on Mapbox after a timeout: "the upload", "the job".</param>
    public static Option<int> Timeout(string waitedFor = "the upload") => Positive(new Option<int>("--timeout")
    {
        Description = $"Seconds to wait for processing before giving up (default {DefaultTimeoutSeconds}); {waitedFor} continues on Mapbox.",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    });

    /// <summary>Makes the option take only a whole number above 0, with a message that says so.</summary>
    public static Option<int> Positive(Option<int> option)
    {
        option.CustomParser = result =>
        {
            if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }

            result.AddError($"{option.Name} takes a whole number above 0, not '{result.Tokens[0].Value}'.");
            return 0;
        };
        return option;
    }

    public static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);
}
