using System;
using System.IO;
using System.Linq;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace Mapbox.Uploads.Build.Tests.TilingService;

/// <summary>
/// MapboxTilesetSource and MapboxRecipe items as the task reads them: sources grouped by SourceId in project order,
/// a bare TilesetId in the token's account, Name defaulting to the id, Private to true, and every problem coded on its item.
/// </summary>
public sealed class MtsItemReaderTests : IDisposable
{
    private const string Account = "lindenau";
    private const string Api = "https://api.example.test/";
    private readonly TaskHarness _files = new();

    public void Dispose() => _files.Dispose();

    private ITaskItem Item(string relative, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(Path.Combine(_files.Directory, relative));
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        return item;
    }

    private ITaskItem Recipe(string relative, params (string Name, string Value)[] metadata)
    {
        _files.Write(relative, "{\"version\":1,\"layers\":{}}");
        return Item(relative, metadata);
    }

    [Fact]
    public void Sources_group_by_SourceId_in_project_order_and_a_bad_id_is_MBX2010_on_its_item()
    {
        var (log, engine) = MtsLogs.Create();
        var items = new[]
        {
            Item("data/roads.geojson", ("SourceId", "roads")),
            Item("data/parks.geojson", ("SourceId", " parks ")),
            Item("data/roads-extra.ldgeojson", ("SourceId", "roads")),
            Item("data/bad.geojson", ("SourceId", "no spaces allowed")),
            Item("data/none.geojson"),
        };

        var sources = MtsItemReader.ReadSources(items, Account, Api, log);

        Assert.Equal(new[] { "roads", "parks" }, sources.Select(source => source.SourceId));
        var roads = sources[0];
        Assert.Equal(new[] { "roads.geojson", "roads-extra.ldgeojson" }, roads.Files.Select(file => Path.GetFileName(file.Ref.FullPath)));
        Assert.Equal(new[] { "1 of 2", "2 of 2" }, roads.Files.Select(file => file.Inputs.Parameters["file"]));
        Assert.All(roads.Files, file => Assert.Equal("lindenau.roads", file.Ref.Tileset.ToString()));
        Assert.Equal(new[] { "MBX2010", "MBX2010" }, engine.ErrorCodes);
        Assert.Equal(new[] { Path.Combine(_files.Directory, "data", "bad.geojson"), Path.Combine(_files.Directory, "data", "none.geojson") }, engine.Errors.Select(e => e.File));
        Assert.Contains("'no spaces allowed'", engine.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_TilesetId_is_in_the_token_account_with_Name_the_id_and_Private_true_and_the_recipe_sent_as_written()
    {
        var (log, engine) = MtsLogs.Create();
        var path = _files.Write("recipes/roads.json", "\uFEFF{ \"version\": 1,\n  \"layers\": {} }");

        var recipe = Assert.Single(MtsItemReader.ReadRecipes(new[] { Item("recipes/roads.json", ("TilesetId", "roads")) }, Account, Api, log));

        Assert.Empty(engine.Errors);
        Assert.Equal("lindenau.roads", recipe.Ref.Tileset.ToString());
        Assert.Equal("roads", recipe.Name);
        Assert.True(recipe.Private);
        Assert.Null(recipe.Description);
        Assert.Equal("{ \"version\": 1,\n  \"layers\": {} }", recipe.RecipeJson);
        Assert.Equal(new[] { "description=", "name=roads", "private=true" }, recipe.Item.Inputs.Parameters.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant(), recipe.Content.Sha256);
        Assert.Equal(new FileInfo(path).Length, recipe.Content.Length);
    }

    [Fact]
    public void Name_Description_Private_and_a_full_TilesetId_are_read_as_given()
    {
        var (log, _) = MtsLogs.Create();
        var items = new[] { Recipe("recipes/roads.json", ("TilesetId", "lindenau.roads"), ("Name", "City roads"), ("Description", "Streets"), ("Private", "False")) };

        var recipe = Assert.Single(MtsItemReader.ReadRecipes(items, Account, Api, log));

        Assert.Equal(("lindenau.roads", "City roads", "Streets", false), (recipe.Ref.Tileset.ToString(), recipe.Name, recipe.Description, recipe.Private));
    }

    /// <summary>Metadata as <c>Name=Value</c> pairs separated by <c>;</c>, and what the error says.</summary>
    public static TheoryData<string, string> Refused => new()
    {
        { string.Empty, "it has no TilesetId" },
        { "TilesetId=roads!", "TilesetId 'roads!' is not valid" },
        { "TilesetId=someone.roads", "belongs to 'someone' but the access token is for 'lindenau'" },
        { "TilesetId=roads;Name=" + new string('n', 65), "at most 64" },
        { "TilesetId=roads;Description=" + new string('d', 501), "its Description has 501 characters; Mapbox accepts at most 500" },
        { "TilesetId=roads;Private=maybe", "Private='maybe' is neither true nor false" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_recipe_item_problem_is_MBX2011_on_the_recipe_file_and_the_item_is_left_out(string metadata, string message)
    {
        var (log, engine) = MtsLogs.Create();
        var item = Recipe("recipes/roads.json", metadata.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(pair => (pair.Split('=')[0], pair.Split('=')[1])).ToArray());

        var recipes = MtsItemReader.ReadRecipes(new[] { item }, Account, Api, log);

        Assert.Empty(recipes);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("MBX2011", error.Code);
        Assert.Equal(Path.Combine(_files.Directory, "recipes", "roads.json"), error.File);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_recipe_file_and_a_second_recipe_for_one_tileset_are_MBX2011()
    {
        var (log, engine) = MtsLogs.Create();
        var items = new[]
        {
            Recipe("recipes/roads.json", ("TilesetId", "roads")),
            Recipe("recipes/roads-again.json", ("TilesetId", "lindenau.roads")),
            Item("recipes/missing.json", ("TilesetId", "parks")),
        };

        var recipes = MtsItemReader.ReadRecipes(items, Account, Api, log);

        Assert.Equal("roads.json", Path.GetFileName(Assert.Single(recipes).Ref.FullPath));
        Assert.Equal(new[] { "MBX2011", "MBX2011" }, engine.ErrorCodes);
        Assert.Contains("tileset lindenau.roads has a recipe in another MapboxRecipe item already", engine.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("the recipe file does not exist", engine.Errors[1].Message, StringComparison.Ordinal);
    }
}
