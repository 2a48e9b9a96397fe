using System;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads;

/// <summary>
/// The one exception for failed Uploads API calls: what went wrong in the service's terms (<see cref="Failure"/>, with
/// the <see cref="MissingScope"/> when the token lacks one), the HTTP status (0 when no response arrived), the service's
/// <c>message</c>, and whether trying again later may help. Message and ToString() are redacted.
/// </summary>
public class MapboxApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The client operation that failed, e.g. <c>create</c>.</param>
    /// <param name="statusCode">The HTTP status, or 0 when no response arrived.</param>
    /// <param name="serviceMessage">The service's <c>message</c>, if any.</param>
    /// <param name="isRetryable">True when the same call may succeed later (429, 5xx, dropped connection, busy tileset).</param>
    /// <param name="message">The exception message; redacted before use.</param>
    /// <param name="innerException">The transport failure, if any.</param>
    public MapboxApiException(string operation, int statusCode, string? serviceMessage, bool isRetryable, string message, Exception? innerException = null)
        : base(Redaction.Text(message), innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        ServiceMessage = serviceMessage is null ? null : Redaction.Text(serviceMessage);
        IsRetryable = isRetryable;
        Failure = ApiFailures.Classify(operation, statusCode, ServiceMessage);
        MissingScope = ApiFailures.MissingScopeOf(operation, Failure);
        ChangesetRefusal = ChangesetRefusals.Classify(operation, statusCode, ServiceMessage);
    }

    /// <summary>Why a changeset call or <c>publish-changesets</c> was refused, when it was one of the documented refusals; null otherwise.</summary>
    public ChangesetRefusal? ChangesetRefusal { get; }

    /// <summary>What went wrong, in the service's terms; decided from the operation, the status and the service's message.</summary>
    public MapboxApiFailure Failure { get; }

    /// <summary>The scope the call needs and the token lacks (e.g. <c>uploads:read</c> for status), when <see cref="Failure"/> is <see cref="MapboxApiFailure.ScopeMissing"/>.</summary>
    public string? MissingScope { get; }

    /// <summary>The client operation that failed: <c>credentials</c>, <c>create</c>, <c>status</c>, <c>list</c> or <c>delete</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status, or 0 when no response arrived.</summary>
    public int StatusCode { get; }

    /// <summary>The service's <c>message</c>, if the body had one.</summary>
    public string? ServiceMessage { get; }

    /// <summary>True when the same call may succeed later.</summary>
    public bool IsRetryable { get; }

    /// <summary>
    /// True when create was refused because the tileset still has an upload processing: 409, or 422 whose
    /// message says busy/processing (a 422 about the body is not busy).
    /// </summary>
    public bool IsTilesetBusy => Failure == MapboxApiFailure.TilesetBusy;

    /// <summary>The redacted exception, inner exceptions included.</summary>
    /// <returns>The exception text with secrets masked.</returns>
    public override string ToString() => Redaction.Text(base.ToString());
}
