using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace Mapbox.Uploads.Changesets;

/// <summary>
/// The new file's entries (id, digest, file offset, feature number) in bounded sorted runs: at most
/// <see cref="SortOptions.RunEntries"/> are held in memory, then sorted in index order and written to a run file; the
/// runs are read back merged, in index order, in one pass.
/// </summary>
internal sealed class FeatureRuns : IDisposable
{
    private readonly SortOptions _options;
    private readonly List<FileStream> _files = new();
    private ulong[] _hashes = new ulong[1024];
    private FeatureDigest[] _digests = new FeatureDigest[1024];
    private long[] _offsets = new long[1024];
    private int[] _idStarts = new int[1025];
    private byte[] _ids = new byte[16 * 1024];
    private int _count;

    public FeatureRuns(SortOptions options) => _options = options;

    /// <summary>The features added so far.</summary>
    public int Total { get; private set; }

    /// <summary>The run files written.</summary>
    public int Runs => _files.Count;

    public void Add(ReadOnlySpan<byte> rawId, FeatureDigest digest, long offset)
    {
        if (_count == _options.RunEntries)
        {
            Spill();
        }

        if (_count == _hashes.Length)
        {
            var size = Math.Min(_count * 2, _options.RunEntries);
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _digests, size);
            Array.Resize(ref _offsets, size);
            Array.Resize(ref _idStarts, size + 1);
        }

        var start = _idStarts[_count];
        if (start + rawId.Length > _ids.Length)
        {
            Array.Resize(ref _ids, Math.Max(_ids.Length * 2, start + rawId.Length));
        }

        rawId.CopyTo(_ids.AsSpan(start));
        _hashes[_count] = _options.Hash(FeatureId.Key(rawId));
        _digests[_count] = digest;
        _offsets[_count] = offset;
        _idStarts[++_count] = start + rawId.Length;
        Total = checked(Total + 1);
    }

    /// <summary>Writes the last run and reads all of them back merged; call once, after the last <see cref="Add"/>.</summary>
    public Merged Merge()
    {
        Spill();
        _hashes = Array.Empty<ulong>();
        _digests = Array.Empty<FeatureDigest>();
        _offsets = Array.Empty<long>();
        _ids = Array.Empty<byte>();
        var readers = new List<RunReader>();
        foreach (var file in _files)
        {
            file.Flush();
            file.Position = 0;
            var reader = new RunReader(file);
            if (reader.MoveNext())
            {
                readers.Add(reader);
            }
        }

        return new Merged(readers);
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }

        _files.Clear();
    }

    private void Spill()
    {
        if (_count == 0)
        {
            return;
        }

        var order = new int[_count];
        for (var i = 0; i < _count; i++)
        {
            order[i] = i;
        }

        var sorted = new ulong[_count];
        Array.Copy(_hashes, sorted, _count);
        Array.Sort(sorted, order);
        var byKey = Comparer<int>.Create((a, b) => FeatureId.Key(Id(a)).AsSpan().SequenceCompareTo(FeatureId.Key(Id(b))));
        for (var i = 0; i < _count;)
        {
            var end = i + 1;
            while (end < _count && sorted[end] == sorted[i])
            {
                end++;
            }

            if (end - i > 1)
            {
                // Equal hashes (a collision or a duplicate id) are ordered by their keys, so a duplicate's entries
                // end up adjacent in the merge; the file order breaks ties, which keeps the earlier feature first.
                Array.Sort(order, i, end - i, Comparer<int>.Create((a, b) => byKey.Compare(a, b) is var c && c != 0 ? c : a.CompareTo(b)));
            }

            i = end;
        }

        var file = SpillFile.Create(_options.TempDirectory);
        _files.Add(file);
        var entry = new byte[8 + FeatureDigest.Size + 8 + 4 + 4];
        var first = Total - _count;
        foreach (var i in order)
        {
            var id = Id(i);
            BinaryPrimitives.WriteUInt64LittleEndian(entry.AsSpan(0), _hashes[i]);
            _digests[i].Write(entry.AsSpan(8));
            BinaryPrimitives.WriteInt64LittleEndian(entry.AsSpan(24), _offsets[i]);
            BinaryPrimitives.WriteInt32LittleEndian(entry.AsSpan(32), first + i);
            BinaryPrimitives.WriteInt32LittleEndian(entry.AsSpan(36), id.Length);
            file.Write(entry, 0, entry.Length);
            IndexEntries.WriteAll(file, id);
        }

        _count = 0;
    }

    private ReadOnlySpan<byte> Id(int i) => _ids.AsSpan(_idStarts[i], _idStarts[i + 1] - _idStarts[i]);

    /// <summary>One run read back: each entry with its file offset and feature number.</summary>
    internal sealed class RunReader : SortedEntry
    {
        private readonly Stream _input;
        private readonly byte[] _entry = new byte[8 + FeatureDigest.Size + 8 + 4 + 4];

        public RunReader(Stream input) => _input = input;

        public long Offset { get; private set; }

        public int Number { get; private set; }

        public bool MoveNext()
        {
            var read = _input.Read(_entry, 0, 1);
            if (read == 0)
            {
                return false;
            }

            ReadRest();
            return true;
        }

        private void ReadRest()
        {
            var done = 1;
            while (done < _entry.Length)
            {
                var read = _input.Read(_entry, done, _entry.Length - done);
                if (read <= 0)
                {
                    throw new InvalidDataException("A sorted run ends inside an entry.");
                }

                done += read;
            }

            Hash = BitConverter.ToUInt64(_entry, 0);
            Digest = FeatureDigest.Read(_entry.AsSpan(8));
            Offset = BitConverter.ToInt64(_entry, 24);
            Number = BitConverter.ToInt32(_entry, 32);
            var length = BitConverter.ToInt32(_entry, 36);
            IndexEntries.ReadExactly(_input, IdBuffer(length), length);
        }
    }

    /// <summary>The runs merged: <see cref="Current"/> is the next entry in index order.</summary>
    internal sealed class Merged
    {
        private readonly List<RunReader> _heads;
        private bool _started;

        public Merged(List<RunReader> heads) => _heads = heads;

        public RunReader? Current { get; private set; }

        public bool MoveNext()
        {
            if (_started && Current is { } last && !last.MoveNext())
            {
                _heads.Remove(last);
            }

            _started = true;
            Current = null;
            foreach (var head in _heads)
            {
                if (Current is null || SortedEntry.Compare(head, Current) < 0)
                {
                    Current = head;
                }
            }

            return Current is not null;
        }
    }
}
