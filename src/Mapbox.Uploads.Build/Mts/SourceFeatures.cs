using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Mapbox.Uploads.Changesets;

namespace Mapbox.Uploads.Build;

/// <summary>One file of a source read by an incremental recipe, against the feature index of its last published state.</summary>
/// <param name="File">The source file's item.</param>
/// <param name="IndexPath">Its feature index, beside its stamp.</param>
/// <param name="HasIndex">The index of its last published state was found.</param>
/// <param name="Counts">What changed against that index; null when the file holds the index's features.</param>
/// <param name="ChangesetPath">The changeset written for the file, when it has changes and an index to diff with.</param>
/// <param name="NewIndex">The file's index as it is now, kept once a job published it; null when unchanged.</param>
/// <param name="Sha256">The file's content hash, written into the new index.</param>
internal sealed record FileFeatures(PipelineItem File, string IndexPath, bool HasIndex, ChangesetCounts? Counts, string? ChangesetPath, FeatureIndex? NewIndex, string Sha256);

/// <summary>A source read by an incremental recipe: each file's features against its last published state.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="Files">Each file, in the source's order.</param>
internal sealed record SourceFeatures(string SourceId, IReadOnlyList<FileFeatures> Files)
{
    /// <summary>The source's change, summed over its files, as the incremental decision reads it.</summary>
    public SourceFeatureChange Change => new(SourceId, Files.All(file => file.HasIndex), Total());

    /// <summary>The changeset files to send, in the source's order (files without a feature change have none).</summary>
    public IReadOnlyList<string> ChangesetFiles => Files.Where(file => file.ChangesetPath is not null && file.Counts is { IsEmpty: false }).Select(file => file.ChangesetPath!).ToList();

    /// <summary>
    /// Reads a checked source's files against their indexes: a file whose index was made from the same content is not
    /// read; one with an index is diffed and its changeset written; one without is read for its new index. Every read
    /// applies the incremental checks (ids present, scalar and unique, no delete member), coded with line and column.
    /// </summary>
    public static (SourceFeatures? Features, IReadOnlyList<ItemOutcome> Failed) Read(SourceGroup source, IReadOnlyList<ContentFingerprint> contents, StampStore stamps, CancellationToken cancellationToken)
    {
        var files = new List<FileFeatures>();
        var failed = new List<ItemOutcome>();
        for (var i = 0; i < source.Files.Count; i++)
        {
            var file = source.Files[i];
            var indexPath = stamps.PathFor(file.Ref) + ".features";
            var sha256 = contents[i].Sha256;
            var old = FeatureIndex.Read(indexPath);
            if (old is not null && string.Equals(old.SourceSha256, sha256, StringComparison.Ordinal))
            {
                files.Add(new FileFeatures(file, indexPath, true, null, null, null, sha256));
                continue;
            }

            FeatureProblem? problem;
            if (old is null)
            {
                var (index, found) = FeatureIndex.Build(file.Ref.FullPath, cancellationToken);
                problem = found;
                files.Add(new FileFeatures(file, indexPath, false, null, null, index, sha256));
            }
            else
            {
                var changesetPath = indexPath + ".changeset.ldgeojson";
                ChangesetResult result;
                using (var output = new FileStream(changesetPath, FileMode.Create, FileAccess.Write, FileShare.None, 1))
                {
                    result = ChangesetDiff.Write(file.Ref.FullPath, old, output, cancellationToken);
                }

                problem = result.Problem;
                files.Add(new FileFeatures(file, indexPath, true, result.Counts, changesetPath, result.Index, sha256));
            }

            if (problem is not null)
            {
                failed.Add(ItemOutcome.Failed(file, null, null, new ItemFailure(FeatureProblemCodes.Of(problem.Kind),
                    $"{file.Ref.Spec} (tileset source '{source.SourceId}', read by a recipe with \"incremental\": true): {problem.Message}", problem.Line, problem.Column)));
            }
        }

        if (failed.Count > 0)
        {
            Discard(files);
            return (null, failed);
        }

        return (new SourceFeatures(source.SourceId, files), Array.Empty<ItemOutcome>());
    }

    /// <summary>Keeps each new index once its publication succeeded: the next build diffs against it.</summary>
    public void Keep()
    {
        foreach (var file in Files.Where(file => file.NewIndex is not null))
        {
            file.NewIndex!.Write(file.IndexPath, file.Sha256);
        }
    }

    /// <summary>Removes the changeset files written locally.</summary>
    public void DiscardChangesets() => Discard(Files);

    private static void Discard(IEnumerable<FileFeatures> files)
    {
        foreach (var path in files.Select(file => file.ChangesetPath).OfType<string>())
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Left in the stamp folder; the next diff of the file overwrites it.
            }
        }
    }

    private ChangesetCounts? Total()
    {
        var counted = Files.Select(file => file.Counts).OfType<ChangesetCounts>().ToList();
        return counted.Count == 0 ? null : new ChangesetCounts(
            counted.Sum(c => c.Added),
            counted.Sum(c => c.Changed),
            counted.Sum(c => c.Removed),
            counted.Sum(c => c.Unchanged),
            counted.Sum(c => c.ChangesetBytes),
            counted.Sum(c => c.ChangedFeatureBytes),
            counted.Sum(c => c.SourceBytes));
    }
}
