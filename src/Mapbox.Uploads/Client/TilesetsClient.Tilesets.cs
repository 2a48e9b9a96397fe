using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads;

public partial class TilesetsClient
{
    /// <summary>Asks the service whether a recipe is valid (its sources must exist by then).</summary>
    /// <param name="recipeJson">The recipe, sent as written.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verdict, with the service's errors when invalid.</returns>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task<RecipeValidation> ValidateRecipeAsync(string recipeJson, CancellationToken cancellationToken = default)
    {
        Require(recipeJson, nameof(recipeJson), "A recipe");
        return SendForJsonAsync<RecipeValidation>(
            TilesetsOperations.ValidateRecipe,
            () => new HttpRequestMessage(HttpMethod.Put, _urls.ValidateRecipe()) { Content = TilesetsJson.Recipe(recipeJson) },
            cancellationToken);
    }

    /// <summary>Reads a tileset's recipe.</summary>
    /// <param name="tileset">The tileset.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recipe.</returns>
    /// <exception cref="MapboxApiException">The service refused (404: no such tileset) or failed.</exception>
    public virtual Task<TilesetRecipe> GetRecipeAsync(TilesetId tileset, CancellationToken cancellationToken = default) =>
        SendForJsonAsync<TilesetRecipe>(TilesetsOperations.GetRecipe, () => new HttpRequestMessage(HttpMethod.Get, _urls.Tileset(tileset, "/recipe")), cancellationToken);

    /// <summary>Replaces a tileset's recipe; the tileset changes at its next publish.</summary>
    /// <param name="tileset">The tileset.</param>
    /// <param name="recipeJson">The recipe, sent as written.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes on 204.</returns>
    /// <exception cref="MapboxApiException">The service refused (400 with the recipe's errors in the message) or failed.</exception>
    public virtual Task UpdateRecipeAsync(TilesetId tileset, string recipeJson, CancellationToken cancellationToken = default)
    {
        Require(recipeJson, nameof(recipeJson), "A recipe");
        return SendForNothingAsync(
            TilesetsOperations.UpdateRecipe,
            () => new HttpRequestMessage(new HttpMethod("PATCH"), _urls.Tileset(tileset, "/recipe")) { Content = TilesetsJson.Recipe(recipeJson) },
            cancellationToken);
    }

    /// <summary>Creates a tileset from a recipe; nothing is built until <see cref="PublishAsync"/>.</summary>
    /// <param name="tileset">The new tileset's id.</param>
    /// <param name="request">The recipe, name, description and privacy.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the service created the tileset.</returns>
    /// <exception cref="ArgumentException">The name or the description is too long.</exception>
    /// <exception cref="MapboxApiException">The service refused (400 "Tileset already exists") or failed.</exception>
    public virtual Task CreateTilesetAsync(TilesetId tileset, NewTileset request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        CheckInformation(request.Name, request.Description, nameof(request));
        return SendForNothingAsync(
            TilesetsOperations.CreateTileset,
            () => new HttpRequestMessage(HttpMethod.Post, _urls.Tileset(tileset)) { Content = TilesetsJson.NewTileset(request) },
            cancellationToken);
    }

    /// <summary>Changes a tileset's name, description, privacy or attribution.</summary>
    /// <param name="tileset">The tileset.</param>
    /// <param name="update">What to change; null members are left as they are.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the service accepted the change.</returns>
    /// <exception cref="ArgumentException">The name or the description is too long.</exception>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task UpdateTilesetAsync(TilesetId tileset, TilesetUpdate update, CancellationToken cancellationToken = default)
    {
        if (update is null)
        {
            throw new ArgumentNullException(nameof(update));
        }

        CheckInformation(update.Name, update.Description, nameof(update));
        return SendForNothingAsync(
            TilesetsOperations.UpdateTileset,
            () => new HttpRequestMessage(new HttpMethod("PATCH"), _urls.Tileset(tileset)) { Content = TilesetsJson.Update(update) },
            cancellationToken);
    }

    /// <summary>Lists the account's tilesets page by page, following <c>Link rel="next"</c>.</summary>
    /// <param name="options">Filters, order and page size.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The tilesets, fetched lazily.</returns>
    /// <exception cref="MapboxApiException">A page request was refused or failed.</exception>
    public virtual IAsyncEnumerable<TilesetInfo> ListTilesetsAsync(ListTilesetsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new[]
        {
            Query("type", options?.Type),
            Query("visibility", options?.Visibility),
            Query("sortby", options?.SortBy),
            LimitQuery(options?.Limit),
        };
        return ReadPagesAsync<TilesetInfo>(TilesetsOperations.ListTilesets, _urls.Tilesets(query), cancellationToken);
    }

    /// <summary>Deletes a tileset.</summary>
    /// <param name="tileset">The tileset.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the service deleted it.</returns>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task DeleteTilesetAsync(TilesetId tileset, CancellationToken cancellationToken = default) =>
        SendForNothingAsync(TilesetsOperations.DeleteTileset, () => new HttpRequestMessage(HttpMethod.Delete, _urls.Tileset(tileset)), cancellationToken);

    private static void CheckInformation(string? name, string? description, string parameterName)
    {
        if (TilesetId.CheckName(name) is { } nameProblem)
        {
            throw new ArgumentException(nameProblem, parameterName);
        }

        if (description?.Length > NewTileset.MaxDescriptionLength)
        {
            throw new ArgumentException($"The description has {description.Length} characters; the service accepts at most {NewTileset.MaxDescriptionLength}.", parameterName);
        }
    }
}
