using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Threading;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Checks that a zip holds exactly one Shapefile with its .shx, .dbf and .prj, within the uncompressed size limit.
/// Only the zip's central directory and the .shp header are read.
/// </summary>
internal static class ShapefileZipValidator
{
    private const string ServiceMessage = "Failed to find a shapefile in your zip";
    private const int ShapefileFileCode = 9994;
    private static readonly string[] Companions = { ".shx", ".dbf", ".prj" };

    public static FileProblem? Validate(Stream stream, UploadFileTypeInfo typeInfo, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return Validate(archive, typeInfo);
        }
        catch (InvalidDataException exception)
        {
            return Problem("The zip archive is damaged (" + exception.Message + "). Zip the .shp, .shx, .dbf and .prj again.");
        }
    }

    private static FileProblem? Validate(ZipArchive archive, UploadFileTypeInfo typeInfo)
    {
        var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        var shapefiles = new List<ZipArchiveEntry>();
        foreach (var entry in archive.Entries)
        {
            if (IsNoise(entry))
            {
                continue;
            }

            byName[entry.FullName] = entry;
            if (string.Equals(Path.GetExtension(entry.FullName), ".shp", StringComparison.OrdinalIgnoreCase))
            {
                shapefiles.Add(entry);
            }
        }

        if (shapefiles.Count == 0)
        {
            return Problem(ServiceMessage + ": the zip holds no .shp file. Zip the .shp together with its .shx, .dbf and .prj.");
        }

        if (shapefiles.Count > 1)
        {
            var names = new List<string>();
            foreach (var shapefile in shapefiles)
            {
                names.Add(shapefile.FullName);
            }

            return Problem(string.Format(CultureInfo.InvariantCulture,
                "The zip holds {0} shapefiles ({1}); Mapbox takes one per upload. Zip each .shp with its .shx, .dbf and .prj separately.",
                shapefiles.Count, string.Join(", ", names)));
        }

        var shp = shapefiles[0];
        var basePath = shp.FullName.Substring(0, shp.FullName.Length - ".shp".Length);
        var missing = new List<string>();
        foreach (var companion in Companions)
        {
            if (!byName.ContainsKey(basePath + companion))
            {
                missing.Add(Path.GetFileName(basePath) + companion);
            }
        }

        if (missing.Count > 0)
        {
            return Problem(string.Format(CultureInfo.InvariantCulture,
                "{0}: {1} lacks {2}. Add the missing file{3} next to it, with the same base name.",
                ServiceMessage, shp.FullName, string.Join(", ", missing), missing.Count > 1 ? "s" : string.Empty));
        }

        var dbf = byName[basePath + ".dbf"];
        var uncompressed = shp.Length + dbf.Length;
        if (uncompressed > typeInfo.MaxBytes)
        {
            return new FileProblem(FileProblemKind.TooLarge, SizeLimits.TooLargeMessage(typeInfo, uncompressed));
        }

        return HasShapefileHeader(shp)
            ? null
            : Problem(shp.FullName + " is not a shapefile (its header lacks the file code 9994). Export it again from your GIS.");
    }

    private static bool HasShapefileHeader(ZipArchiveEntry shp)
    {
        var header = new byte[4];
        using var content = shp.Open();
        return StreamReading.ReadAtMost(content, header, 0, header.Length) == header.Length &&
               System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header) == ShapefileFileCode;
    }

    // macOS Finder adds __MACOSX/ folders and ._ resource forks that are not part of the data.
    private static bool IsNoise(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith("/", StringComparison.Ordinal) ||
        entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) ||
        entry.Name.StartsWith("._", StringComparison.Ordinal);

    private static FileProblem Problem(string message) => new(FileProblemKind.InvalidShapefile, message);
}
