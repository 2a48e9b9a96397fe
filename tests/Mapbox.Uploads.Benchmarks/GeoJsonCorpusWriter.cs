using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Writes a FeatureCollection shaped like ogr2ogr output (one feature per line): half points, 30% lines of 2-20
/// positions, 20% closed polygons of 5-30 positions, each with a handful of typed properties. Streaming and
/// seeded, so files of any size are reproducible and the writer's memory stays small.
/// </summary>
internal static class GeoJsonCorpusWriter
{
    private const int MaxFeatureBytes = 4096;

    private static readonly string[] Categories = { "residential", "primary", "café", "park", "river", "school", "Straße" };

    public static long Write(string path, long targetBytes)
    {
        var random = new Random(42);
        var feature = new StringBuilder(MaxFeatureBytes);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20);
        writer.Write("{\n\"type\": \"FeatureCollection\",\n\"name\": \"benchmark\",\n\"features\": [\n");
        long written = Encoding.UTF8.GetByteCount("{\n\"type\": \"FeatureCollection\",\n\"name\": \"benchmark\",\n\"features\": [\n");
        var id = 0;
        while (written < targetBytes - MaxFeatureBytes)
        {
            feature.Clear();
            if (id > 0)
            {
                feature.Append(",\n");
            }

            AppendFeature(feature, random, id++);
            var text = feature.ToString();
            writer.Write(text);
            written += Encoding.UTF8.GetByteCount(text);
        }

        writer.Write("\n]\n}\n");
        writer.Flush();
        return stream.Length;
    }

    private static void AppendFeature(StringBuilder builder, Random random, int id)
    {
        var kind = random.Next(10);
        builder.Append("{ \"type\": \"Feature\", \"properties\": { \"id\": ").Append(id)
            .Append(", \"name\": \"Feature ").Append(id).Append(" \\\"").Append(Categories[id % Categories.Length]).Append("\\\"\"")
            .Append(", \"category\": \"").Append(Categories[random.Next(Categories.Length)]).Append('"')
            .Append(", \"value\": ").Append((random.NextDouble() * 1000).ToString("F3", CultureInfo.InvariantCulture))
            .Append(", \"open\": ").Append(random.Next(2) == 0 ? "true" : "false")
            .Append(", \"note\": null }, \"geometry\": { \"type\": ");
        var lon = (random.NextDouble() * 340) - 170;
        var lat = (random.NextDouble() * 160) - 80;
        if (kind < 5)
        {
            builder.Append("\"Point\", \"coordinates\": ");
            AppendPosition(builder, lon, lat);
        }
        else if (kind < 8)
        {
            builder.Append("\"LineString\", \"coordinates\": [ ");
            var count = random.Next(2, 21);
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                AppendPosition(builder, lon + (i * 0.001), lat + (random.NextDouble() * 0.001));
            }

            builder.Append(" ]");
        }
        else
        {
            builder.Append("\"Polygon\", \"coordinates\": [ [ ");
            var count = random.Next(4, 30);
            for (var i = 0; i < count; i++)
            {
                var angle = 2 * Math.PI * i / count;
                AppendPosition(builder, lon + (0.01 * Math.Cos(angle)), lat + (0.01 * Math.Sin(angle)));
                builder.Append(", ");
            }

            AppendPosition(builder, lon + 0.01, lat);
            builder.Append(" ] ]");
        }

        builder.Append(" } }");
    }

    private static void AppendPosition(StringBuilder builder, double lon, double lat) =>
        builder.Append("[ ").Append(lon.ToString("F7", CultureInfo.InvariantCulture))
            .Append(", ").Append(lat.ToString("F7", CultureInfo.InvariantCulture)).Append(" ]");
}
