using Mapbox.Uploads.Changesets;

namespace Mapbox.Uploads.Build;

/// <summary>The code for each feature problem that keeps a source from being diffed by id; shared with the tool as <see cref="FileProblemCodes"/> is.</summary>
internal static class FeatureProblemCodes
{
    public static ErrorCode Of(FeatureProblemKind kind) => kind switch
    {
        FeatureProblemKind.MissingId or FeatureProblemKind.InvalidId => ErrorCodes.FeatureIdMissing,
        FeatureProblemKind.DuplicateId => ErrorCodes.FeatureIdDuplicate,
        FeatureProblemKind.DeleteMember => ErrorCodes.FeatureDeleteMember,
        _ => ErrorCodes.SourceInvalid,
    };
}
