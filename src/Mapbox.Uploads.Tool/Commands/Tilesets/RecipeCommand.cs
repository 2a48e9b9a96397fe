using System.CommandLine;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary><c>recipe validate FILE</c>: the local checks, then the service's validation.</summary>
internal static class RecipeCommand
{
    private static readonly Argument<string> File = new("FILE") { Description = "The recipe: JSON with \"version\" and \"layers\"." };

    public static Command Create()
    {
        var validate = new Command("validate", "Check a recipe locally (JSON, version, layers, sources of the token's account), then ask the service to validate it "
            + "(its sources must exist by then). Exit code 1 with each error when it is invalid.")
        {
            File,
        };
        validate.SetToolAction(ValidateAsync);
        return new Command("recipe", "Mapbox Tiling Service recipes.") { validate };
    }

    private static async Task<int> ValidateAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateTilesetsClient();
        var recipe = await RecipeFile.ValidateAsync(client, parse.GetValue(File)!, context);
        if (context.Json)
        {
            context.WriteJson(new { recipe.File, recipe.Valid, recipe.CheckedBy, recipe.Errors });
        }
        else if (recipe.Valid)
        {
            context.Out.WriteLine($"{recipe.File}: valid");
        }
        else
        {
            foreach (var line in recipe.Diagnostics())
            {
                context.Out.WriteLine(line);
            }
        }

        return recipe.Valid ? ExitCodes.Success : ExitCodes.Failed;
    }
}
