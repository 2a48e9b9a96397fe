using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Mapbox.Uploads.Build.Tests.Infrastructure;

namespace Mapbox.Uploads.Build.Tests;

public sealed class ErrorCodeTableTests
{
    [Fact]
    public void Codes_are_unique_well_formed_and_explained()
    {
        var codes = ErrorCodes.All;

        Assert.Equal(codes.Count, codes.Select(c => c.Code).Distinct().Count());
        Assert.All(codes, c => Assert.Matches(new Regex("^MBX[1-9][0-9]{3}$"), c.Code));
        Assert.All(codes, c => Assert.False(string.IsNullOrWhiteSpace(c.Title)));
        Assert.All(codes, c => Assert.True(c.Help.Length > 20, c.Code));
    }

    [Fact]
    public void The_table_holds_the_documented_numbering()
    {
        string[] documented =
        [
            "MBX1001", "MBX1002", "MBX1003", "MBX1004", "MBX1005", "MBX1006", "MBX1007", "MBX1010", "MBX1011", "MBX1020", "MBX1030",
            "MBX2001", "MBX2002", "MBX2003", "MBX2004", "MBX2005", "MBX2006", "MBX2010", "MBX2011", "MBX2020",
            "MBX3001", "MBX3002", "MBX3003", "MBX3004", "MBX3005", "MBX3006", "MBX3007", "MBX3008", "MBX3009",
            "MBX3010", "MBX3011", "MBX3012", "MBX3013", "MBX3014", "MBX3015", "MBX3016", "MBX3020", "MBX3021", "MBX3022", "MBX3023", "MBX3024",
            "MBX3030", "MBX3031", "MBX3032",
            "MBX4001", "MBX4002", "MBX4010", "MBX4011", "MBX4012", "MBX4013", "MBX4014", "MBX4015", "MBX5001", "MBX6001", "MBX6002", "MBX6003", "MBX6005", "MBX6006", "MBX7001", "MBX7002", "MBX8001", "MBX9000",
        ];

        Assert.Equal(documented, ErrorCodes.All.Select(c => c.Code));
    }

    [Fact]
    public void The_readme_mirrors_every_code_with_its_title_and_help()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));

        Assert.All(ErrorCodes.All, code =>
        {
            var row = readme.Split('\n').SingleOrDefault(line => line.StartsWith($"| `{code.Code}` |", System.StringComparison.Ordinal));
            Assert.True(row is not null, $"README.md has no row for {code.Code}");
            Assert.Contains($"| {code.Title} |", row);
            Assert.Contains(code.Help.Replace("|", "/"), row);
        });
    }
}
