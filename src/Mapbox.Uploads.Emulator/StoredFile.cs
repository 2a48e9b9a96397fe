using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// One file of a tileset source or changeset as the emulator keeps it: in memory up to <see cref="SpillThreshold"/>,
/// beyond that in a temporary file, so that a source of many gigabytes (the service takes 20 GB a file) is held
/// without holding its bytes in memory. The temporary file goes when this is disposed (source replaced or deleted,
/// emulator disposed) and leaves no name behind even if the process is killed.
/// </summary>
internal sealed class StoredFile : IDisposable
{
    /// <summary>Files up to this size stay in memory: every test-sized file, and nothing a real raster is.</summary>
    public const int SpillThreshold = 16 * 1024 * 1024;

    private const int CopyBufferSize = 1024 * 1024;

    private readonly byte[]? _bytes;
    private readonly FileStream? _spillFile;
    private readonly SafeFileHandle? _spilled;

    private StoredFile(byte[]? bytes, FileStream? spillFile, long length)
    {
        _bytes = bytes;
        _spillFile = spillFile;
        _spilled = spillFile?.SafeFileHandle;
        Length = length;
    }

    public long Length { get; }

    /// <summary>True when the bytes live in a temporary file.</summary>
    public bool IsSpilled => _spilled is not null;

    /// <summary>
    /// Reads <paramref name="body"/> to its end; null (and nothing kept) when it holds more than
    /// <paramref name="maxBytes"/>, read no further than that.
    /// </summary>
    public static async Task<StoredFile?> ReceiveAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var memory = new MemoryStream();
        FileStream? spill = null;
        var buffer = new byte[CopyBufferSize];
        long length = 0;
        try
        {
            int read;
            while ((read = await FillAsync(body, buffer, cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    spill?.Dispose();
                    return null;
                }
                if (spill is null && length > SpillThreshold)
                {
                    spill = CreateSpillFile();
                    memory.Position = 0;
                    await memory.CopyToAsync(spill, cancellationToken);
                    memory = new MemoryStream();
                }
                await (spill ?? (Stream)memory).WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            if (spill is null)
            {
                return new StoredFile(memory.ToArray(), null, length);
            }
            await spill.FlushAsync(cancellationToken);
            return new StoredFile(null, spill, length);
        }
        catch
        {
            spill?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads until <paramref name="buffer"/> is full or the body ends: a multipart section hands its body over in reads
    /// of its own buffer's size (4 KiB), and a write to the temporary file for each would cost more than the receiving.
    /// </summary>
    private static async Task<int> FillAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }
        return filled;
    }

    /// <summary>A new stream over the whole file; several may read at once.</summary>
    public Stream OpenRead() => _spilled is null
        ? new MemoryStream(_bytes!, writable: false)
        : new BufferedStream(new PositionalReadStream(_spilled, Length), CopyBufferSize);

    /// <summary>Up to <paramref name="count"/> bytes from <paramref name="offset"/>; fewer at the end of the file.</summary>
    public byte[] ReadAt(long offset, int count)
    {
        // A client's damaged file may name any offset or count (a TIFF's directory is the client's bytes): read none.
        if (offset >= Length || offset < 0 || count <= 0)
        {
            return [];
        }
        var bytes = new byte[(int)Math.Min(count, Length - offset)];
        if (_spilled is null)
        {
            Array.Copy(_bytes!, offset, bytes, 0, bytes.Length);
            return bytes;
        }
        var done = 0;
        while (done < bytes.Length)
        {
            var read = RandomAccess.Read(_spilled, bytes.AsSpan(done), offset + done);
            if (read == 0)
            {
                break;
            }
            done += read;
        }
        return bytes;
    }

    /// <summary>The whole file as one array: for test-sized files only (an array holds at most 2 GiB).</summary>
    public byte[] ToArray()
    {
        if (_spilled is null)
        {
            return (byte[])_bytes!.Clone();
        }
        using var stream = OpenRead();
        var bytes = new byte[checked((int)Length)];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public void Dispose() => _spillFile?.Dispose();

    private static FileStream CreateSpillFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "mbx-emulator-" + Guid.NewGuid().ToString("N") + ".tmp");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            // Unlinked at once: the handle keeps the bytes; Windows deletes a delete-on-close file with its last handle.
            File.Delete(path);
        }
        return stream;
    }

    /// <summary>Reads the spilled file by offset, so readers share the handle without sharing a position.</summary>
    private sealed class PositionalReadStream(SafeFileHandle handle, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = RandomAccess.Read(handle, buffer[..(int)Math.Min(buffer.Length, Math.Max(0, length - _position))], _position);
            _position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
