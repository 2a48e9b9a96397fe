using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Mapbox.Uploads.Validation.Raster;

/// <summary>
/// Reads what a streaming pass can prove of a NetCDF file. Classic (CDF-1, CDF-2 and CDF-5): the whole header (its
/// dimensions, attributes and variables), and that every variable's data starts inside the file and, for those
/// without the record dimension, ends inside it. NetCDF-4: the HDF5 signature (at 0 or after a user block), a
/// superblock of a known version, and that the file is as long as its superblock says.
/// </summary>
internal static class NetCdfReader
{
    private const int Dimension = 0x0A;
    private const int Variable = 0x0B;
    private const int Attribute = 0x0C;
    private const long MaxElements = 1 << 20;
    private const int MaxNameBytes = 1 << 16;
    private static readonly byte[] Hdf5Signature = { 0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A };

    /// <summary>The number of variables (0 for NetCDF-4, whose variables are not read), or what is wrong.</summary>
    public static (int Variables, string? Problem) Read(Stream stream, CancellationToken cancellationToken)
    {
        var magic = new byte[8];
        var read = StreamReading.ReadAtMost(stream, magic, 0, magic.Length);
        if (read >= 4 && magic[0] == 'C' && magic[1] == 'D' && magic[2] == 'F' && magic[3] is 1 or 2 or 5)
        {
            stream.Position = 4;
            try
            {
                return ReadClassic(new Header(stream, magic[3]), stream.Length, cancellationToken);
            }
            catch (EndOfStreamException)
            {
                return (0, "The NetCDF header ends before its last variable: the file is truncated. Download or export it again.");
            }
            catch (InvalidDataException e)
            {
                return (0, $"The NetCDF header is damaged: {e.Message}. Export the file again.");
            }
        }

        for (long at = 0; at + 48 <= stream.Length && at <= 1 << 20; at = at == 0 ? 512 : at * 2)
        {
            stream.Position = at;
            if (StreamReading.ReadAtMost(stream, magic, 0, magic.Length) == magic.Length && magic.AsSpan().SequenceEqual(Hdf5Signature))
            {
                return (0, CheckSuperblock(stream, at));
            }
        }

        return (0, "The file is not NetCDF: it starts with neither \"CDF\" (classic NetCDF) nor the HDF5 signature (NetCDF-4). Export it again as NetCDF (e.g. gdal_translate -of netCDF or nccopy).");
    }

    private static (int Variables, string? Problem) ReadClassic(Header header, long fileLength, CancellationToken cancellationToken)
    {
        header.Count();
        var dimensionLengths = header.List(Dimension, "dimensions", () =>
        {
            header.Name();
            return header.Count();
        });
        header.List(Attribute, "global attributes", () => SkipAttribute(header));
        var problem = (string?)null;
        var variables = header.List(Variable, "variables", () =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = header.Name();
            var dimensions = header.Count();
            var isRecord = false;
            for (long i = 0; i < dimensions; i++)
            {
                var id = header.Count();
                if (id >= dimensionLengths.Count)
                {
                    problem ??= $"Variable '{name}' uses dimension {id}, but the header defines {dimensionLengths.Count}: the file is damaged.";
                }
                else if (i == 0 && dimensionLengths[(int)id] == 0)
                {
                    isRecord = true;
                }
            }

            header.List(Attribute, $"attributes of '{name}'", () => SkipAttribute(header));
            header.Int32();
            var size = header.Count();
            var begin = header.Offset();
            var sizeKnown = size != uint.MaxValue;
            if (begin > fileLength || (!isRecord && sizeKnown && begin + size > fileLength))
            {
                problem ??= string.Format(CultureInfo.InvariantCulture,
                    "The data of variable '{0}' lies at bytes {1} to {2}, past the file's end at {3}: the file is truncated. Download or export it again.",
                    name, begin, begin + size, fileLength);
            }

            return 0L;
        });
        if (problem is not null)
        {
            return (variables.Count, problem);
        }

        return variables.Count == 0
            ? (0, "The NetCDF file defines no variables, so it holds no bands for a rasterarray tileset.")
            : (variables.Count, null);
    }

    private static long SkipAttribute(Header header)
    {
        header.Name();
        var type = header.Int32();
        var size = type switch { 1 or 2 or 7 => 1, 3 or 8 => 2, 4 or 5 or 9 => 4, 6 or 10 or 11 => 8, _ => 0 };
        if (size == 0)
        {
            throw new InvalidDataException($"an attribute has type {type}, which NetCDF does not define");
        }

        header.Skip(header.Count() * size);
        return 0;
    }

    private static string? CheckSuperblock(Stream stream, long at)
    {
        var block = new byte[96];
        stream.Position = at;
        var read = StreamReading.ReadAtMost(stream, block, 0, block.Length);
        var version = block[8];
        int offsetSize;
        int addresses;
        switch (version)
        {
            case 0 or 1:
                offsetSize = block[13];
                addresses = version == 0 ? 24 : 28;
                break;
            case 2 or 3:
                offsetSize = block[9];
                addresses = 12;
                break;
            default:
                return $"The HDF5 superblock has version {version}; NetCDF-4 files have 0 to 3. The file is damaged or not NetCDF-4.";
        }

        if (offsetSize is not (2 or 4 or 8) || addresses + (3 * offsetSize) > read)
        {
            return "The HDF5 superblock is damaged (its size of offsets is not 2, 4 or 8). Export the file again.";
        }

        var baseAddress = Address(block, addresses, offsetSize);
        // v0/v1: base, free-space index, end of file; v2/v3: base, superblock extension, end of file.
        var endOfFile = Address(block, addresses + (2 * offsetSize), offsetSize);
        var end = baseAddress + endOfFile;
        return end > stream.Length || end < 0
            ? string.Format(CultureInfo.InvariantCulture,
                "The HDF5 superblock says the file ends at byte {0}, but it has {1} bytes: it is truncated. Download or export it again.", end, stream.Length)
            : null;
    }

    private static long Address(byte[] block, int at, int size)
    {
        ulong value = 0;
        for (var i = size - 1; i >= 0; i--)
        {
            value = (value << 8) | block[at + i];
        }

        return value == ulong.MaxValue >> (64 - (8 * size)) ? 0 : (long)Math.Min(value, long.MaxValue);
    }

    /// <summary>The classic header's big-endian values; CDF-5 widens counts to 64 bits, CDF-2 and CDF-5 offsets.</summary>
    private sealed class Header
    {
        private readonly Stream _stream;
        private readonly int _version;
        private readonly byte[] _buffer = new byte[8];

        public Header(Stream stream, int version)
        {
            _stream = stream;
            _version = version;
        }

        public int Int32() => (int)Unsigned(4);

        public long Count() => (long)Unsigned(_version == 5 ? 8 : 4);

        public long Offset() => (long)Unsigned(_version == 1 ? 4 : 8);

        public string Name()
        {
            var length = Count();
            if (length is < 1 or > MaxNameBytes)
            {
                throw new InvalidDataException($"a name has {length} bytes");
            }

            var bytes = new byte[Padded(length)];
            if (StreamReading.ReadAtMost(_stream, bytes, 0, bytes.Length) != bytes.Length)
            {
                throw new EndOfStreamException();
            }

            return System.Text.Encoding.UTF8.GetString(bytes, 0, (int)length);
        }

        public void Skip(long bytes)
        {
            var to = _stream.Position + Padded(bytes);
            if (bytes < 0 || to > _stream.Length)
            {
                throw new EndOfStreamException();
            }

            _stream.Position = to;
        }

        /// <summary>ABSENT (two zeros) or the tag, a count and that many elements.</summary>
        public System.Collections.Generic.List<long> List(int tag, string what, Func<long> element)
        {
            var found = Int32();
            var count = Count();
            var elements = new System.Collections.Generic.List<long>();
            if (found == 0 && count == 0)
            {
                return elements;
            }

            if (found != tag || count > MaxElements)
            {
                throw new InvalidDataException($"the list of {what} is not where the header puts it");
            }

            for (long i = 0; i < count; i++)
            {
                elements.Add(element());
            }

            return elements;
        }

        private static long Padded(long length) => (length + 3) / 4 * 4;

        private ulong Unsigned(int size)
        {
            if (StreamReading.ReadAtMost(_stream, _buffer, 0, size) != size)
            {
                throw new EndOfStreamException();
            }

            ulong value = 0;
            for (var i = 0; i < size; i++)
            {
                value = (value << 8) | _buffer[i];
            }

            return value;
        }
    }
}
