using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Reads the <c>key=value,key=value</c> lists that <c>--fault</c> and <c>--token</c> take; a key without
/// <c>=</c> is a flag.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    private CommandArguments(string option) => Option = option;

    public string Option { get; }

    public List<string> Problems { get; } = [];

    public static CommandArguments Parse(string option, string text, IReadOnlyCollection<string> knownKeys)
    {
        var arguments = new CommandArguments(option);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=');
            var key = equals < 0 ? pair : pair[..equals];
            if (!knownKeys.Contains(key))
            {
                arguments.Problems.Add($"{option} does not know '{key}'; it takes {string.Join(", ", knownKeys)}.");
                continue;
            }
            arguments._values[key] = equals < 0 ? null : pair[(equals + 1)..];
        }
        return arguments;
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public string? Text(string key) => _values.GetValueOrDefault(key);

    public string Required(string key)
    {
        if (_values.GetValueOrDefault(key) is { Length: > 0 } value)
        {
            return value;
        }
        Problems.Add($"{Option} needs {key}=...");
        return "";
    }

    public int? Integer(string key) => Read(key, "a whole number", text =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (int?)null);

    public long? Long(string key) => Read(key, "a whole number", text =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (long?)null);

    public double? Number(string key) => Read(key, "a number", text =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0 ? number : (double?)null);

    public TimeSpan? Seconds(string key) => Number(key) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private T? Read<T>(string key, string expected, Func<string, T?> parse)
        where T : struct
    {
        if (!_values.TryGetValue(key, out var text))
        {
            return null;
        }
        var parsed = text is null ? null : parse(text);
        if (parsed is null)
        {
            Problems.Add($"{Option} {key}={text} is not {expected}.");
        }
        return parsed;
    }
}
