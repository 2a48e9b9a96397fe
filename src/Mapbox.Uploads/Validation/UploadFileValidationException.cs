using System;
using System.Globalization;

namespace Mapbox.Uploads.Validation;

/// <summary>Thrown when pre-flight validation refuses a file; the message reads <c>path(line,column): message</c>.</summary>
public sealed class UploadFileValidationException : Exception
{
    /// <summary>Creates the exception for a refused file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="problem">The problem found.</param>
    public UploadFileValidationException(string path, FileProblem problem)
        : base(FormatMessage(path, problem))
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The refused file's path.</summary>
    public string Path { get; }

    /// <summary>What is wrong with the file.</summary>
    public FileProblem Problem { get; }

    private static string FormatMessage(string path, FileProblem problem)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (problem is null)
        {
            throw new ArgumentNullException(nameof(problem));
        }

        return problem.Line is int line
            ? string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): {3}", path, line, problem.Column ?? 1, problem.Message)
            : path + ": " + problem.Message;
    }
}
