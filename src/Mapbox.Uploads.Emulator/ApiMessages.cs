namespace Mapbox.Uploads.Emulator;

/// <summary>The one table of the API's <c>{"message": ...}</c> texts.</summary>
internal static class ApiMessages
{
    public const string NoToken = "Not Authorized - No Token";
    public const string InvalidToken = "Not Authorized - Invalid Token";
    public const string WrongAccount = "This token does not belong to the account in the URL.";
    public const string NotFound = "Not Found";
    public const string MethodNotAllowed = "Method Not Allowed";
    public const string UnsupportedMediaType = "Content-Type must be application/json.";
    public const string InvalidJson = "The request body is not valid JSON.";
    public const string BodyNotObject = "The request body must be a JSON object.";
    public const string UploadIncomplete = "upload is incomplete";
    public const string TooManyRequests = "Too Many Requests";
    public const string InvalidLimit = "Invalid \"limit\" value: it must be an integer from 1 to 100.";
    public const string InvalidStart = "Invalid \"start\" value: no upload has this id.";

    public static string MissingScope(string scope) => $"This endpoint requires a token with {scope} scope";

    public static string InvalidProperty(string name) => $"The request body contains the invalid property \"{name}\".";

    public static string MissingProperty(string name) => $"Missing required property \"{name}\".";

    public static string InvalidValue(string name, string why) => $"Invalid \"{name}\" value: {why}";

    public static string Busy(string tileset) =>
        $"The tileset {tileset} has an upload that is still processing. Try again once it has finished.";

    public static string ServerError(int statusCode) => statusCode switch
    {
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        < 500 => "The request was refused.",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Server Error",
    };
}
