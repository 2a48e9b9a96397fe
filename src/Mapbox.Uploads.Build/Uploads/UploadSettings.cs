using System;
using System.Globalization;

namespace Mapbox.Uploads.Build;

/// <summary>How a run uploads: wait for processing or not, the bound per tileset, tilesets staged at once.</summary>
/// <param name="Wait">Wait for processing (MapboxUploadWait).</param>
/// <param name="Timeout">The bound per tileset's processing (MapboxUploadTimeout).</param>
/// <param name="MaxParallel">Tilesets staging and creating at once; processing waits are shared and hold no slot.</param>
internal sealed record UploadSettings(bool Wait, TimeSpan Timeout, int MaxParallel)
{
    /// <summary>
    /// The settings from the task's text parameters. They arrive as text because MSBuild would refuse
    /// <c>abc</c> or <c>1.5</c> for an int parameter with its own MSB4030, which names neither the property nor the fix.
    /// </summary>
    public static UploadSettings Parse(bool wait, string timeout, string maxParallel) =>
        new(wait, TimeSpan.FromSeconds(Positive("MapboxUploadTimeout", timeout)), Positive("MapboxUploadMaxParallel", maxParallel));

    private static int Positive(string property, string text)
    {
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        throw new MapboxBuildException(ErrorCodes.SettingInvalid, $"{property} is '{text}', not a whole number above 0");
    }
}
