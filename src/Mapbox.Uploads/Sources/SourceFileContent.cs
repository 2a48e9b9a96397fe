using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Sources;

/// <summary>
/// One file as the multipart/form-data body of a source request, in a part named <c>file</c>. The bytes are produced
/// while the request is written: GeoJSON is converted on the fly, line-delimited files are copied, and a new content
/// (and file handle) is made for every attempt.
/// </summary>
internal sealed class SourceFileContent : HttpContent
{
    private const int CopyBufferSize = 1024 * 1024;

    private readonly string _path;
    private readonly SourceFileFormat _format;

    private SourceFileContent(string path, SourceFileFormat format)
    {
        _path = path;
        _format = format;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    public static HttpContent Create(string path, SourceFileFormat format)
    {
        var fileName = format == SourceFileFormat.LineDelimited ? Path.GetFileName(path) : Path.GetFileNameWithoutExtension(path) + ".ldgeojson";
        return new MultipartFormDataContent { { new SourceFileContent(path, format), "file", fileName } };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        WriteAsync(stream, CancellationToken.None);

#if NET
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        WriteAsync(stream, cancellationToken);
#endif

    private async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (_format == SourceFileFormat.GeoJson)
        {
            await GeoJsonLineWriter.WriteAsync(file, stream, cancellationToken).ConfigureAwait(false);
            return;
        }

        await file.CopyToAsync(stream, CopyBufferSize, cancellationToken).ConfigureAwait(false);
        if (!EndsWithNewline(file))
        {
            await stream.WriteAsync(NewLine, 0, 1, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        if (_format == SourceFileFormat.GeoJson)
        {
            return false;
        }

        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        length = file.Length + (EndsWithNewline(file) ? 0 : 1);
        return true;
    }

    private static readonly byte[] NewLine = { (byte)'\n' };

    private static bool EndsWithNewline(FileStream file)
    {
        if (file.Length == 0)
        {
            return true;
        }

        file.Position = file.Length - 1;
        return file.ReadByte() == '\n';
    }
}
