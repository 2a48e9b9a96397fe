using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Validation.Raster;

/// <summary>
/// What the first image directory of a TIFF says about its pixels and its georeferencing: the one reading both the
/// Uploads check (<see cref="GeoTiffValidator"/>) and the Tiling Service's raster checks judge.
/// </summary>
internal sealed class GeoTiffFacts
{
    /// <summary>TIFF's PhotometricInterpretation for RGB.</summary>
    public const ushort PhotometricRgb = 2;

    /// <summary>TIFF's PhotometricInterpretation for YCbCr, which Mapbox's raster tilesets refuse.</summary>
    public const ushort PhotometricYCbCr = 6;

    /// <summary>TIFF's SampleFormat for unsigned integers (the default when the tag is absent).</summary>
    public const ushort SampleFormatUnsigned = 1;

    private const int MinGroundControlPoints = 3;

    // A tiepoint is raster I, J, K then model X, Y, Z.
    private const int ValuesPerTiepoint = 6;

    /// <summary>The bits of each sample; null when the tag is absent (which TIFF reads as 1 bit).</summary>
    public IReadOnlyList<uint>? BitsPerSample { get; set; }

    /// <summary>The format of the first sample (1 unsigned, 2 signed, 3 floating point); null when absent (unsigned).</summary>
    public ushort? SampleFormat { get; set; }

    /// <summary>How the samples make a colour (2 RGB, 6 YCbCr, 1 grey); null when absent.</summary>
    public ushort? Photometric { get; set; }

    /// <summary>Samples per pixel (1 when the tag is absent).</summary>
    public int SamplesPerPixel { get; set; } = 1;

    /// <summary>The GeoKeyDirectory tag (34735) is present.</summary>
    public bool HasGeoKeys { get; set; }

    /// <summary>ModelPixelScale (33550) is present.</summary>
    public bool HasPixelScale { get; set; }

    /// <summary>How many values ModelTiepoint (33922) holds, 6 per tiepoint; 0 when the tag is absent.</summary>
    public long TiepointValues { get; set; }

    /// <summary>ModelTransformation (34264) is present.</summary>
    public bool HasTransformation { get; set; }

    /// <summary>The GeoKeys name a coordinate system: a model type, or a geographic or projected EPSG code (or user-defined).</summary>
    public bool HasCrs { get; set; }

    /// <summary>
    /// A raster-to-model transform: ModelTransformation, ModelPixelScale with a tiepoint, or ground control points
    /// (GeoTIFF 1.1, 7.2: several tiepoints without a pixel scale), of which an affine fit, as gdalwarp makes, needs 3.
    /// </summary>
    public bool HasTransform => HasTransformation || (HasPixelScale && TiepointValues > 0) || TiepointValues / ValuesPerTiepoint >= MinGroundControlPoints;

    /// <summary>Every sample is an 8-bit unsigned integer (<c>uint8</c>), as a raster tileset needs.</summary>
    public bool IsUint8 => BitsPerSample is { Count: > 0 } bits && bits.All(b => b == 8) && (SampleFormat ?? SampleFormatUnsigned) == SampleFormatUnsigned;
}
