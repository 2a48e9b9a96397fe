using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Reads the TIFF header and the first image directory (classic TIFF and BigTIFF) to check what Mapbox
/// requires of a GeoTIFF: 8 bits per sample and GeoTIFF georeferencing.
/// </summary>
internal static class GeoTiffValidator
{
    private const ushort BitsPerSampleTag = 258;
    private const ushort ModelPixelScaleTag = 33550;
    private const ushort ModelTiepointTag = 33922;
    private const ushort ModelTransformationTag = 34264;
    private const ushort GeoKeyDirectoryTag = 34735;
    private const int MaxSamplesPerPixel = 1024;
    private const long MaxDirectoryEntries = 4096;

    public static FileProblem? Validate(Stream stream)
    {
        var header = new byte[16];
        var read = StreamReading.ReadAtMost(stream, header, 0, header.Length);
        var littleEndian = read >= 8 && header[0] == (byte)'I' && header[1] == (byte)'I';
        var bigEndian = read >= 8 && header[0] == (byte)'M' && header[1] == (byte)'M';
        if (!littleEndian && !bigEndian)
        {
            return Problem("The file is not a TIFF image (it does not start with II or MM). Export it again as GeoTIFF.");
        }

        var tiff = new TiffReader(stream, littleEndian);
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
            return Problem("The file is not a TIFF image (its version is neither 42 nor BigTIFF's 43). Export it again as GeoTIFF.");
        }

        var entrySize = bigTiff ? 20 : 12;
        var countSize = bigTiff ? 8 : 2;
        var countBytes = new byte[8];
        if (directoryOffset < 8 || !tiff.TryReadAt(directoryOffset, countBytes, countSize))
        {
            return Truncated();
        }

        var entryCount = bigTiff ? (long)tiff.UInt64(countBytes, 0) : tiff.UInt16(countBytes, 0);
        if (entryCount == 0 || entryCount > MaxDirectoryEntries)
        {
            return Truncated();
        }

        var entries = new byte[entryCount * entrySize];
        if (!tiff.TryReadAt(directoryOffset + countSize, entries, entries.Length))
        {
            return Truncated();
        }

        var hasGeoKeys = false;
        var hasPixelScale = false;
        var hasTiepoint = false;
        var hasTransformation = false;
        var bitsPerSampleProblem = Problem("The TIFF does not state its bits per sample, which then means 1 bit; Mapbox accepts only 8-bit GeoTIFFs. Convert it, e.g. gdal_translate -ot Byte -scale in.tif out.tif.");
        for (var entry = 0; entry < entryCount; entry++)
        {
            var at = entry * entrySize;
            switch (tiff.UInt16(entries, at))
            {
                case BitsPerSampleTag:
                    bitsPerSampleProblem = CheckBitsPerSample(tiff, entries, at, bigTiff);
                    break;
                case GeoKeyDirectoryTag:
                    hasGeoKeys = true;
                    break;
                case ModelPixelScaleTag:
                    hasPixelScale = true;
                    break;
                case ModelTiepointTag:
                    hasTiepoint = true;
                    break;
                case ModelTransformationTag:
                    hasTransformation = true;
                    break;
            }
        }

        if (bitsPerSampleProblem is not null)
        {
            return bitsPerSampleProblem;
        }

        if (!hasGeoKeys)
        {
            return Problem("The TIFF is not georeferenced: it has no GeoKeyDirectory tag (34735). Assign it a coordinate system and extent, e.g. gdal_translate -a_srs EPSG:4326 -a_ullr ulx uly lrx lry in.tif out.tif.");
        }

        if (!hasTransformation && !(hasPixelScale && hasTiepoint))
        {
            return Problem("The TIFF has GeoKeys but no raster-to-model transform: it needs ModelPixelScale (33550) with ModelTiepoint (33922), or ModelTransformation (34264). Georeference it again, e.g. with gdal_translate -a_ullr or gdalwarp.");
        }

        return null;
    }

    private static FileProblem? CheckBitsPerSample(TiffReader tiff, byte[] entries, int at, bool bigTiff)
    {
        var fieldType = tiff.UInt16(entries, at + 2);
        var count = bigTiff ? (long)tiff.UInt64(entries, at + 4) : tiff.UInt32(entries, at + 4);
        var valueAt = at + (bigTiff ? 12 : 8);
        var valueFieldSize = bigTiff ? 8 : 4;
        var valueSize = fieldType switch { 1 => 1, 3 => 2, 4 => 4, _ => 0 };
        if (valueSize == 0 || count < 1 || count > MaxSamplesPerPixel)
        {
            return Truncated();
        }

        var values = new byte[count * valueSize];
        if (values.Length <= valueFieldSize)
        {
            Array.Copy(entries, valueAt, values, 0, values.Length);
        }
        else
        {
            var offset = bigTiff ? (long)tiff.UInt64(entries, valueAt) : tiff.UInt32(entries, valueAt);
            if (!tiff.TryReadAt(offset, values, values.Length))
            {
                return Truncated();
            }
        }

        for (var sample = 0; sample < count; sample++)
        {
            var bits = valueSize switch
            {
                1 => values[sample],
                2 => tiff.UInt16(values, sample * 2),
                _ => tiff.UInt32(values, sample * 4),
            };
            if (bits != 8)
            {
                return Problem(string.Format(CultureInfo.InvariantCulture,
                    "The GeoTIFF has {0} bits in sample {1}; Mapbox accepts only 8-bit GeoTIFFs. Convert it, e.g. gdal_translate -ot Byte -scale in.tif out.tif.",
                    bits, sample + 1));
            }
        }

        return null;
    }

    private static FileProblem Truncated() =>
        Problem("The TIFF is damaged or truncated: its first image directory cannot be read. Export it again.");

    private static FileProblem Problem(string message) => new(FileProblemKind.InvalidGeoTiff, message);

    private readonly struct TiffReader
    {
        private readonly Stream _stream;
        private readonly bool _littleEndian;

        public TiffReader(Stream stream, bool littleEndian)
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
