using System.Globalization;
using System.IO;
using System.Threading;

namespace Mapbox.Uploads.Validation.Raster;

/// <summary>
/// Walks a GRIB file message by message (editions 1 and 2): each starts with "GRIB", states its edition and its total
/// length, and ends with "7777" exactly there; the last one ends at the end of the file. Only the 16 bytes that open a
/// message and the 4 that close it are read, so the walk costs a few reads per message whatever the file's size.
/// </summary>
internal static class GribReader
{
    private const int MaxMessages = 1_000_000;

    /// <summary>The number of messages, or what is wrong at which byte.</summary>
    public static (int Messages, string? Problem) Read(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[16];
        var trailer = new byte[4];
        long at = 0;
        var messages = 0;
        while (at < stream.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Position = at;
            var read = StreamReading.ReadAtMost(stream, header, 0, header.Length);
            if (read < 8 || header[0] != 'G' || header[1] != 'R' || header[2] != 'I' || header[3] != 'B')
            {
                return (messages, messages == 0
                    ? "The file is not GRIB: it does not start with \"GRIB\". Export it again as GRIB edition 1 or 2 (e.g. with cdo or wgrib2)."
                    : At(at, $"after message {messages} come bytes that are not a GRIB message (no \"GRIB\"); the file is damaged or has trailing data. Cut it after the last message (e.g. wgrib2 in.grib2 -grib out.grib2)."));
            }

            long length;
            switch (header[7])
            {
                case 1:
                    length = (header[4] << 16) | (header[5] << 8) | header[6];
                    break;
                case 2 when read == 16:
                    length = 0;
                    for (var i = 8; i < 16; i++)
                    {
                        length = (length << 8) | header[i];
                    }

                    break;
                default:
                    return (messages, At(at, $"GRIB message {messages + 1} states edition {header[7]}; Mapbox reads editions 1 and 2."));
            }

            if (length < 16 + trailer.Length || length > stream.Length - at)
            {
                return (messages, At(at, string.Format(CultureInfo.InvariantCulture,
                    "GRIB message {0} states a length of {1} bytes, but {2} remain in the file: it is truncated or damaged. Download or export it again.",
                    messages + 1, length, stream.Length - at)));
            }

            stream.Position = at + length - trailer.Length;
            if (StreamReading.ReadAtMost(stream, trailer, 0, trailer.Length) != trailer.Length
                || trailer[0] != '7' || trailer[1] != '7' || trailer[2] != '7' || trailer[3] != '7')
            {
                return (messages, At(at, $"GRIB message {messages + 1} does not end with \"7777\" where its length says: it is damaged. Export it again."));
            }

            at += length;
            if (++messages > MaxMessages)
            {
                return (messages, $"The file holds more than {MaxMessages} GRIB messages; split it into several files of the source.");
            }
        }

        return (messages, messages == 0 ? "The file is empty." : null);
    }

    private static string At(long offset, string message) =>
        string.Format(CultureInfo.InvariantCulture, "At byte {0}: {1}", offset, message);
}
