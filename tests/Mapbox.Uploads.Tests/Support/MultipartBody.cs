using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Mapbox.Uploads.Tests.Support;

/// <summary>Reads the parts of a recorded multipart/form-data body.</summary>
internal static class MultipartBody
{
    public static IReadOnlyList<(string Name, string? FileName, byte[] Content)> Parts(RecordedRequest request)
    {
        var boundary = Regex.Match(request.Headers["Content-Type"], "boundary=\"?(?<b>[^\";]+)\"?").Groups["b"].Value;
        var body = request.Body ?? Array.Empty<byte>();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<(string, string?, byte[])>();
        var starts = IndexesOf(body, delimiter);
        for (var i = 0; i + 1 < starts.Count; i++)
        {
            var partStart = starts[i] + delimiter.Length + 2;
            var partEnd = starts[i + 1] - 2;
            var headerEnd = IndexesOf(body.AsSpan(partStart, partEnd - partStart).ToArray(), "\r\n\r\n"u8.ToArray()).First();
            var headers = Encoding.ASCII.GetString(body, partStart, headerEnd);
            var name = Regex.Match(headers, "name=\"?(?<n>[^\";\r]+)\"?").Groups["n"].Value;
            var fileName = Regex.Match(headers, "filename=\"?(?<f>[^\";\r]+)\"?") is { Success: true } f ? f.Groups["f"].Value : null;
            var content = body.AsSpan(partStart + headerEnd + 4, partEnd - partStart - headerEnd - 4).ToArray();
            parts.Add((name, fileName, content));
        }

        return parts;
    }

    private static List<int> IndexesOf(byte[] haystack, byte[] needle)
    {
        var found = new List<int>();
        for (var at = 0; at <= haystack.Length - needle.Length;)
        {
            var next = haystack.AsSpan(at).IndexOf(needle);
            if (next < 0)
            {
                break;
            }

            found.Add(at + next);
            at += next + needle.Length;
        }

        return found;
    }
}
