namespace Mapbox.Uploads;

/// <summary>The operation names carried by <see cref="MapboxApiException.Operation"/> and <see cref="RequestLogEntry.Operation"/>.</summary>
public static class UploadsOperations
{
    /// <summary>POST credentials.</summary>
    public const string Credentials = "credentials";

    /// <summary>POST create.</summary>
    public const string Create = "create";

    /// <summary>GET status.</summary>
    public const string Status = "status";

    /// <summary>GET list (one page).</summary>
    public const string List = "list";

    /// <summary>DELETE.</summary>
    public const string Delete = "delete";

    /// <summary>Writing the file to S3 (single PUT or a multipart step).</summary>
    public const string Stage = "stage";
}
