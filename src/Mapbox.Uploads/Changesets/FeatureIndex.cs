using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Mapbox.Uploads.Changesets;

/// <summary>
/// What a source file held when it was last published: each feature's id (the JSON token as sent) and a 128-bit digest
/// of its line, sorted by a 64-bit hash of the id's comparison key (<see cref="FeatureId"/>), equal hashes by the keys
/// themselves. It stays on disk: a diff streams it once, merged with the new file's sorted entries, so memory does not
/// grow with the source.
/// </summary>
/// <remarks>
/// On disk: <c>MBXFIDX2</c>, the SHA-256 of the source file it was read from (32 bytes), the count (int64,
/// little-endian), then per feature in index order its digest (16 bytes), the id token's length (LEB128) and the id
/// token's bytes, then the SHA-256 of all that. A file that is cut short or altered fails that hash and is read as no
/// index (the build resets). So is an index of the first format, <c>MBXFIDX1</c>: its entries were sorted by hash
/// alone, and the streaming merge needs equal hashes ordered by key, so it is read as none and the next publish resets
/// once ("no feature index") and writes the new format. A feature costs 17 bytes plus its id's JSON text: 24 for a
/// 7-digit number, 35 for a 16-digit string id. An index made by <see cref="Build(string, CancellationToken)"/> or a diff lives in a temporary
/// file, deleted when the index is disposed (or its process ends), until <see cref="Write"/> keeps it.
/// </remarks>
public sealed class FeatureIndex : IDisposable
{
    private const int HeaderSize = 8 + 32 + 8;
    private const int FooterSize = 32;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("MBXFIDX2");

    private readonly FileStream? _entries;
    private readonly string? _path;

    internal FeatureIndex(FileStream entries, int count)
    {
        _entries = entries;
        Count = count;
    }

    private FeatureIndex(string path, int count, string sourceSha256)
    {
        _path = path;
        Count = count;
        SourceSha256 = sourceSha256;
    }

    /// <summary>The number of features.</summary>
    public int Count { get; }

    /// <summary>The SHA-256 (lowercase hex) of the file the index was read from, as given to <see cref="Write"/>; null before it is written.</summary>
    public string? SourceSha256 { get; }

    /// <summary>Reads the features of a source file (line-delimited GeoJSON or GeoJSON) into an index.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The index, or the first problem that keeps the file from being diffed by id.</returns>
    public static (FeatureIndex? Index, FeatureProblem? Problem) Build(string path, CancellationToken cancellationToken = default) =>
        Build(path, SortOptions.Default, cancellationToken);

    internal static (FeatureIndex? Index, FeatureProblem? Problem) Build(string path, SortOptions options, CancellationToken cancellationToken)
    {
        var result = FeatureMerge.Run(path, null, null, options, cancellationToken);
        return (result.Index, result.Problem);
    }

    /// <summary>Checks an index written by <see cref="Write"/>; null when the file is missing, cut short, altered or of the first format.</summary>
    /// <param name="path">The index file; it is read again, streamed, by the diff.</param>
    public static FeatureIndex? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        var length = file.Length;
        if (length < HeaderSize + FooterSize)
        {
            return null;
        }

        var header = new byte[HeaderSize];
        IndexEntries.ReadExactly(file, header, HeaderSize);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }

        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            hash.AppendData(header);
            var buffer = new byte[64 * 1024];
            var left = length - HeaderSize - FooterSize;
            while (left > 0)
            {
                var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read <= 0)
                {
                    return null;
                }

                hash.AppendData(buffer, 0, read);
                left -= read;
            }

            var footer = new byte[FooterSize];
            IndexEntries.ReadExactly(file, footer, FooterSize);
            if (!hash.GetHashAndReset().AsSpan().SequenceEqual(footer))
            {
                return null;
            }
        }

        var count = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(Magic.Length + 32));
        if (count < 0 || count > int.MaxValue || count * (FeatureDigest.Size + 2) > length)
        {
            return null;
        }

        return new FeatureIndex(path, (int)count, ToHex(header.AsSpan(Magic.Length, 32)));
    }

    /// <summary>Writes the index to <paramref name="path"/> through a temporary file, so a reader sees the old index or the new one whole.</summary>
    /// <param name="path">The index file.</param>
    /// <param name="sourceSha256">The SHA-256 (hex) of the file the index was read from, so a later build knows whether the file still holds these features.</param>
    public void Write(string path, string sourceSha256)
    {
        var source = FromHex(sourceSha256 ?? throw new ArgumentNullException(nameof(sourceSha256)));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var header = new byte[HeaderSize];
                Magic.CopyTo(header, 0);
                source.CopyTo(header, Magic.Length);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(Magic.Length + 32), Count);
                hash.AppendData(header);
                file.Write(header, 0, header.Length);
                WithEntryBytes((entries, length) =>
                {
                    var buffer = new byte[64 * 1024];
                    for (var left = length; left > 0;)
                    {
                        var read = entries.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                        if (read <= 0)
                        {
                            throw new InvalidDataException("The feature index ended while it was copied.");
                        }

                        hash.AppendData(buffer, 0, read);
                        file.Write(buffer, 0, read);
                        left -= read;
                    }

                    return true;
                });
                var footer = hash.GetHashAndReset();
                file.Write(footer, 0, footer.Length);
            }

            if (File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(temporary, path);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Deletes the temporary file of an index that was built and not read from disk.</summary>
    public void Dispose() => _entries?.Dispose();

    /// <summary>Streams the entries in index order to <paramref name="read"/>, their keys hashed by <paramref name="hash"/>.</summary>
    internal T ReadEntries<T>(Func<byte[], ulong> hash, Func<IndexEntries.Reader, T> read) =>
        WithEntryBytes((entries, _) => read(new IndexEntries.Reader(entries, Count, hash)));

    private T WithEntryBytes<T>(Func<Stream, long, T> read)
    {
        if (_entries is not null)
        {
            _entries.Flush();
            _entries.Position = 0;
            return read(_entries, _entries.Length);
        }

        using var file = new FileStream(_path!, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        file.Position = HeaderSize;
        return read(file, file.Length - HeaderSize - FooterSize);
    }

    private static string ToHex(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static byte[] FromHex(string hex)
    {
        if (hex.Length != 64)
        {
            throw new ArgumentException("A SHA-256 is 64 hexadecimal digits.", nameof(hex));
        }

        var bytes = new byte[32];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(hex.Substring(i * 2, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        }

        return bytes;
    }
}
