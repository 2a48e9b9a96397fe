using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Mapbox.Uploads.Changesets;

/// <summary>
/// What a source file held when it was last published: each feature's id (the JSON token as sent) and a 128-bit digest
/// of its line, sorted by a 64-bit hash of the id's comparison key (<see cref="FeatureId"/>). Equal hashes are told
/// apart by comparing the ids themselves, so a hash collision never matches two features.
/// </summary>
/// <remarks>
/// On disk: <c>MBXFIDX1</c>, the SHA-256 of the source file it was read from (32 bytes), the count (int64, little-endian), then per feature in hash order its digest (16 bytes),
/// the id token's length (LEB128) and the id token's bytes, then the SHA-256 of all that. A file that is cut short or
/// altered fails that hash and is read as no index (the build resets). A feature costs 17 bytes plus its id's JSON text:
/// 24 for a 7-digit number, 35 for a 16-digit string id.
/// </remarks>
public sealed class FeatureIndex
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("MBXFIDX1");

    private readonly ulong[] _hashes;
    private readonly FeatureDigest[] _digests;
    private readonly byte[] _ids;
    private readonly int[] _idStarts;

    internal FeatureIndex(ulong[] hashes, FeatureDigest[] digests, byte[] ids, int[] idStarts, int count, string? sourceSha256 = null)
    {
        SourceSha256 = sourceSha256;
        _hashes = hashes;
        _digests = digests;
        _ids = ids;
        _idStarts = idStarts;
        Count = count;
    }

    /// <summary>The number of features.</summary>
    public int Count { get; }

    /// <summary>The SHA-256 (lowercase hex) of the file the index was read from, as given to <see cref="Write"/>; null before it is written.</summary>
    public string? SourceSha256 { get; }

    /// <summary>Reads the features of a source file (line-delimited GeoJSON or GeoJSON) into an index.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The index, or the first problem that keeps the file from being diffed by id.</returns>
    public static (FeatureIndex? Index, FeatureProblem? Problem) Build(string path, System.Threading.CancellationToken cancellationToken = default)
    {
        var builder = new FeatureIndexBuilder();
        using var sha256 = SHA256.Create();
        var scratch = new byte[32];
        var problem = SourceFeatureReader.Read(path, (line, rawId, offset) => builder.Add(rawId, FeatureDigest.Of(line, sha256, scratch), offset), cancellationToken);
        var (index, duplicate) = problem is null ? builder.Build() : (null, problem);
        return duplicate is { } found ? (null, SourceFeatureReader.Place(path, found)) : (index, null);
    }

    /// <summary>Reads an index written by <see cref="Write"/>; null when the file is missing, cut short or altered.</summary>
    /// <param name="path">The index file.</param>
    public static FeatureIndex? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 32 + 8 + 32)
        {
            return null;
        }

        using (var sha256 = SHA256.Create())
        {
            var hash = sha256.ComputeHash(bytes, 0, bytes.Length - 32);
            if (!hash.AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)) || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                return null;
            }
        }

        var sourceSha256 = ToHex(bytes.AsSpan(Magic.Length, 32));
        var count = BitConverter.ToInt64(bytes, Magic.Length + 32);
        if (count < 0 || count > int.MaxValue || count * (FeatureDigest.Size + 2) > bytes.Length)
        {
            return null;
        }

        var hashes = new ulong[count];
        var digests = new FeatureDigest[count];
        var idStarts = new int[count + 1];
        var ids = new byte[bytes.Length];
        var position = Magic.Length + 32 + 8;
        var idLength = 0;
        for (var i = 0; i < count; i++)
        {
            digests[i] = FeatureDigest.Read(bytes.AsSpan(position));
            position += FeatureDigest.Size;
            var length = ReadLength(bytes, ref position);
            var raw = bytes.AsSpan(position, length);
            raw.CopyTo(ids.AsSpan(idLength));
            hashes[i] = FeatureId.Hash(FeatureId.Key(raw));
            idStarts[i] = idLength;
            idLength += length;
            position += length;
        }

        idStarts[count] = idLength;
        Array.Resize(ref ids, idLength);
        return new FeatureIndex(hashes, digests, ids, idStarts, (int)count, sourceSha256);
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
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var entry = new byte[FeatureDigest.Size + 5];
            void Put(byte[] bytes, int count)
            {
                hash.AppendData(bytes, 0, count);
                file.Write(bytes, 0, count);
            }

            Put(Magic, Magic.Length);
            Put(source, source.Length);
            Put(BitConverter.GetBytes((long)Count), 8);
            for (var i = 0; i < Count; i++)
            {
                _digests[i].Write(entry);
                var length = _idStarts[i + 1] - _idStarts[i];
                var used = FeatureDigest.Size + WriteLength(entry, FeatureDigest.Size, length);
                Put(entry, used);
                hash.AppendData(_ids, _idStarts[i], length);
                file.Write(_ids, _idStarts[i], length);
            }

            var footer = hash.GetHashAndReset();
            file.Write(footer, 0, footer.Length);
        }

        if (File.Exists(path))
        {
            File.Delete(path);
        }

        File.Move(temporary, path);
    }

    internal FeatureDigest DigestAt(int i) => _digests[i];

    internal ReadOnlySpan<byte> IdAt(int i) => _ids.AsSpan(_idStarts[i], _idStarts[i + 1] - _idStarts[i]);

    /// <summary>The position of the feature whose id has <paramref name="key"/> (of hash <paramref name="hash"/>), or -1.</summary>
    internal int Find(ulong hash, byte[] key)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_hashes[middle] < hash)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < Count && _hashes[i] == hash; i++)
        {
            if (FeatureId.Key(IdAt(i)).AsSpan().SequenceEqual(key))
            {
                return i;
            }
        }

        return -1;
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

    private static int ReadLength(byte[] bytes, ref int position)
    {
        var value = 0;
        for (var shift = 0; shift < 32; shift += 7)
        {
            var b = bytes[position++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("The feature index holds an id length that does not end.");
    }

    private static int WriteLength(byte[] bytes, int offset, int value)
    {
        var used = 0;
        while (value >= 0x80)
        {
            bytes[offset + used++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bytes[offset + used++] = (byte)value;
        return used;
    }
}
