using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

[Collection(ToolCollection.Name)]
public sealed class TokenArgumentTests(ToolFixture fixture)
{
    /// <summary>Every command of the tool's own table, the root and the command groups included, as the words that reach it.</summary>
    public static TheoryData<string> Commands() => new(CommandLines());

    [Fact]
    public void The_table_enumerates_the_commands_and_their_subcommands()
    {
        var commands = CommandLines().ToList();

        Assert.Contains(string.Empty, commands);
        Assert.Contains("upload", commands);
        Assert.Contains("emulator", commands);
        Assert.Contains(commands, command => command.Contains(' ', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_token_argument_is_refused_with_MBX1007_and_never_echoed(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var placeholders = Enumerable.Repeat("placeholder", CommandAt(words).Arguments.Count).ToArray();
        var opaque = "opaque-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var cases = new List<(string Secret, string[] Arguments)>();
        foreach (var arguments in new Func<string, string[]>[]
        {
            token => ["--token", token],
            token => [$"--token={token}"],
            token => ["--access-token", token],
            token => [token],
            token => [token, "--help"],
        })
        {
            var token = NewToken();
            cases.Add((token, [.. words, .. placeholders, .. arguments(token)]));
        }

        // The value after --token is never shown, even when it does not look like a token.
        cases.Add((opaque, [.. words, "--token", opaque]));
        var requestsBefore = fixture.Emulator.Requests.Count;

        var runs = await Task.WhenAll(cases.Select(async c => (c.Secret, Run: await fixture.RunAsync(c.Arguments))));

        Assert.All(runs, r =>
        {
            Assert.True(r.Run.ExitCode == 2, $"exit {r.Run.ExitCode} from dotnet mapbox {command} ...:\n{Redacted(r.Run.AllOutput, r.Secret)}");
            Assert.Contains("error MBX1007: Access token on the command line", r.Run.StandardError);
            Assert.Contains("MAPBOX_ACCESS_TOKEN", r.Run.StandardError);
            Assert.Contains("--token-variable", r.Run.StandardError);
            Assert.Contains("shell history, process lists and CI logs", r.Run.StandardError);
            Assert.Empty(r.Run.StandardOutput);
            var leaked = Substrings(r.Secret, 8).FirstOrDefault(part => r.Run.AllOutput.Contains(part, StringComparison.Ordinal));
            Assert.True(leaked is null, $"dotnet mapbox {command}: {leaked?.Length}-character part of the secret in the output.");
        });
        Assert.Equal(requestsBefore, fixture.Emulator.Requests.Count);
    }

    [Theory]
    [InlineData("--token-variable", "MY_MAPBOX_TOKEN")]
    [InlineData("upload", "pk.roads")]
    [InlineData("check", "sk.geojson")]
    public async Task What_only_resembles_a_token_option_or_a_token_is_not_refused(string first, string second)
    {
        var run = await fixture.RunAsync(first, second, "--help");

        Assert.DoesNotContain("MBX1007", run.AllOutput);
    }

    private static IEnumerable<string> CommandLines() => PathsOf(CommandTable.CreateRoot(), []).Select(path => string.Join(' ', path));

    private static IEnumerable<string[]> PathsOf(Command command, string[] path)
    {
        yield return path;
        foreach (var sub in command.Subcommands)
        {
            foreach (var subPath in PathsOf(sub, [.. path, sub.Name]))
            {
                yield return subPath;
            }
        }
    }

    private static Command CommandAt(string[] words) =>
        words.Aggregate((Command)CommandTable.CreateRoot(), (command, word) => command.Subcommands.Single(sub => sub.Name == word));

    /// <summary>A fresh token of Mapbox's shape: kind, base64url JSON payload with a username, signature.</summary>
    private static string NewToken()
    {
        var kind = new[] { "pk", "sk", "tk" }[RandomNumberGenerator.GetInt32(3)];
        var payload = Base64Url(Encoding.UTF8.GetBytes($"{{\"u\":\"{ToolFixture.Username}\",\"a\":\"{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}\"}}"));
        return $"{kind}.{payload}.{Base64Url(RandomNumberGenerator.GetBytes(16))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static IEnumerable<string> Substrings(string text, int length) =>
        Enumerable.Range(0, text.Length - length + 1).Select(start => text.Substring(start, length));

    private static string Redacted(string text, string secret) => text.Replace(secret, "***", StringComparison.Ordinal);
}
