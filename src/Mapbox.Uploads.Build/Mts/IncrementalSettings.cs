using System.Globalization;

namespace Mapbox.Uploads.Build;

/// <summary>The knob of incremental publishing.</summary>
internal static class IncrementalSettings
{
    /// <summary>
    /// <c>MapboxIncrementalMaxChangePercent</c>: a source whose diff touches more than this share of its features is
    /// published in full (a reset). A whole number from 0 to 100; text, as the other numeric knobs, so a wrong value is MBX1020.
    /// </summary>
    public static int MaxChangePercent(string text)
    {
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 100)
        {
            return value;
        }

        throw new MapboxBuildException(ErrorCodes.SettingInvalid, $"MapboxIncrementalMaxChangePercent is '{text}', not a whole number from 0 to 100");
    }
}
