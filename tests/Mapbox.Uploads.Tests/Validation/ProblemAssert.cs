using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Validation;

internal static class ProblemAssert
{
    public static FileProblem Has(FileValidationResult result, FileProblemKind kind)
    {
        Assert.False(result.IsValid, "expected a problem of kind " + kind);
        var problem = result.Problem!;
        Assert.True(kind == problem.Kind, "expected " + kind + " but got " + problem.Kind + ": " + problem);
        return problem;
    }

    public static FileProblem Has(FileValidationResult result, FileProblemKind kind, MarkedText at)
    {
        var problem = Has(result, kind);
        Assert.True(at.Line == problem.Line && at.Column == problem.Column,
            $"expected ({at.Line},{at.Column}) but got {problem}");
        return problem;
    }

    public static void Valid(FileValidationResult result)
    {
        Assert.True(result.IsValid, "expected a valid file but got " + result.Problem);
    }
}
