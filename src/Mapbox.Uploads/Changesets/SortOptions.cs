using System;

namespace Mapbox.Uploads.Changesets;

/// <summary>How the new file's entries are sorted: the run size bounds memory, the hash orders the index.</summary>
internal sealed class SortOptions
{
    /// <summary>The defaults: runs of 2^18 entries (about 15 MB while one is sorted) in the system temp folder.</summary>
    public static readonly SortOptions Default = new();

    /// <summary>Creates options.</summary>
    /// <param name="runEntries">Entries held in memory before they are sorted and written to a run file.</param>
    /// <param name="tempDirectory">The folder of the run files and of a new index until it is kept; null for the system temp folder.</param>
    /// <param name="hash">The hash an id's key sorts by; tests replace it to make ids collide.</param>
    public SortOptions(int runEntries = 1 << 18, string? tempDirectory = null, Func<byte[], ulong>? hash = null)
    {
        RunEntries = runEntries > 0 ? runEntries : throw new ArgumentOutOfRangeException(nameof(runEntries));
        TempDirectory = tempDirectory;
        Hash = hash ?? (key => FeatureId.Hash(key));
    }

    /// <summary>Entries held in memory before they are sorted and written to a run file.</summary>
    public int RunEntries { get; }

    /// <summary>The folder of the run files and of a new index until it is kept; null for the system temp folder.</summary>
    public string? TempDirectory { get; }

    /// <summary>The hash an id's key sorts by.</summary>
    public Func<byte[], ulong> Hash { get; }
}
