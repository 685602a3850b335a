using System.Net;

namespace PauseResume.Client;

/// <summary>
/// The one exception of the client: what went wrong, the HTTP status (if any), the rule of the recorder's API that
/// explains it and the server's own message.
/// </summary>
public sealed class RecorderException : Exception
{
    /// <summary>A failure of the given kind, with the rule, status and server message that explain it.</summary>
    public RecorderException(RecorderError error, string message, string? ruleId = null, HttpStatusCode? statusCode = null, string? serverMessage = null, Exception? innerException = null)
        : base(Compose(message, ruleId, serverMessage), innerException)
    {
        Error = error;
        RuleId = ruleId;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
    }

    /// <summary>An unexpected failure, with no more detail.</summary>
    public RecorderException()
        : this(RecorderError.UnexpectedResponse, "the recorder failed")
    {
    }

    /// <summary>An unexpected failure described by <paramref name="message"/>.</summary>
    public RecorderException(string message)
        : this(RecorderError.UnexpectedResponse, message)
    {
    }

    /// <summary>An unexpected failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public RecorderException(string message, Exception innerException)
        : this(RecorderError.UnexpectedResponse, message, innerException: innerException)
    {
    }

    /// <summary>What went wrong, as far as the recorder lets a client tell.</summary>
    public RecorderError Error { get; }

    /// <summary>The rule id of RECORDER-API.md that explains the outcome, e.g. <c>PSE-4</c>.</summary>
    public string? RuleId { get; }

    /// <summary>The status of the answer that failed, or null when there was no answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The body of the server's error response, trimmed; null when there was none.</summary>
    public string? ServerMessage { get; }

    private static string Compose(string message, string? ruleId, string? serverMessage) =>
        message + (ruleId is null ? string.Empty : $" ({ruleId})") + (string.IsNullOrEmpty(serverMessage) ? string.Empty : $"; the server said: {serverMessage}");
}
