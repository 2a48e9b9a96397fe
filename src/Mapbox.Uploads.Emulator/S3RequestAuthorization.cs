using System;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Checks that an S3 request comes from temporary credentials this emulator issued: the access key id in
/// the SigV4 Authorization header, the region of its scope, the session token, that they have not expired (S3's
/// <c>ExpiredToken</c>, for every call, aborts included), and the key they may write.
/// The signature itself is not verified here; that is proven against a real S3 stand-in elsewhere.
/// </summary>
internal static class S3RequestAuthorization
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string Region = "us-east-1";

    public static IResult? Refuse(HttpRequest request, StagingStore staging, string bucket, string key)
    {
        var resource = $"/{bucket}/{key}";
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return S3Responses.Error(403, "AccessDenied", "Access Denied", resource);
        }
        var scope = CredentialScope(authorization);
        if (scope is null || scope.Length != 5 || scope[3] != "s3" || scope[4] != "aws4_request")
        {
            return S3Responses.Error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed.", resource);
        }
        if (scope[2] != Region)
        {
            return S3Responses.Error(
                400, "AuthorizationHeaderMalformed", $"The authorization header is malformed; the region '{scope[2]}' is wrong; expecting '{Region}'", resource);
        }
        var issued = staging.FindByAccessKeyId(scope[0]);
        if (issued is null)
        {
            return S3Responses.Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", resource);
        }
        if (!string.Equals(request.Headers["x-amz-security-token"].ToString(), issued.SessionToken, StringComparison.Ordinal))
        {
            return S3Responses.Error(403, "InvalidToken", "The provided token is malformed or otherwise invalid.", resource);
        }
        if (staging.HasExpired(issued))
        {
            return S3Responses.Error(400, "ExpiredToken", "The provided token has expired.", resource);
        }
        if (request.Headers["x-amz-content-sha256"].Count == 0)
        {
            return S3Responses.Error(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256", resource);
        }
        // The issued credentials' policy covers only the one key they were issued for.
        if (issued.Bucket != bucket || issued.Key != key)
        {
            return S3Responses.Error(403, "AccessDenied", "Access Denied", resource);
        }
        return null;
    }

    /// <summary>The parts of <c>Credential=AKID/date/region/service/aws4_request</c>, or null when absent.</summary>
    private static string[]? CredentialScope(string authorization)
    {
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }
        foreach (var field in authorization[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (field.StartsWith("Credential=", StringComparison.Ordinal))
            {
                return field["Credential=".Length..].Split('/');
            }
        }
        return null;
    }
}
