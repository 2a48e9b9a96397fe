using System.Collections.Generic;
using System.IO;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The JSON summary of a run (mapbox-uploads.json) for later pipeline steps: the service address and one
/// <see cref="ItemRecord"/> per item. It holds no token, not even one pasted into MapboxApiUrl's query.
/// </summary>
internal sealed record RunManifest(string ApiUrl, IReadOnlyList<ItemRecord> Tilesets)
{
    public static RunManifest Of(string apiUrl, IReadOnlyList<ItemRecord> records) => new(Redaction.Text(apiUrl), records);

    public void Write(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, RecordJson.Serialize(this));
    }
}
