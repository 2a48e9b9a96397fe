using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Build;

/// <summary>One failure class: its code, a short title and what to do about it.</summary>
internal sealed class ErrorCode
{
    public ErrorCode(string code, string title, string help)
    {
        Code = code;
        Title = title;
        Help = help;
    }

    /// <summary><c>MBX</c> and four digits.</summary>
    public string Code { get; }

    public string Title { get; }

    public string Help { get; }

    public override string ToString() => $"{Code} {Title}";
}

/// <summary>
/// The one table of the task's diagnostics. The README mirrors it; the tests assert against it.
/// 1xxx token and service address, 2xxx items, 3xxx data files, 4xxx API, 5xxx staging,
/// 6xxx processing, 7xxx time, 8xxx the build's own records, 9xxx the unexpected.
/// </summary>
internal static class ErrorCodes
{
    public static readonly ErrorCode TokenMissing = new("MBX1001", "Access token missing",
        "Set the environment variable named by MapboxAccessTokenVariable (default MAPBOX_ACCESS_TOKEN) to a token with the uploads:write scope, or set EnableMapboxUpload=false. Without a token the upload is skipped with a warning on a developer's machine and fails in CI.");

    public static readonly ErrorCode TokenMalformed = new("MBX1002", "Access token malformed",
        "A Mapbox token looks like 'sk.<payload>.<signature>'; copy the whole token from account.mapbox.com.");

    public static readonly ErrorCode TokenWithoutUsername = new("MBX1003", "Access token names no account",
        "The token's payload carries no username; create a new token on account.mapbox.com.");

    public static readonly ErrorCode TokenRejected = new("MBX1004", "Access token rejected",
        "Mapbox answered 401: the token is invalid, revoked or expired. Create a new one and update the environment variable.");

    public static readonly ErrorCode TokenLacksScope = new("MBX1005", "Access token lacks a scope",
        "The message names the scope the refused call needs (uploads:write to upload, uploads:read to wait for processing). Create a secret token with it and update the environment variable.");

    public static readonly ErrorCode TokenInProperty = new("MBX1006", "Access token in an MSBuild property",
        "Binary logs and -v:diag record every property: move the token to the environment variable named by MapboxAccessTokenVariable, remove it from the property, and rotate it on account.mapbox.com.");

    public static readonly ErrorCode TokenAsArgument = new("MBX1007", "Access token on the command line",
        "A token is never an argument: shell history, process lists and CI logs keep every argument. Remove it (and --token/--access-token) from the command, set MAPBOX_ACCESS_TOKEN (or the variable named by --token-variable) instead, and rotate the token on account.mapbox.com if it was a real one.");

    public static readonly ErrorCode ApiUrlMalformed = new("MBX1010", "MapboxApiUrl malformed",
        "Set MapboxApiUrl to an absolute http(s) address such as https://api.mapbox.com, or remove it to use the default.");

    public static readonly ErrorCode ApiUrlInsecure = new("MBX1011", "MapboxApiUrl is not HTTPS",
        "The token travels in the query string, so plain http:// is allowed only for a loopback host (an emulator). Use https://.");

    public static readonly ErrorCode SettingInvalid = new("MBX1020", "Setting invalid",
        "MapboxUploadTimeout takes a whole number of seconds above 0, MapboxUploadMaxParallel a whole number above 0, MapboxIncrementalMaxChangePercent a whole number from 0 to 100 and MapboxMaxProcessedMegabytes a number of megabytes of 0 or more (empty: no budget); fix the property or remove it to use the default.");

    /// <summary>Raised by the .targets, not the task: an older Visual Studio MSBuild cannot load the task at all.</summary>
    public static readonly ErrorCode MSBuildTooOld = new("MBX1030", "Visual Studio MSBuild too old",
        "Visual Studio 2022's MSBuild 17.11.20 or later is needed for the package's .NET Framework task (its binding redirects cover the System.Text.Json 8.0.0.5 the task uses): update Visual Studio 2022 (17.12 or later, or 17.11 with its servicing updates), or build with 'dotnet build' from the .NET 8 SDK or later.");

    public static readonly ErrorCode MapIdMissing = new("MBX2001", "MapId missing",
        "Give every MapboxTileset item a MapId: <MapboxTileset Include=\"data/roads.geojson\" MapId=\"roads\" />.");

    public static readonly ErrorCode MapIdInvalid = new("MBX2002", "MapId invalid",
        "A MapId is 1 to 32 of A-Z a-z 0-9 - _, optionally prefixed by the owner ('alice.roads').");

    public static readonly ErrorCode OwnerMismatch = new("MBX2003", "Tileset owner differs from the token's account",
        "A token can only upload to its own account: remove the Owner metadata or the owner prefix of MapId, or use that account's token.");

    public static readonly ErrorCode DuplicateTileset = new("MBX2004", "Two items upload to the same tileset",
        "Each tileset can take one file per build; give the items different MapIds.");

    public static readonly ErrorCode NameTooLong = new("MBX2005", "Tileset name too long",
        "Mapbox accepts tileset names of at most 64 characters; shorten the Name metadata.");

    public static readonly ErrorCode MetadataInvalid = new("MBX2006", "Item metadata invalid",
        "Patch, BypassValidation and Validate take true or false.");

    public static readonly ErrorCode SourceIdInvalid = new("MBX2010", "Tileset source id missing or invalid",
        "Give every MapboxTilesetSource item a SourceId of 1 to 32 of A-Z a-z 0-9 - _: <MapboxTilesetSource Include=\"data/roads.geojson\" SourceId=\"roads\" />.");

    public static readonly ErrorCode RecipeItemInvalid = new("MBX2011", "Recipe item invalid",
        "Give every MapboxRecipe item a TilesetId (1 to 32 of A-Z a-z 0-9 - _, optionally 'owner.id' of the token's account), a Name of at most 64 characters, a Description of at most 500 and Private true or false; each tileset takes one recipe.");

    public static readonly ErrorCode BudgetExceeded = new("MBX2020", "Processing budget exceeded",
        "The build would have more megabytes processed (and billed) by Mapbox than MapboxMaxProcessedMegabytes allows; the message lists each tileset, largest first, and why it is processed. Publish fewer tilesets at once, or raise the budget. MapboxUploadForce does not bypass it.");

    public static readonly ErrorCode FileMissing = new("MBX3001", "Data file missing",
        "Include paths of MapboxTileset items are relative to the project directory.");

    public static readonly ErrorCode FileIsDirectory = new("MBX3002", "Data file is a directory",
        "Each MapboxTileset item uploads exactly one file.");

    public static readonly ErrorCode FileEmpty = new("MBX3003", "Data file empty",
        "Mapbox cannot make a tileset from an empty file.");

    public static readonly ErrorCode FileUnreadable = new("MBX3004", "Data file unreadable",
        "The task reads the whole file to check and stage it.");

    public static readonly ErrorCode UnsupportedExtension = new("MBX3005", "File type not supported",
        "Convert the data with a tool such as ogr2ogr, or remove the item.");

    public static readonly ErrorCode FileTooLarge = new("MBX3006", "Data file too large",
        "Mapbox sets a size limit per file type; the message says how to get under it.");

    public static readonly ErrorCode ContentMismatch = new("MBX3007", "Content does not match the extension",
        "If the content itself is wrong, fix the step that produced the file.");

    public static readonly ErrorCode FileChanged = new("MBX3008", "Data file changed during the upload",
        "The bytes read while staging (or while sending a tileset source) differ from the bytes checked, so nothing was created or published from them: let whatever writes the file finish, then build again.");

    public static readonly ErrorCode EmptyData = new("MBX3009", "Data would empty the tileset",
        "The GeoJSON has no features, or only null geometries, so the tileset would be replaced with nothing; fix what produced the file, or set AllowEmpty=\"true\" on the item if this is meant.");

    public static readonly ErrorCode InvalidGeoJson = new("MBX3010", "Invalid GeoJSON",
        "Mapbox would fail to process this GeoJSON. Set Validate=false on the item to send it anyway.");

    public static readonly ErrorCode InvalidCsv = new("MBX3011", "Invalid CSV",
        "Mapbox reads comma-separated UTF-8 CSV with latitude and longitude columns. Set Validate=false on the item to send it anyway.");

    public static readonly ErrorCode InvalidShapefile = new("MBX3012", "Invalid Shapefile zip",
        "Mapbox reads a zip holding one shapefile's .shp, .shx, .dbf and .prj. Set Validate=false on the item to send it anyway.");

    public static readonly ErrorCode InvalidKml = new("MBX3013", "Invalid KML",
        "Mapbox reads well-formed KML of at most 15 layers. Set Validate=false on the item to send it anyway.");

    public static readonly ErrorCode InvalidGpx = new("MBX3014", "Invalid GPX",
        "Mapbox reads well-formed GPX with a gpx root element. Set Validate=false on the item to send it anyway.");

    public static readonly ErrorCode InvalidMBTiles = new("MBX3015", "Invalid MBTiles",
        "Mapbox reads an intact SQLite MBTiles database with metadata under 60 KB. Set Validate=false on the item to send it anyway.");

    public static readonly ErrorCode InvalidGeoTiff = new("MBX3016", "Invalid GeoTIFF",
        "Mapbox reads 8-bit, georeferenced TIFFs. Set Validate=false on the item to send it anyway.");

    public static readonly ErrorCode SourceInvalid = new("MBX3020", "Tileset source refused locally",
        "A tileset source is 1 to 10 files of one kind, at most 20 GB each and 50 GB in all: GeoJSON or line-delimited GeoJSON (.geojson, .json, .ldgeojson, .geojsonl, .geojsonseq, .ndjson) for a vector tileset, or GeoTIFF, NetCDF or GRIB (.tif, .tiff, .nc, .grib, .grib2) for a raster one; fix the file at the line and column given, rename it to its format's extension, or split the data into several sources.");

    public static readonly ErrorCode RecipeInvalid = new("MBX3021", "Recipe invalid",
        "A recipe is JSON with \"version\" and \"layers\", each layer's \"source\" a mapbox://tileset-source/{user}/{id} of the token's account; fix the recipe file at the line and column given.");

    public static readonly ErrorCode FeatureIdMissing = new("MBX3022", "Feature id missing or invalid",
        "A source read by an incremental recipe (\"incremental\": true) is diffed by feature id: give every feature a top-level \"id\" that is a string or a number, stable from build to build.");

    public static readonly ErrorCode FeatureIdDuplicate = new("MBX3023", "Feature id not unique",
        "Mapbox matches changes by id and drops features with duplicate ids (W204); an integer and a string of its digits are one id. Give one of the two features named another id.");

    public static readonly ErrorCode FeatureDeleteMember = new("MBX3024", "Feature has a delete member",
        "In a changeset a top-level \"delete\" marks a deletion, so a source read by an incremental recipe cannot carry one on a feature; move it into \"properties\".");
    public static readonly ErrorCode RasterSourceInvalid = new("MBX3030", "Raster source file refused locally",
        "A raster tileset source file is a GeoTIFF (readable TIFF directory with a raster-to-model transform), a NetCDF file (classic CDF-1/2/5 with a whole header, or NetCDF-4's HDF5 superblock) or a GRIB file (editions 1 and 2, whole messages ending in 7777), at most 20 GB; export it again as the message says.");

    public static readonly ErrorCode RasterRecipeInvalid = new("MBX3031", "Raster recipe invalid",
        "A raster recipe has \"version\": 1, \"type\" raster or rasterarray, \"sources\" at the root (each {\"uri\": \"mapbox://tileset-source/{user}/{id}\"}, with \"crs\" when the file has none), minzoom and maxzoom (required for raster) and layers named with A-Z a-z 0-9 _, each once; fix the recipe file.");

    public static readonly ErrorCode RasterRecipeSourceMismatch = new("MBX3032", "Raster file does not suit its recipe",
        "A raster recipe takes 8-bit RGB GeoTIFFs without YCbCr; rasterarray takes GeoTIFF, NetCDF or GRIB; each file needs a CRS in its GeoKeys or \"crs\" on the recipe's source; vector recipes take no raster source. Convert the file or change the recipe as the message says.");

    public static readonly ErrorCode ApiError = new("MBX4001", "Mapbox API error",
        "Mapbox refused the request; its message says why. Fix the item or the account and build again.");

    public static readonly ErrorCode ServiceUnavailable = new("MBX4002", "Mapbox unavailable",
        "Mapbox or the network kept failing (5xx, 429 or no response) through every retry; build again later.");

    public static readonly ErrorCode RecipeRefused = new("MBX4010", "Recipe refused by Mapbox",
        "Mapbox's recipe validation listed the errors in the message (a missing source, an unknown option, a zoom out of range); fix the recipe file and build again. Nothing was published.");

    public static readonly ErrorCode ChangesetRecipeChanged = new("MBX4011", "Recipe changed since the incremental publish",
        "Mapbox applies a changeset only while the tileset's recipe is the one of its last initial or reset publish; publish the whole tileset (a reset: dotnet mapbox publish TILESET, or a build with MapboxUploadForce=true), then send changesets again.");

    public static readonly ErrorCode NotIncremental = new("MBX4012", "Tileset not published as incremental",
        "Mapbox found no incremental publish of the tileset: it was never published, or its recipe lacks \"incremental\": true; publish it once with the flag (the initial publish: dotnet mapbox publish TILESET --recipe FILE) before sending changesets.");

    public static readonly ErrorCode ChangesetRefused = new("MBX4013", "Changeset refused by Mapbox",
        "Mapbox refused the publish-changesets request: the tileset does not exist, a layer is not one of its recipe's, a changeset named was never uploaded, or every changeset named is empty; check the layer names against the recipe and upload the changeset first (dotnet mapbox changesets upload).");

    public static readonly ErrorCode IncrementalNotEnabled = new("MBX4014", "Incremental updates not enabled",
        "Incremental updates are a Mapbox beta that the account must have enabled; ask Mapbox (your account manager) to enable them, or remove \"incremental\": true and publish whole tilesets.");

    public static readonly ErrorCode AccountFeatureMissing = new("MBX4015", "Account feature flag missing",
        "Mapbox refused with 403 naming an account feature flag (api_rasterarrays for rasterarray tilesets); no token scope gives it. Ask Mapbox to enable it on the account, or publish a raster recipe.");

    public static readonly ErrorCode StagingFailed = new("MBX5001", "Staging failed",
        "Writing the file to Mapbox's staging bucket failed; build again, and check proxies or firewalls if it persists.");

    public static readonly ErrorCode ProcessingFailed = new("MBX6001", "Processing failed",
        "Mapbox accepted the file but could not make a tileset of it; fix the data as its message says and build again.");

    public static readonly ErrorCode TilesetJobFailed = new("MBX6002", "Tileset job failed",
        "The Mapbox Tiling Service could not build the tileset from its recipe and sources; the message holds the job's errors. Fix the recipe or the data and build again.");

    public static readonly ErrorCode TilesetJobWarning = new("MBX6003", "Tileset job warning",
        "The tileset was published, but the job reported a problem, for example features dropped by the 500 KB tile limit; simplify or filter the data in the recipe if the loss matters.");

    public static readonly ErrorCode ChangesetJobFailed = new("MBX6005", "Changeset job failed",
        "Mapbox could not apply the changeset; the message holds the job's errors. From the build (on the source file named, a recipe with \"incremental\": true) its feature index was kept as it was, so the next build sends the same changes again: fix what the errors say, or set MapboxUploadForce=true to publish the whole source (a reset). From dotnet mapbox publish-changesets: fix the changeset, send it again with changesets upload --replace, or publish the whole tileset.");
    public static readonly ErrorCode RasterJobFailed = new("MBX6006", "Raster tileset job failed",
        "The Tiling Service could not build the raster or rasterarray tileset; the message holds the job's errors (a file type the recipe's type does not take, no CRS, bands the filter does not find). Fix the file or the recipe and build again.");

    public static readonly ErrorCode Timeout = new("MBX7001", "Processing timed out",
        "Processing took longer than MapboxUploadTimeout seconds; raise it, or set MapboxUploadWait=false and check the upload later.");

    public static readonly ErrorCode Cancelled = new("MBX7002", "Upload cancelled",
        "The build was cancelled; open multipart uploads were aborted. Build again to upload.");

    public static readonly ErrorCode StampNotWritten = new("MBX8001", "Upload stamp not written",
        "The upload went through, but its record under obj/ could not be written, so the next build uploads the file again; check that nothing locks the intermediate output directory.");

    public static readonly ErrorCode Unexpected = new("MBX9000", "Unexpected error",
        "Something failed that the task does not expect; build with -v:diag and report the log (it holds no token).");

    /// <summary>Every code, in order.</summary>
    public static IReadOnlyList<ErrorCode> All { get; } = typeof(ErrorCodes)
        .GetFields()
        .Where(field => field.FieldType == typeof(ErrorCode))
        .Select(field => (ErrorCode)field.GetValue(null)!)
        .OrderBy(code => code.Code, System.StringComparer.Ordinal)
        .ToList();
}
