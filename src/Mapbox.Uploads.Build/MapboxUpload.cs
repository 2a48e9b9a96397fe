using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build;

/// <summary>
/// Uploads the project's <c>MapboxTileset</c> items to Mapbox: checks every item and file locally,
/// skips what is unchanged since its last successful upload, then stages, creates and (by default)
/// waits for the rest, a few at a time. The token comes from an environment variable, never from a
/// parameter, because binary logs record parameters.
/// </summary>
public sealed class MapboxUpload : MapboxTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>The <c>MapboxTileset</c> items: the data file, with <c>MapId</c> and optional <c>Name</c>, <c>Owner</c>, <c>Patch</c>, <c>BypassValidation</c>, <c>Validate</c>.</summary>
    [Required]
    public ITaskItem[] Tilesets { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The API's address (<c>MapboxApiUrl</c>).</summary>
    public string ApiUrl { get; set; } = UploadsClientOptions.DefaultApiBaseUrl;

    /// <summary>The environment variable holding the token (<c>MapboxAccessTokenVariable</c>).</summary>
    public string AccessTokenVariable { get; set; } = MapboxAccessToken.DefaultEnvironmentVariable;

    /// <summary>Wait for processing to finish (<c>MapboxUploadWait</c>); false returns once the uploads are created.</summary>
    public bool Wait { get; set; } = true;

    /// <summary>Seconds each tileset may spend processing (<c>MapboxUploadTimeout</c>).</summary>
    public int Timeout { get; set; } = 3600;

    /// <summary>Tilesets staged and created at once (<c>MapboxUploadMaxParallel</c>); all are then waited for together.</summary>
    public int MaxParallel { get; set; } = 4;

    /// <summary>Upload even items whose stamp says they are up to date (<c>MapboxUploadForce</c>).</summary>
    public bool Force { get; set; }

    /// <summary>Check everything that can be checked locally and send nothing (<c>MapboxUploadDryRun</c>).</summary>
    public bool DryRun { get; set; }

    /// <summary>A CI build: a missing token is an error, not a warning.</summary>
    public bool ContinuousIntegrationBuild { get; set; }

    /// <summary>Where the per-item stamps live, under the intermediate output directory.</summary>
    [Required]
    public string StampDirectory { get; set; } = string.Empty;

    /// <summary>Where to write the JSON manifest of the run; empty writes none.</summary>
    public string? ManifestPath { get; set; }

    /// <summary>One item per data file with <c>TilesetId</c>, <c>UploadId</c>, <c>Status</c> and <c>Skipped</c>.</summary>
    [Output]
    public ITaskItem[] Results { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>The stamps and the manifest, for <c>FileWrites</c>.</summary>
    [Output]
    public ITaskItem[] WrittenFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>Reads the environment; tests replace it so they need not touch the process's variables.</summary>
    internal Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Adjusts the client's options; tests shorten retry and poll delays.</summary>
    internal Action<UploadsClientOptions>? ConfigureClient { get; set; }

    /// <summary>Stops staging and polling; open multipart uploads are aborted by the client.</summary>
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var isCi = ContinuousIntegrationBuild || string.Equals(GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        EchoInputs(isCi);
        var apiUrl = ApiAddress.Check(ApiUrl);
        CheckSettings();
        var token = ReadToken(isCi);
        if (token is null && !DryRun)
        {
            return;
        }

        var entries = ItemReader.Read(Tilesets, token?.Username, BuildLog);
        var allItemsRead = entries.Count == Tilesets.Length;
        var ready = entries.Where(entry => FileChecks.Check(entry, BuildLog, _cancel.Token)).ToList();
        foreach (var entry in ready)
        {
            DecideFromStamp(entry);
        }

        if (!allItemsRead || ready.Count != entries.Count)
        {
            BuildLog.Normal("Mapbox: nothing was sent, because the checks above failed.");
        }
        else if (DryRun)
        {
            MarkValidated(entries);
        }
        else
        {
            var pending = entries.Where(entry => entry.Status == UploadStatus.Pending).ToList();
            if (pending.Count > 0 && token is not null)
            {
                var options = ClientOptions(apiUrl);
                new UploadRun(token, options, BuildLog, new UploadSettings(Wait, TimeSpan.FromSeconds(Timeout), MaxParallel))
                    .Run(pending, _cancel.Token);
            }
        }

        Publish(entries);
    }

    private void EchoInputs(bool isCi)
    {
        BuildLog.Normal($"Mapbox: {Tilesets.Length} tileset item(s); MapboxApiUrl={ApiUrl}, MapboxAccessTokenVariable={AccessTokenVariable}, "
            + $"MapboxUploadWait={Wait}, MapboxUploadTimeout={Timeout}, MapboxUploadMaxParallel={MaxParallel}, MapboxUploadForce={Force}, "
            + $"MapboxUploadDryRun={DryRun}, CI={isCi}.");
        foreach (var item in Tilesets)
        {
            var metadata = string.Join(", ", new[] { "MapId", "Owner", "Name", "Patch", "BypassValidation", "Validate" }
                .Select(name => $"{name}={item.GetMetadata(name)}"));
            BuildLog.Low($"Mapbox: item {item.ItemSpec}: {metadata}.");
        }
    }

    private void CheckSettings()
    {
        if (Timeout <= 0)
        {
            throw new MapboxBuildException(ErrorCodes.SettingInvalid, $"MapboxUploadTimeout is {Timeout}; it must be a number of seconds above 0.");
        }

        if (MaxParallel <= 0)
        {
            throw new MapboxBuildException(ErrorCodes.SettingInvalid, $"MapboxUploadMaxParallel is {MaxParallel}; it must be at least 1.");
        }
    }

    private MapboxAccessToken? ReadToken(bool isCi)
    {
        var variable = string.IsNullOrWhiteSpace(AccessTokenVariable) ? MapboxAccessToken.DefaultEnvironmentVariable : AccessTokenVariable.Trim();
        var raw = GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(raw) && variable == MapboxAccessToken.DefaultEnvironmentVariable)
        {
            raw = GetEnvironmentVariable(MapboxAccessToken.FallbackEnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            var files = string.Join(", ", Tilesets.Select(item => item.ItemSpec));
            var message = DryRun
                ? $"Environment variable {variable} is not set; the dry run checks the files of {Tilesets.Length} tileset(s) ({files}) but not the token or the owners"
                : $"Environment variable {variable} is not set, so {Tilesets.Length} tileset(s) were not uploaded ({files})";
            if (isCi && !DryRun)
            {
                BuildLog.Error(ErrorCodes.TokenMissing, message);
            }
            else
            {
                BuildLog.Warning(ErrorCodes.TokenMissing, message);
            }

            return null;
        }

        BuildLog.AddSecret(raw!);
        try
        {
            var token = MapboxAccessToken.Parse(raw!);
            BuildLog.Normal($"Mapbox: using token {token} from {variable}.");
            return token;
        }
        catch (InvalidMapboxTokenException e)
        {
            var code = e.Reason == InvalidMapboxTokenReason.MissingUsername ? ErrorCodes.TokenWithoutUsername : ErrorCodes.TokenMalformed;
            throw new MapboxBuildException(code, $"The token in {variable} is not usable: {e.Message}");
        }
    }

    private void DecideFromStamp(TilesetEntry entry)
    {
        entry.ContentHash = UploadStamp.HashFile(entry.FullPath);
        entry.StampPath = UploadStamp.PathFor(StampDirectory, entry.FullPath);
        var stamp = UploadStamp.TryRead(entry.StampPath);
        if (stamp is null || !stamp.Covers(entry))
        {
            BuildLog.Low($"Mapbox: {entry.Item.ItemSpec} changed since its last successful upload (or never went up); it will be uploaded.");
            return;
        }

        if (Force)
        {
            BuildLog.Normal($"Mapbox: {entry.Item.ItemSpec} is unchanged since upload {stamp.UploadId}; uploading anyway (MapboxUploadForce=true).");
            return;
        }

        entry.Status = UploadStatus.Skipped;
        entry.UploadId = stamp.UploadId;
        BuildLog.High($"Mapbox: {entry.Tileset} is up to date ({entry.Item.ItemSpec} unchanged since upload {stamp.UploadId}); skipped.");
    }

    private void MarkValidated(IEnumerable<TilesetEntry> entries)
    {
        foreach (var entry in entries.Where(entry => entry.Status == UploadStatus.Pending))
        {
            entry.Status = UploadStatus.Validated;
            BuildLog.High($"Mapbox: {entry.Item.ItemSpec} would be uploaded to {entry.Tileset} (dry run, nothing sent).");
        }
    }

    private UploadsClientOptions ClientOptions(Uri apiUrl)
    {
        var options = new UploadsClientOptions
        {
            ApiBaseUrl = apiUrl,
            RequestLogged = entry => BuildLog.Low($"Mapbox HTTP: {entry}"),
        };
        ConfigureClient?.Invoke(options);
        return options;
    }

    private void Publish(IReadOnlyCollection<TilesetEntry> entries)
    {
        Results = entries.Select(entry =>
        {
            var item = new TaskItem(entry.Item.ItemSpec);
            entry.Item.CopyMetadataTo(item);
            item.SetMetadata("TilesetId", entry.Tileset.ToString());
            item.SetMetadata("UploadId", entry.UploadId ?? string.Empty);
            item.SetMetadata("Status", entry.Status.ToString());
            item.SetMetadata("Skipped", entry.Skipped ? "true" : "false");
            return (ITaskItem)item;
        }).ToArray();

        var written = entries.Select(entry => entry.StampPath).Where(path => path.Length > 0 && File.Exists(path)).ToList();
        if (!string.IsNullOrEmpty(ManifestPath) && entries.Count > 0)
        {
            UploadManifest.Write(ManifestPath!, ApiUrl, entries);
            written.Add(ManifestPath!);
        }

        WrittenFiles = written.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
    }
}
