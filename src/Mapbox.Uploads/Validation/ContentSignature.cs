namespace Mapbox.Uploads.Validation;

/// <summary>The formats <see cref="ContentSniffer"/> recognizes from a file's first bytes.</summary>
internal enum ContentSignature
{
    Unknown,
    Zip,
    Gzip,
    SQLite,
    Tiff,
    Xml,
    Json,
}
