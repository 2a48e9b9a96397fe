using System;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>A recipe's local checks: JSON, version, layers, and sources of the token's account.</summary>
public class RecipeValidatorTests
{
    [Fact]
    public void A_valid_recipe_lists_its_sources_once_each()
    {
        var result = RecipeValidator.Check(
            "{\"version\":1,\"layers\":{\"a\":{\"source\":\"mapbox://tileset-source/alice/roads\"},\"b\":{\"source\":\"mapbox://tileset-source/alice/roads\"},\"c\":{\"source\":\"mapbox://tileset-source/alice/undeclared\"}}}",
            "alice");

        Assert.True(result.IsValid);
        Assert.Equal(new[] { "roads", "undeclared" }, result.SourceIds);
    }

    [Theory]
    [InlineData("{\"version\":1,\n\"layers\":{", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"layers\":{\"a\":{\"source\":\"mapbox://tileset-source/alice/roads\"}}}", "\"version\"")]
    [InlineData("{\"version\":1}", "\"layers\"")]
    [InlineData("{\"version\":1,\"layers\":{}}", "empty")]
    [InlineData("{\"version\":1,\"layers\":{\"a\":{\"minzoom\":1}}}", "no \"source\"")]
    [InlineData("{\"version\":1,\"layers\":{\"a\":{\"source\":\"mapbox://tilesets/alice.roads\"}}}", "is written")]
    [InlineData("{\"version\":1,\"layers\":{\"a\":{\"source\":\"mapbox://tileset-source/bob/roads\"}}}", "account 'bob'")]
    [InlineData("{\"version\":1,\"layers\":{\"a\":{\"source\":\"mapbox://tileset-source/alice/bad id\"}}}", "not 1 to 32")]
    public void A_broken_recipe_is_refused_with_what_to_write(string recipe, string expected)
    {
        var result = RecipeValidator.Check(recipe, "alice");

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_has_its_line_and_column()
    {
        var problem = Assert.Single(RecipeValidator.Check("{\"version\":1,\n\"layers\": x}", "alice").Problems);

        Assert.Equal(2, problem.Line);
        Assert.Equal(11, problem.Column);
    }
}
