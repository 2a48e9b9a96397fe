using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace Mapbox.Uploads.Validation.Raster;

/// <summary>
/// Reads the TIFF header and the first image directory (classic TIFF and BigTIFF) into <see cref="GeoTiffFacts"/>:
/// the pixel layout and the GeoTIFF tags, with the GeoKeys that name a coordinate system. Only the header, the
/// directory and the values it points at are read, so a file of any size costs a few kilobytes.
/// </summary>
internal static class GeoTiffReader
{
    public const string TruncatedMessage = "The TIFF is damaged or truncated: its first image directory cannot be read. Export it again.";

    private const ushort BitsPerSampleTag = 258;
    private const ushort PhotometricTag = 262;
    private const ushort SamplesPerPixelTag = 277;
    private const ushort SampleFormatTag = 339;
    private const ushort ModelPixelScaleTag = 33550;
    private const ushort ModelTiepointTag = 33922;
    private const ushort ModelTransformationTag = 34264;
    private const ushort GeoKeyDirectoryTag = 34735;
    private const ushort ModelTypeGeoKey = 1024;
    private const ushort GeographicTypeGeoKey = 2048;
    private const ushort ProjectedTypeGeoKey = 3072;
    private const int MaxSamplesPerPixel = 1024;
    private const int MaxGeoKeys = 1024;
    private const long MaxDirectoryEntries = 4096;

    /// <summary>The facts, or the message saying why the file is not a readable TIFF.</summary>
    public static (GeoTiffFacts? Facts, string? Problem) Read(Stream stream)
    {
        var header = new byte[16];
        var read = StreamReading.ReadAtMost(stream, header, 0, header.Length);
        var littleEndian = read >= 8 && header[0] == (byte)'I' && header[1] == (byte)'I';
        var bigEndian = read >= 8 && header[0] == (byte)'M' && header[1] == (byte)'M';
        if (!littleEndian && !bigEndian)
        {
            return (null, "The file is not a TIFF image (it does not start with II or MM). Export it again as GeoTIFF.");
        }

        var tiff = new TiffBytes(stream, littleEndian);
        var version = tiff.UInt16(header, 2);
        bool bigTiff;
        long directoryOffset;
        if (version == 42)
        {
            bigTiff = false;
            directoryOffset = tiff.UInt32(header, 4);
        }
        else if (version == 43 && read >= 16 && tiff.UInt16(header, 4) == 8)
        {
            bigTiff = true;
            directoryOffset = (long)tiff.UInt64(header, 8);
        }
        else
        {
            return (null, "The file is not a TIFF image (its version is neither 42 nor BigTIFF's 43). Export it again as GeoTIFF.");
        }

        var entrySize = bigTiff ? 20 : 12;
        var countSize = bigTiff ? 8 : 2;
        var countBytes = new byte[8];
        if (directoryOffset < 8 || !tiff.TryReadAt(directoryOffset, countBytes, countSize))
        {
            return (null, TruncatedMessage);
        }

        var entryCount = bigTiff ? (long)tiff.UInt64(countBytes, 0) : tiff.UInt16(countBytes, 0);
        if (entryCount == 0 || entryCount > MaxDirectoryEntries)
        {
            return (null, TruncatedMessage);
        }

        var entries = new byte[entryCount * entrySize];
        if (!tiff.TryReadAt(directoryOffset + countSize, entries, entries.Length))
        {
            return (null, TruncatedMessage);
        }

        var directory = new ImageDirectory(tiff, entries, bigTiff);
        IReadOnlyList<uint>? bits = null;
        ushort? photometric = null;
        ushort? sampleFormat = null;
        var samples = 1;
        bool geoKeys = false, pixelScale = false, transformation = false, crs = false;
        long tiepointValues = 0;
        for (var entry = 0; entry < entryCount; entry++)
        {
            var at = entry * entrySize;
            switch (tiff.UInt16(entries, at))
            {
                case BitsPerSampleTag:
                    bits = directory.Integers(at, MaxSamplesPerPixel);
                    if (bits is null)
                    {
                        return (null, TruncatedMessage);
                    }

                    break;
                case PhotometricTag:
                    photometric = (ushort?)directory.First(at);
                    break;
                case SamplesPerPixelTag:
                    samples = (int)(directory.First(at) ?? 1);
                    break;
                case SampleFormatTag:
                    sampleFormat = (ushort?)directory.First(at);
                    break;
                case GeoKeyDirectoryTag:
                    geoKeys = true;
                    crs = NamesCrs(directory.Integers(at, 4 * (MaxGeoKeys + 1)));
                    break;
                case ModelPixelScaleTag:
                    pixelScale = true;
                    break;
                case ModelTiepointTag:
                    tiepointValues = directory.Count(at);
                    break;
                case ModelTransformationTag:
                    transformation = true;
                    break;
            }
        }

        return (new GeoTiffFacts
        {
            BitsPerSample = bits,
            Photometric = photometric,
            SampleFormat = sampleFormat,
            SamplesPerPixel = samples,
            HasGeoKeys = geoKeys,
            HasPixelScale = pixelScale,
            TiepointValues = tiepointValues,
            HasTransformation = transformation,
            HasCrs = crs,
        }, null);
    }

    /// <summary>
    /// Whether a GeoKeyDirectory (4 shorts of header, then 4 per key: id, location, count, value) names a coordinate
    /// system: a model type of projected, geographic or geocentric, or a geographic or projected CRS code.
    /// </summary>
    private static bool NamesCrs(IReadOnlyList<uint>? keys)
    {
        if (keys is null || keys.Count < 4)
        {
            return false;
        }

        var count = (int)Math.Min(keys[3], (keys.Count / 4) - 1);
        for (var key = 1; key <= count; key++)
        {
            var id = keys[key * 4];
            var location = keys[(key * 4) + 1];
            var value = keys[(key * 4) + 3];
            // Location 0: the value is the short in the entry itself, as these keys are always stored.
            if (location == 0 && value != 0 && id is ModelTypeGeoKey or GeographicTypeGeoKey or ProjectedTypeGeoKey)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The entries of one image directory, and the values they hold in line or point at.</summary>
    private readonly struct ImageDirectory
    {
        private readonly TiffBytes _tiff;
        private readonly byte[] _entries;
        private readonly bool _bigTiff;

        public ImageDirectory(TiffBytes tiff, byte[] entries, bool bigTiff)
        {
            _tiff = tiff;
            _entries = entries;
            _bigTiff = bigTiff;
        }

        /// <summary>How many values the entry holds, whatever their type.</summary>
        public long Count(int at) => _bigTiff ? (long)_tiff.UInt64(_entries, at + 4) : _tiff.UInt32(_entries, at + 4);

        public uint? First(int at) => Integers(at, 1 << 16) is { Count: > 0 } values ? values[0] : null;

        /// <summary>A BYTE, SHORT or LONG entry's values; null for another type, too many values or a value out of the file.</summary>
        public IReadOnlyList<uint>? Integers(int at, int maxCount)
        {
            var fieldType = _tiff.UInt16(_entries, at + 2);
            var count = _bigTiff ? (long)_tiff.UInt64(_entries, at + 4) : _tiff.UInt32(_entries, at + 4);
            var valueAt = at + (_bigTiff ? 12 : 8);
            var valueFieldSize = _bigTiff ? 8 : 4;
            var valueSize = fieldType switch { 1 => 1, 3 => 2, 4 => 4, _ => 0 };
            if (valueSize == 0 || count < 1 || count > maxCount)
            {
                return null;
            }

            var bytes = new byte[count * valueSize];
            if (bytes.Length <= valueFieldSize)
            {
                Array.Copy(_entries, valueAt, bytes, 0, bytes.Length);
            }
            else
            {
                var offset = _bigTiff ? (long)_tiff.UInt64(_entries, valueAt) : _tiff.UInt32(_entries, valueAt);
                if (!_tiff.TryReadAt(offset, bytes, bytes.Length))
                {
                    return null;
                }
            }

            var values = new uint[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = valueSize switch
                {
                    1 => bytes[i],
                    2 => _tiff.UInt16(bytes, i * 2),
                    _ => _tiff.UInt32(bytes, i * 4),
                };
            }

            return values;
        }
    }

    private readonly struct TiffBytes
    {
        private readonly Stream _stream;
        private readonly bool _littleEndian;

        public TiffBytes(Stream stream, bool littleEndian)
        {
            _stream = stream;
            _littleEndian = littleEndian;
        }

        public ushort UInt16(byte[] bytes, int at) => _littleEndian
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at))
            : BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at));

        public uint UInt32(byte[] bytes, int at) => _littleEndian
            ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at))
            : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));

        public ulong UInt64(byte[] bytes, int at) => _littleEndian
            ? BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at))
            : BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(at));

        public bool TryReadAt(long offset, byte[] buffer, int count)
        {
            if (offset < 0 || offset > _stream.Length - count)
            {
                return false;
            }

            _stream.Position = offset;
            return StreamReading.ReadAtMost(_stream, buffer, 0, count) == count;
        }
    }
}
