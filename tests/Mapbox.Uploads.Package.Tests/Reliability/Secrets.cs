using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests.Reliability;

/// <summary>
/// Searches everything a build leaves behind for the secrets it handled: the console, the binary log replayed
/// at diagnostic verbosity and the raw decompressed binary log (UTF-8 and UTF-16), the manifest and the stamps.
/// The secrets are the token in full, its payload and signature parts, and every S3 credential the emulator issued.
/// </summary>
public static class Secrets
{
    public static IReadOnlyList<(string What, string Value)> Of(EmulatorServer emulator, params string[] tokens)
    {
        var secrets = new List<(string What, string Value)>(OfTokens(tokens));
        foreach (var issued in emulator.IssuedCredentials)
        {
            secrets.Add(("S3 access key id", issued.AccessKeyId));
            secrets.Add(("S3 secret access key", issued.SecretAccessKey));
            secrets.Add(("S3 session token", issued.SessionToken));
        }

        return secrets;
    }

    /// <summary>The tokens in full and their payload and signature parts, for a service that issued no S3 credentials to the build.</summary>
    public static IReadOnlyList<(string What, string Value)> OfTokens(params string[] tokens)
    {
        var secrets = new List<(string, string)>();
        foreach (var token in tokens)
        {
            secrets.Add(("token", token));
            var parts = token.Split('.');
            if (parts.Length == 3)
            {
                secrets.Add(("token payload", parts[1]));
                secrets.Add(("token signature", parts[2]));
            }
        }

        return secrets;
    }

    /// <summary>Fails when any secret appears in the sandbox's last build; returns how many places were searched.</summary>
    public static async Task<int> AssertNoneLeakedAsync(Sandbox sandbox, ProcessResult result, IReadOnlyList<(string What, string Value)> secrets)
    {
        Assert.NotEmpty(secrets);
        var binlog = sandbox.BinaryLogs[^1];
        Assert.True(File.Exists(binlog), $"{binlog} was not written:\n{result}");
        var places = new List<(string Name, string Text)>
        {
            ("console", result.Output),
            ($"{Path.GetFileName(binlog)} replayed and raw", await DataProject.ReplayAsync(sandbox, binlog)),
        };

        // A control: the texts searched are the build's own, the task's run included.
        Assert.All(places, place => Assert.Contains("MapboxUpload", place.Text, StringComparison.Ordinal));
        // Every build restores first, so obj exists; a missing one means the files below went unsearched.
        var obj = Path.Combine(sandbox.Directory, "obj");
        Assert.True(Directory.Exists(obj), $"{obj} does not exist: the build's JSON files cannot be searched.\n{result}");
        places.AddRange(Directory.EnumerateFiles(obj, "*.json", SearchOption.AllDirectories)
            .Select(file => (Path.GetRelativePath(sandbox.Directory, file), File.ReadAllText(file))));

        foreach (var (name, text) in places)
        {
            foreach (var (what, value) in secrets)
            {
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"The {what} leaked into {name}.");
            }
        }

        return places.Count;
    }
}
