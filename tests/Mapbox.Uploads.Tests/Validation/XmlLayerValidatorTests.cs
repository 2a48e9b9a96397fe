using System.Text;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Validation;

public sealed class XmlLayerValidatorTests
{
    private const string Placemark = "<Placemark><name>p</name><Point><coordinates>8.54,47.37</coordinates></Point></Placemark>";

    [Fact]
    public void A_KML_document_with_placemarks_passes()
    {
        using var files = new TempFiles();
        var path = files.WriteText("places.kml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>" + Placemark + Placemark + "</Document>\n</kml>\n");

        var result = UploadFileValidator.Validate(path);

        ProblemAssert.Valid(result);
        Assert.Equal(UploadFileType.Kml, result.FileType);
    }

    [Fact]
    public void Fifteen_layers_pass()
    {
        using var files = new TempFiles();
        var path = files.WriteText("layers.kml", Kml(folders: 15));

        ProblemAssert.Valid(UploadFileValidator.Validate(path));
    }

    [Fact]
    public void Sixteen_layers_fail_in_the_services_words_at_the_first_layer_past_the_limit()
    {
        using var files = new TempFiles();
        var document = MarkedText.Parse(Kml(folders: 20, markFolder: 16));
        var path = files.WriteText("layers.kml", document.Text);

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidKml, document);

        Assert.StartsWith("20 layers found. Maximum of 15 layers allowed.", problem.Message);
    }

    [Fact]
    public void Folders_holding_only_folders_are_not_layers()
    {
        var builder = new StringBuilder("<kml><Document>\n");
        for (var i = 0; i < 15; i++)
        {
            builder.Append("<Folder><name>outer</name><Folder><name>inner</name>").Append(Placemark).Append("</Folder></Folder>\n");
        }

        using var files = new TempFiles();
        var path = files.WriteText("nested.kml", builder.Append("</Document></kml>").ToString());

        ProblemAssert.Valid(UploadFileValidator.Validate(path));
    }

    [Fact]
    public void Placemarks_directly_under_the_root_make_one_layer()
    {
        using var files = new TempFiles();
        var path = files.WriteText("bare.kml", "<kml>" + Placemark + Placemark + "</kml>");

        ProblemAssert.Valid(UploadFileValidator.Validate(path));
    }

    [Fact]
    public void A_KML_without_placemarks_has_no_layers()
    {
        using var files = new TempFiles();
        var path = files.WriteText("empty.kml", "<kml><Document><Folder><name>nothing</name></Folder><Folder/></Document></kml>");

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidKml);

        Assert.StartsWith("KML does not contain any layers.", problem.Message);
    }

    [Fact]
    public void Malformed_KML_is_reported_at_the_markup_error()
    {
        using var files = new TempFiles();
        var document = MarkedText.Parse("<kml>\n<Document>\n  <Placemark><name>a</name></@@Folder>\n</Document></kml>");
        var path = files.WriteText("broken.kml", document.Text);

        ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidKml, document);
    }

    [Fact]
    public void A_DTD_is_refused_rather_than_processed()
    {
        using var files = new TempFiles();
        var document = MarkedText.Parse(
            "<?xml version=\"1.0\"?>\n@@<!DOCTYPE kml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<kml><Document>" + Placemark + "&x;</Document></kml>");
        var path = files.WriteText("entity.kml", document.Text);

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidKml, document);

        Assert.Contains("DOCTYPE", problem.Message);
        Assert.DoesNotContain("passwd", problem.Message);
    }

    [Fact]
    public void A_KML_needs_a_kml_root()
    {
        using var files = new TempFiles();
        var document = MarkedText.Parse("<?xml version=\"1.0\"?>\n@@<gpx><wpt lat=\"1\" lon=\"2\"/></gpx>");
        var path = files.WriteText("wrong.kml", document.Text);

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidKml, document);

        Assert.Contains("<gpx>", problem.Message);
    }

    [Fact]
    public void A_GPX_with_points_passes()
    {
        using var files = new TempFiles();
        var path = files.WriteText("track.gpx",
            "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n" +
            "<wpt lat=\"47.37\" lon=\"8.54\"><name>a</name></wpt>\n<trk><trkseg><trkpt lat=\"-90\" lon=\"180\"/><trkpt lat=\"90\" lon=\"-180\"/></trkseg></trk>\n</gpx>\n");

        var result = UploadFileValidator.Validate(path);

        ProblemAssert.Valid(result);
        Assert.Equal(UploadFileType.Gpx, result.FileType);
    }

    [Theory]
    [InlineData("<gpx>\n<trk><trkseg>\n  <trkpt lat=\"1\" lon=\"2\"/>\n  @@<trkpt lat=\"91\" lon=\"2\"/>\n</trkseg></trk></gpx>", "lat=\"91\"")]
    [InlineData("<gpx>\n  @@<wpt lat=\"1\"/>\n</gpx>", "no lon")]
    [InlineData("<gpx>\n<rte>@@<rtept lat=\"1\" lon=\"east\"/></rte></gpx>", "lon=\"east\"")]
    public void Bad_GPX_points_are_reported_at_their_element(string marked, string expected)
    {
        using var files = new TempFiles();
        var document = MarkedText.Parse(marked);
        var path = files.WriteText("bad.gpx", document.Text);

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidGpx, document);

        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void A_GPX_without_points_is_refused()
    {
        using var files = new TempFiles();
        var path = files.WriteText("empty.gpx", "<gpx><metadata><name>x</name></metadata></gpx>");

        ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidGpx);
    }

    [Fact]
    public void Malformed_GPX_is_reported_at_the_markup_error()
    {
        using var files = new TempFiles();
        var document = MarkedText.Parse("<gpx>\n<wpt lat=\"1\" lon=\"2\" @@lat=\"3\"/>\n</gpx>");
        var path = files.WriteText("dup.gpx", document.Text);

        ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidGpx, document);
    }

    private static string Kml(int folders, int markFolder = -1)
    {
        var builder = new StringBuilder("<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n");
        for (var i = 1; i <= folders; i++)
        {
            builder.Append("  ").Append(i == markFolder ? "@@" : string.Empty).Append("<Folder><name>").Append(i).Append("</name>")
                .Append(Placemark).Append(Placemark).Append("</Folder>\n");
        }

        return builder.Append("</Document>\n</kml>\n").ToString();
    }
}
