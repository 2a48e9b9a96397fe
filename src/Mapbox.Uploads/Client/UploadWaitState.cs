namespace Mapbox.Uploads;

/// <summary>One upload in a batch wait: the last status read and whether its wait is over.</summary>
internal sealed class UploadWaitState
{
    public UploadWaitState(string id, Upload? created)
    {
        Id = id;
        Last = created;
    }

    public string Id { get; }

    public Upload? Last { get; private set; }

    public MapboxApiException? Failure { get; private set; }

    public bool IsFinished => Failure is not null || Last is { Complete: true } || Last is { Failed: true };

    public void Update(Upload upload) => Last = upload;

    public void Refused(MapboxApiException failure) => Failure = failure;

    public UploadWaitResult ToResult() => new(Id, Last, timedOut: !IsFinished, Failure);
}
