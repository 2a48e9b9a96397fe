namespace Mapbox.Uploads.Emulator;

/// <summary>The one table of the Tiling Service's <c>{"message": ...}</c> texts and limits.</summary>
internal static class TilesetsMessages
{
    public const int MaxFilesPerSource = 10;
    public const long MaxFileBytes = 20L * 1024 * 1024 * 1024;
    public const long MaxSourceBytes = 50L * 1024 * 1024 * 1024;
    public const int MaxQueuedJobsPerAccount = 5;
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 500;
    public const int MaxListLimit = 500;
    public const int DefaultListLimit = 100;
    public const string SourceUriPrefix = "mapbox://tileset-source/";
    public const string ChangesetUriPrefix = "mapbox://tileset-changeset/";

    public const string Locked = "Resource is locked";
    public const string TilesetExists = "Tileset already exists";
    public const string TilesetNotFound = "Tileset does not exist";
    public const string SourceNotFound = "Tileset source does not exist";
    public const string JobNotFound = "Job does not exist";
    public const string InvalidSourceId = "Invalid source id: use 1 to 32 of A-Z a-z 0-9 - _.";
    public const string InvalidTilesetId = "Invalid tileset id: use {username}.{id} with an id of 1 to 32 of A-Z a-z 0-9 - _.";
    public const string NoFilePart = "No file data in request. Expected 1 file named \"file\".";
    public const string TooManyFiles = "A tileset source holds at most 10 files.";
    public const string FileTooLarge = "A tileset source file may be at most 20 GB.";
    public const string SourceTooLarge = "A tileset source may be at most 50 GB.";
    public const string InvalidRecipe = "Recipe is invalid";
    public const string NameTooLong = "The name may be at most 64 characters.";
    public const string DescriptionTooLong = "The description may be at most 500 characters.";
    public const string QueueFull = "At most 5 jobs may be queued per account; wait for one to finish.";
    public const string InvalidLimit = "Invalid \"limit\" value: it must be an integer from 1 to 500.";
    public const string InvalidStart = "Invalid \"start\" value.";
    public const string InvalidBody = "The request body must be a JSON object.";
    public const string InvalidActivityOrder = "Invalid \"sortby\" or \"orderby\" value: sortby is requests or modified, orderby asc or desc.";

    public const string InvalidChangesetId = "Invalid changeset id: use 1 to 32 of A-Z a-z 0-9 - _.";
    public const string TooManyChangesetFiles = "A changeset holds at most 10 files.";
    public const string ChangesetFileTooLarge = "A changeset file may be at most 20 GB.";
    public const string ChangesetTooLarge = "A changeset may be at most 50 GB.";
    public const string InvalidSortBy = "Invalid \"sortby\" value: it must be created or modified.";
    public const string LayersRequired = "\"layers\" must be an object of layer names to {\"changeset\": \"mapbox://tileset-changeset/{username}/{id}\"}.";
    public const string NotIncremental = "Tileset has not been published as incremental: publish it with \"incremental\": true in its recipe first.";
    public const string RecipeChanged = "The tileset's recipe has changed since its last initial or reset publish: publish the tileset to reset it.";
    public const string AllLayersEmpty = "All update layers are empty.";
    public const string IncrementalNotEnabled = "Access Denied: Contact Mapbox Account Manager to enable MTS Incremental Update";

    public static string ChangesetNotFound(string uri) => $"Changeset {uri} does not exist";

    public static string ChangesetDeletedDuringJob(string uri) => $"Changeset {uri} was deleted while the job used it";

    public static string UnknownLayer(string layer) => $"Layer {layer} does not exist in the tileset";

    public static string LayerWithoutChangeset(string layer) => $"Layer {layer} has no \"changeset\"";

    public static string DuplicateIds(string layer, int count, string firstId) =>
        $"W204: Layer {layer}: {count} feature(s) with a duplicate id were dropped (first duplicate id {firstId}).";

    public static string FeaturesWithoutId(string layer, int count) =>
        $"Layer {layer}: {count} changeset line(s) without an id were ignored; a changeset matches features by id.";

    public static string Publishing(string tileset) => $"Processing {tileset}";

    public static string Deleted(string tileset) => $"Tileset {tileset} deleted.";
}
