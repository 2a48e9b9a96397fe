using System;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Says what a JSON syntax error means in plain words. The reader's own messages speak of reader options,
/// payloads and tokens; this table matches them by a phrase and says what is wrong and what to do instead.
/// </summary>
internal static class JsonSyntaxWording
{
    private const string Prefix = "The file is not valid JSON: ";

    // First match wins, so the specific phrases stand before the general ones.
    private static readonly (string Phrase, string Plain)[] Table =
    {
        ("trailing comma", "a comma follows the last item of an object or array. Remove that comma."),
        ("invalid start of a property name", "a property name is not in double quotes. Write every name in double quotes, as in \"name\": 1."),
        ("invalid within a JSON string", "a string holds a raw control character such as a line break or tab. Write it escaped (\\n, \\t) or remove it."),
        ("escape", "a backslash in a string starts no valid escape. Write a literal backslash as \\\\."),
        ("invalid JSON literal", "a bare word stands where a value belongs. Put text in double quotes; the only bare words are true, false and null."),
        ("number", "a number is malformed. Write numbers like -12.5 or 3e-4, without a leading + or leading zeros."),
        ("after a single JSON value", "more text follows the end of the JSON. Remove it; several features belong in one FeatureCollection."),
        ("invalid after a value", "a value is followed by something other than a comma or a closing bracket. Add the missing comma, or remove the extra text."),
        ("invalid after a property name", "a property name is not followed by a colon. Write \"name\": value."),
        ("maximum configured depth", "objects and arrays nest deeper than any GeoJSON needs. Check that this is the GeoJSON you meant to upload."),
        ("does not contain any JSON tokens", "the file holds only white space. Check that the step producing it succeeded."),
        ("end of data", "the file ends before every object, array or string is closed. Add what is missing, or export the file again if it was cut short."),
        ("should be closed", "the file ends before every object and array is closed. Add the missing } or ], or export the file again if it was cut short."),
        ("invalid start of a value", "this is not the start of a value. Values are objects, arrays, strings in double quotes, numbers, true, false or null; JSON allows no comments, single quotes or NaN."),
    };

    /// <summary>The plain message for a reader message (whose position suffix is already cut off).</summary>
    public static string Describe(string readerMessage)
    {
        foreach (var (phrase, plain) in Table)
        {
            if (readerMessage.IndexOf(phrase, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return Prefix + plain;
            }
        }

        return Prefix + readerMessage + " Fix the syntax at this position.";
    }
}
