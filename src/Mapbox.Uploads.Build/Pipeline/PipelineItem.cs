namespace Mapbox.Uploads.Build;

/// <summary>
/// An item as every pipeline's shared stages see it: who it is (file and tileset) and the inputs that decide its
/// publication. Each pipeline reads its own MSBuild items into values that carry one of these.
/// </summary>
internal sealed record PipelineItem(ItemRef Ref, ItemInputs Inputs);
