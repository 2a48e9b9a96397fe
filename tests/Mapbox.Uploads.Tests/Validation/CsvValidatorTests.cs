using System.Collections.Generic;
using System.Text;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Validation;

public sealed class CsvValidatorTests
{
    public static IEnumerable<object[]> GoodFiles() => new[]
    {
        new object[] { "lat lon", "name,lat,lon\nZurich,47.37,8.54\nSydney,-33.87,151.21\n" },
        new object[] { "long names in any case", "Latitude,LONGITUDE,name\n90,-180,pole\n-90.0,180.0,other pole" },
        new object[] { "x y", "id,x,y\n1,-122.41,37.77\n" },
        new object[] { "lng with quotes and escaped quotes", "\"name\",\"lng\",\"lat\"\n\"Bar \"\"The Cow\"\", Main St\",\"-0.12\",\"51.5\"\n" },
        new object[] { "quoted field spanning lines", "name,lat,lon\n\"line one\nline two\",1,2\n" },
        new object[] { "crlf, bom and blank lines", "\uFEFFname,lat,lon\r\na,1,2\r\n\r\nb, 3 ,4\r\n" },
        new object[] { "exponent and sign", "lat,lon\n1e1,-1.5E2\n" },
    };

    public static IEnumerable<object[]> BrokenFiles() => new[]
    {
        new object[] { "no coordinate columns", "@@name,latitud,lon\nZurich,47.37,8.54\n" },
        new object[] { "no longitude column", "@@name,lat\nZurich,47.37\n" },
        new object[] { "semicolons", "@@name;lat;lon\nZurich;47.37;8.54\n" },
        new object[] { "latitude out of range", "name,lat,lon\nZurich,47.37,8.54\nBad,@@91,8.54\n" },
        new object[] { "longitude out of range", "name,lat,lon\nBad,47.37,@@-180.5\n" },
        new object[] { "projected metres", "name,lat,lon\nBad,@@4547675.3,-13627361.1\n" },
        new object[] { "not a number in quotes", "name,lat,lon\nBad,47.37,@@\"8,54\"\n" },
        new object[] { "empty latitude", "name,lat,lon\nBad,@@,8.54\n" },
        new object[] { "too few fields", "name,lat,lon,notes\nok,1,2,x\n@@short,1,2\n" },
        new object[] { "too many fields", "name,lat,lon\n@@a,1,2,3\n" },
        new object[] { "unterminated quote", "name,lat,lon\n@@\"never closed,1,2\nmore,3,4\n" },
        new object[] { "line counted through quoted newlines", "name,lat,lon\n\"multi\nline\nname\",1,2\nok,1,2\nbad,@@x,2\n" },
        new object[] { "column in characters", "name,lat,lon\n\"Zürich 🙂\",@@1000,2\n" },
        new object[] { "header only", "name,lat,lon\n@@" },
    };

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Valid_CSV_passes(string name, string csv)
    {
        using var files = new TempFiles();
        var path = files.WriteText(name.Replace(' ', '-').Replace(',', '-') + ".csv", csv);

        var result = UploadFileValidator.Validate(path);

        ProblemAssert.Valid(result);
        Assert.Equal(UploadFileType.Csv, result.FileType);
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Broken_CSV_is_reported_at_the_offending_cell(string name, string marked)
    {
        using var files = new TempFiles();
        var document = MarkedText.Parse(marked);
        var path = files.WriteText(name.Replace(' ', '-') + ".csv", document.Text);

        var result = UploadFileValidator.Validate(path);

        ProblemAssert.Has(result, FileProblemKind.InvalidCsv, document);
    }

    [Fact]
    public void The_message_names_the_column_and_the_value()
    {
        using var files = new TempFiles();
        var path = files.WriteText("points.csv", "name,Latitude,lon\nBad,123.5,1\n");

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidCsv);

        Assert.Contains("'Latitude'", problem.Message);
        Assert.Contains("\"123.5\"", problem.Message);
    }

    [Fact]
    public void An_error_near_the_end_of_a_file_larger_than_the_buffer_reports_the_right_line()
    {
        var builder = new StringBuilder("id,name,lat,lon\n");
        var rows = 2 * CsvValidator.BufferSize / 30;
        for (var i = 0; i < rows; i++)
        {
            builder.Append(i).Append(",\"Straße, ").Append(i).Append("\",47.5,8.25\n");
        }

        builder.Append("last,\"x\",@@-95,8.25\n");
        var document = MarkedText.Parse(builder.ToString());
        Assert.True(document.Text.Length > 2 * CsvValidator.BufferSize);
        using var files = new TempFiles();
        var path = files.WriteText("large.csv", document.Text);

        ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidCsv, document);
    }
}
