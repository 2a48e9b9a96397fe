using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Build.Tests;

/// <summary>
/// The .targets' guard against a Visual Studio MSBuild too old to load the net472 task, evaluated by the real
/// MSBuild of the SDK over the repository's .props and .targets, with the MSBuild it judges given as its two test inputs.
/// </summary>
public sealed class MSBuildGuardTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mapbox-guard-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("Full", "17.10.39")]
    [InlineData("Full", "17.11.19")]
    [InlineData("Full", "16.11.2")]
    public async Task An_older_Visual_Studio_MSBuild_is_refused_with_MBX1030_naming_the_minimum(string runtime, string version)
    {
        var result = await RequireMSBuildAsync($"-p:_MapboxUploadMSBuildRuntimeType={runtime}", $"-p:_MapboxUploadMSBuildVersion={version}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["MBX1030"], result.ErrorCodes);
        Assert.Contains($"MSBuild {version} ({runtime}) cannot load Mapbox.Uploads.Build", result.Output);
        Assert.Contains(ErrorCodes.MSBuildTooOld.Help, result.Output.Replace(Environment.NewLine, " "));
    }

    [Theory]
    [InlineData("Full", "17.11.20")]
    [InlineData("Full", "17.14.8")]
    [InlineData("Full", "18.0.5")]
    [InlineData("Core", "17.8.3")]
    public async Task Visual_Studio_MSBuild_17_11_20_and_later_and_every_SDK_MSBuild_pass(string runtime, string version)
    {
        var result = await RequireMSBuildAsync($"-p:_MapboxUploadMSBuildRuntimeType={runtime}", $"-p:_MapboxUploadMSBuildVersion={version}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.ErrorCodes);
    }

    [Fact]
    public async Task The_MSBuild_running_the_test_passes_with_its_own_version_and_runtime()
    {
        var result = await RequireMSBuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private async Task<ProcessResult> RequireMSBuildAsync(params string[] properties)
    {
        var project = Path.Combine(_directory, "data.proj");
        var build = Repository.PathOf("build", "Mapbox.Uploads.Build");
        await File.WriteAllTextAsync(project, $"<Project>\n  <Import Project=\"{build}.props\" />\n  <Import Project=\"{build}.targets\" />\n</Project>\n");
        return await DotnetProcess.RunAsync(_directory,
            ["msbuild", project, "-t:_MapboxUploadRequireMSBuild", "-nologo", "-v:m", "-nodeReuse:false", .. properties],
            new Dictionary<string, string?>(), TimeSpan.FromMinutes(2));
    }
}
