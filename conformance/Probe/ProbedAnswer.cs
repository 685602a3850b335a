namespace PauseResume.Conformance.Probe;

/// <summary>One request of a probe and what came back: the status, the content type and the document's shape.</summary>
internal sealed record ProbedAnswer(string Request, int Status, string? ContentType, string Shape)
{
    public override string ToString() => $"{Request} → {Status} {ContentType} {Shape}";
}
