using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;

namespace Mapbox.Uploads.Validation;

/// <summary>Checks the SQLite database header of an MBTiles file without a native SQLite dependency.</summary>
internal static class MBTilesValidator
{
    private const int HeaderLength = 100;

    private static ReadOnlySpan<byte> Magic => "SQLite format 3\0"u8;

    public static FileProblem? Validate(Stream stream)
    {
        var header = new byte[HeaderLength];
        var read = StreamReading.ReadAtMost(stream, header, 0, HeaderLength);
        if (read < Magic.Length || !header.AsSpan().StartsWith(Magic))
        {
            return Problem("The file is not an SQLite database (it does not start with \"SQLite format 3\"). Export the tiles again as MBTiles.");
        }

        if (read < HeaderLength)
        {
            return Problem("The SQLite database is truncated: it is shorter than its 100-byte header. Copy or export the MBTiles again.");
        }

        var rawPageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        var pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        {
            return Problem(string.Format(CultureInfo.InvariantCulture,
                "The SQLite header is damaged: page size {0} is not a power of two between 512 and 65536. Export the MBTiles again.", pageSize));
        }

        if (header[21] != 64 || header[22] != 32 || header[23] != 32)
        {
            return Problem("The SQLite header is damaged (its payload fractions are not 64, 32, 32). Export the MBTiles again.");
        }

        var length = stream.Length;
        if (length % pageSize != 0)
        {
            return Problem(string.Format(CultureInfo.InvariantCulture,
                "The SQLite database is truncated or damaged: its length {0} is not a whole number of {1}-byte pages. Copy or export the MBTiles again.",
                length, pageSize));
        }

        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        var pageCount = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        var versionValidFor = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        if (changeCounter == versionValidFor && pageCount != 0 && (long)pageCount * pageSize > length)
        {
            return Problem(string.Format(CultureInfo.InvariantCulture,
                "The SQLite database is truncated: its header counts {0} pages of {1} bytes but the file holds {2} bytes. Copy or export the MBTiles again.",
                pageCount, pageSize, length));
        }

        return null;
    }

    private static FileProblem Problem(string message) => new(FileProblemKind.InvalidMBTiles, message);
}
