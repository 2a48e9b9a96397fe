using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Http;

/// <summary>The API's JSON bodies, in and out.</summary>
internal static class ApiJson
{
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    public static async Task<T> ReadAsync<T>(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
#if NET
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken).ConfigureAwait(false);
            return value ?? throw new JsonException("The body is JSON null.");
        }
        catch (JsonException ex)
        {
            throw Unexpected(operation, (int)response.StatusCode, ex.Message, ex);
        }
    }

    public static MapboxApiException Unexpected(string operation, int statusCode, string detail, System.Exception? inner = null) =>
        new(operation, statusCode, null, isRetryable: false, $"Mapbox Uploads API {operation} answered HTTP {statusCode} with an unexpected body: {detail}", inner);

    public static HttpContent CreateBody(UploadRequest request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("tileset", request.Tileset.ToString());
            writer.WriteString("url", request.Url);
            writer.WriteString("name", request.Name ?? request.Tileset.Id);
            if (request.Patch is { } patch)
            {
                writer.WriteBoolean("patch", patch);
            }

            if (request.BypassValidation is { } bypass)
            {
                writer.WriteBoolean("bypass_mbtiles_validation", bypass);
            }

            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        // Exactly what the public SDKs send: JSON is UTF-8 by definition, and a strict server may compare the whole header.
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    internal sealed class CredentialsBody
    {
        [JsonPropertyName("accessKeyId")]
        public string? AccessKeyId { get; set; }

        [JsonPropertyName("secretAccessKey")]
        public string? SecretAccessKey { get; set; }

        [JsonPropertyName("sessionToken")]
        public string? SessionToken { get; set; }

        [JsonPropertyName("bucket")]
        public string? Bucket { get; set; }

        [JsonPropertyName("key")]
        public string? Key { get; set; }

        [JsonPropertyName("url")]
        public string? Url { get; set; }

        public StagingCredentials ToCredentials()
        {
            // Required by the contract; a partial answer is a service bug, not something to retry.
            if (string.IsNullOrEmpty(AccessKeyId) || string.IsNullOrEmpty(SecretAccessKey) || string.IsNullOrEmpty(Bucket) ||
                string.IsNullOrEmpty(Key) || string.IsNullOrEmpty(Url))
            {
                throw Unexpected(UploadsOperations.Credentials, 200, "one of accessKeyId, secretAccessKey, bucket, key, url is missing.");
            }

            return new StagingCredentials(AccessKeyId!, SecretAccessKey!, SessionToken ?? string.Empty, Bucket!, Key!, Url!);
        }
    }
}
