using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Mapbox.Uploads.Build.Summary;
using Mapbox.Uploads.Http;
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

    /// <summary>The <c>MapboxTileset</c> items: the data file, with <c>MapId</c> and optional <c>Name</c>, <c>Owner</c>, <c>Patch</c>, <c>BypassValidation</c>, <c>Validate</c>, <c>AllowEmpty</c>.</summary>
    public ITaskItem[] Tilesets { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The <c>MapboxTilesetSource</c> items (Tiling Service): one file each, with <c>SourceId</c>; the items with the same id make one source.</summary>
    public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The <c>MapboxRecipe</c> items (Tiling Service): one recipe file each, with <c>TilesetId</c> and optional <c>Name</c>, <c>Description</c>, <c>Private</c>.</summary>
    public ITaskItem[] Recipes { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The API's address (<c>MapboxApiUrl</c>; its default lives in the package's .props).</summary>
    [Required]
    public string ApiUrl { get; set; } = string.Empty;

    /// <summary>The environment variable holding the token (<c>MapboxAccessTokenVariable</c>).</summary>
    [Required]
    public string AccessTokenVariable { get; set; } = string.Empty;

    /// <summary>Wait for processing to finish (<c>MapboxUploadWait</c>); false returns once the uploads are created.</summary>
    [Required]
    public bool Wait { get; set; }

    /// <summary>Whole seconds each tileset may spend processing (<c>MapboxUploadTimeout</c>); text, so that a value MSBuild cannot convert is refused with MBX1020.</summary>
    [Required]
    public string Timeout { get; set; } = string.Empty;

    /// <summary>Tilesets staged and created at once (<c>MapboxUploadMaxParallel</c>); all are then waited for together. Text, as <see cref="Timeout"/>.</summary>
    [Required]
    public string MaxParallel { get; set; } = string.Empty;

    /// <summary>
    /// The share of a source's features (<c>MapboxIncrementalMaxChangePercent</c>, 0 to 100) above which a recipe with
    /// <c>"incremental": true</c> is published in full (a reset) instead of by changeset. Text, as <see cref="Timeout"/>.
    /// </summary>
    [Required]
    public string IncrementalMaxChangePercent { get; set; } = string.Empty;

    /// <summary>The project being built (<c>$(MSBuildProjectFullPath)</c>): errors about the project point at it, not at the package's .targets.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Where to write the Markdown summary that Azure Pipelines attaches to the run (under obj/).</summary>
    public string? SummaryPath { get; set; }

    /// <summary>Upload even items whose stamp says they are up to date (<c>MapboxUploadForce</c>).</summary>
    public bool Force { get; set; }

    /// <summary>Check everything that can be checked locally and send nothing (<c>MapboxUploadDryRun</c>).</summary>
    public bool DryRun { get; set; }

    /// <summary>
    /// The most megabytes (10^6 bytes) of processing the build may have Mapbox bill (<c>MapboxMaxProcessedMegabytes</c>);
    /// empty for no budget. Text, as <see cref="Timeout"/>.
    /// </summary>
    public string? MaxProcessedMegabytes { get; set; }

    /// <summary>Read every data file on every build, never trusting its length and last-write time (<c>MapboxUploadAlwaysHash</c>).</summary>
    public bool AlwaysHash { get; set; }

    /// <summary>A CI build: a missing token is an error, not a warning.</summary>
    public bool ContinuousIntegrationBuild { get; set; }

    /// <summary>Where the per-item stamps live (<c>MapboxUploadStampDirectory</c>, or a folder under obj/).</summary>
    [Required]
    public string StampDirectory { get; set; } = string.Empty;

    /// <summary>Where to write the JSON manifest of the run; empty writes none.</summary>
    public string? ManifestPath { get; set; }

    /// <summary>The package's properties (item = name, <c>Value</c> metadata), checked for a token pasted into one.</summary>
    public ITaskItem[] Properties { get; set; } = Array.Empty<ITaskItem>();

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

    /// <summary>Adjusts the Tiling Service client's options; tests shorten poll delays and put a handler before the service.</summary>
    internal Action<TilesetsClientOptions>? ConfigureTilesetsClient { get; set; }

    /// <summary>Stops staging and polling; open multipart uploads are aborted by the client.</summary>
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        BuildLog.ProjectFile = ProjectFile;
        var isCi = ContinuousIntegrationBuild || string.Equals(GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        EchoInputs(isCi);
        TokenInProperty.Warn(Properties, GlobalProperties(), BuildLog);
        var apiUrl = ApiAddress.Check(ApiUrl);
        var settings = UploadSettings.Parse(Wait, Timeout, MaxParallel);
        var budget = ProcessingBudget.ParseBudget(MaxProcessedMegabytes);
        var maxChangePercent = IncrementalSettings.MaxChangePercent(IncrementalMaxChangePercent);
        var token = ReadToken(isCi);
        if (token is null && !DryRun)
        {
            return;
        }

        var items = ItemReader.Read(Tilesets, token?.Username, Redaction.Url(apiUrl), BuildLog);
        var stamps = new StampStore(StampDirectory);
        var pipeline = new UploadPipeline(new RunOptions(Force, AlwaysHash, DryRun), stamps, BuildLog);
        var plans = new List<PipelinePlan> { pipeline.Plan(items, items.Count == Tilesets.Length, (toUpload, toAsk) => Send(token!, apiUrl, settings, toUpload, toAsk), _cancel.Token) };
        if (Sources.Length + Recipes.Length > 0)
        {
            plans.Add(PlanTilingService(token, apiUrl, settings, stamps, maxChangePercent));
        }

        var outcomes = Complete(plans, budget);
        var recorder = new OutcomeRecorder(stamps, BuildLog);
        foreach (var outcome in outcomes)
        {
            recorder.Apply(outcome);
        }

        Publish(recorder);
    }

    /// <summary>Every pipeline is checked and estimated before the first request of any, so the budget can refuse them all.</summary>
    private List<ItemOutcome> Complete(IReadOnlyList<PipelinePlan> plans, long? budget)
    {
        try
        {
            var estimate = plans.SelectMany(plan => plan.Estimate).ToList();
            if (estimate.Count > 0 && (DryRun || plans.Any(plan => plan.Sends)))
            {
                foreach (var line in ProcessingEstimate.Lines(estimate, DryRun))
                {
                    BuildLog.High(line);
                }
            }

            ProcessingBudget.CheckBudget(estimate, budget);
            return plans.SelectMany(plan => plan.Complete()).ToList();
        }
        finally
        {
            foreach (var plan in plans)
            {
                plan.Dispose();
            }
        }
    }

    private IReadOnlyList<ItemOutcome> Send(MapboxAccessToken token, Uri apiUrl, UploadSettings settings, IReadOnlyList<Checked> toUpload, IReadOnlyList<Checked> toAsk)
    {
        using var client = new UploadsClient(token, ClientOptions(apiUrl));
        return new UploadRun(client, BuildLog, settings).Run(toUpload, toAsk, _cancel.Token);
    }

    private PipelinePlan PlanTilingService(MapboxAccessToken? token, Uri apiUrl, UploadSettings settings, StampStore stamps, int maxChangePercent)
    {
        var account = token?.Username ?? ItemReader.UnknownAccount;
        var redactedUrl = Redaction.Url(apiUrl);
        var sources = MtsItemReader.ReadSources(Sources, account, redactedUrl, BuildLog);
        var recipes = MtsItemReader.ReadRecipes(Recipes, account, redactedUrl, BuildLog);
        var allRead = sources.Sum(source => source.Files.Count) == Sources.Length && recipes.Count == Recipes.Length;
        var pipeline = new MtsPipeline(new RunOptions(Force, AlwaysHash, DryRun), stamps, BuildLog, account, maxChangePercent);
        return pipeline.Plan(sources, recipes, allRead, (toSend, toPublish) =>
        {
            using var client = new TilesetsClient(token!, TilesetClientOptions(apiUrl));
            return new MtsRun(client, BuildLog, settings, pipeline.SourceUri).Run(toSend, toPublish, _cancel.Token);
        }, _cancel.Token);
    }

    private TilesetsClientOptions TilesetClientOptions(Uri apiUrl)
    {
        var options = new TilesetsClientOptions
        {
            ApiBaseUrl = apiUrl,
            RequestLogged = entry => BuildLog.Low($"Mapbox HTTP: {entry}"),
        };
        ConfigureTilesetsClient?.Invoke(options);
        return options;
    }

    private IReadOnlyDictionary<string, string> GlobalProperties() =>
        BuildEngine is IBuildEngine6 engine ? engine.GetGlobalProperties() : new Dictionary<string, string>();

    private void EchoInputs(bool isCi)
    {
        BuildLog.Normal($"Mapbox: {Tilesets.Length} tileset item(s), {Sources.Length} tileset source file(s), {Recipes.Length} recipe(s); MapboxApiUrl={ApiUrl}, MapboxAccessTokenVariable={AccessTokenVariable}, "
            + $"MapboxUploadWait={Wait}, MapboxUploadTimeout={Timeout}, MapboxUploadMaxParallel={MaxParallel}, MapboxUploadForce={Force}, "
            + $"MapboxUploadDryRun={DryRun}, MapboxMaxProcessedMegabytes={MaxProcessedMegabytes}, MapboxUploadAlwaysHash={AlwaysHash}, stamps in {StampDirectory}, CI={isCi}.");
        foreach (var item in Tilesets)
        {
            var metadata = string.Join(", ", new[] { "MapId", "Owner", "Name", "Patch", "BypassValidation", "Validate", "AllowEmpty" }
                .Select(name => $"{name}={item.GetMetadata(name)}"));
            BuildLog.Low($"Mapbox: item {item.ItemSpec}: {metadata}.");
        }
    }

    private MapboxAccessToken? ReadToken(bool isCi)
    {
        var variable = string.IsNullOrWhiteSpace(AccessTokenVariable) ? MapboxAccessToken.DefaultEnvironmentVariable : AccessTokenVariable.Trim();
        var raw = GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(raw) && variable == MapboxAccessToken.DefaultEnvironmentVariable
            && GetEnvironmentVariable(MapboxAccessToken.FallbackEnvironmentVariable) is { Length: > 0 } fallback)
        {
            variable = MapboxAccessToken.FallbackEnvironmentVariable;
            raw = fallback;
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            var items = Tilesets.Concat(Recipes).ToList();
            var files = string.Join(", ", items.Select(item => item.ItemSpec));
            var message = DryRun
                ? $"Environment variable {variable} is not set; the dry run checks the files of {items.Count} tileset(s) ({files}) but not the token or the owners"
                : $"Environment variable {variable} is not set, so {items.Count} tileset(s) were not uploaded ({files})";
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

    private UploadsClientOptions ClientOptions(Uri apiUrl)
    {
        var options = new UploadsClientOptions
        {
            ApiBaseUrl = apiUrl,
            RequestLogged = entry => BuildLog.Low($"Mapbox HTTP: {entry}"),
            RateLimitWaiting = new RateLimitLog(BuildLog).Report,
        };
        ConfigureClient?.Invoke(options);
        return options;
    }

    private void Publish(OutcomeRecorder recorder)
    {
        Results = recorder.Records.Select(entry =>
        {
            var source = entry.Item.Ref.Source;
            var item = new TaskItem(source.ItemSpec);
            source.CopyMetadataTo(item);
            item.SetMetadata("TilesetId", entry.Record.Tileset);
            item.SetMetadata("UploadId", entry.Record.UploadId ?? string.Empty);
            item.SetMetadata("Status", entry.Record.Status.ToString());
            item.SetMetadata("Skipped", entry.Record.Skipped ? "true" : "false");
            item.SetMetadata("JobId", entry.Record.Job?.JobId ?? string.Empty);
            item.SetMetadata("JobStage", entry.Record.Job?.Stage ?? string.Empty);
            item.SetMetadata("ProcessedBytes", entry.Record.ProcessedBytes?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            item.SetMetadata("ProcessedMegabytes", entry.Record.ProcessedBytes is { } bytes ? ProcessingEstimate.Megabytes(bytes).ToString(CultureInfo.InvariantCulture) : string.Empty);
            item.SetMetadata("ComputeUnits", entry.Record.ComputeUnits?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            return (ITaskItem)item;
        }).ToArray();

        var written = recorder.WrittenStamps.ToList();
        if (!string.IsNullOrEmpty(ManifestPath) && recorder.Records.Count > 0)
        {
            RunManifest.Of(ApiUrl, recorder.Records.Select(entry => entry.Record).ToList()).Write(ManifestPath!);
            written.Add(ManifestPath!);
        }

        written.AddRange(Summarize(recorder.Rows));
        WrittenFiles = written.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
    }

    /// <summary>Logs the table of results and hands it to the CI system; returns the summary file it wrote, if any.</summary>
    private IEnumerable<string> Summarize(IReadOnlyList<ISummaryRow> rows)
    {
        if (rows.Count == 0)
        {
            return Array.Empty<string>();
        }

        foreach (var line in PlainTable.Render(rows))
        {
            BuildLog.High(line);
        }

        var summaryPath = string.IsNullOrEmpty(SummaryPath) ? null : Path.GetFullPath(SummaryPath);
        try
        {
            foreach (var line in CiSummaries.Publish(rows, GetEnvironmentVariable, summaryPath))
            {
                BuildLog.High(line);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The table is already in the log: a summary that cannot be written costs the CI page, not the build.
            BuildLog.Low($"Mapbox: the CI summary could not be written: {e.Message}");
            return Array.Empty<string>();
        }

        return summaryPath is not null && File.Exists(summaryPath) ? new[] { summaryPath } : Array.Empty<string>();
    }
}
