using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Validation;

/// <summary>A tileset source failed its local checks; nothing was sent.</summary>
public sealed class TilesetSourceValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">At least one problem.</param>
    public TilesetSourceValidationException(IReadOnlyList<TilesetSourceProblem> problems)
        : base(string.Join(Environment.NewLine, (problems ?? throw new ArgumentNullException(nameof(problems))).Select(p => p.ToString())))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<TilesetSourceProblem> Problems { get; }
}
