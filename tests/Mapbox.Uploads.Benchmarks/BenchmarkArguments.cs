using System;
using System.Globalization;

namespace Mapbox.Uploads.Benchmarks;

internal static class BenchmarkArguments
{
    public static int Int(string[] args, string name, int defaultValue)
    {
        var text = Text(args, name);
        return text is null ? defaultValue : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    public static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return null;
        }

        if (at + 1 >= args.Length)
        {
            throw new ArgumentException(name + " needs a value.");
        }

        return args[at + 1];
    }

    public static bool Flag(string[] args, string name) => Array.IndexOf(args, name) >= 0;
}
