using System.Net;

namespace PauseResume.Client;

/// <summary>
/// The one exception of the client: what went wrong, the HTTP status (if any), the rule of the recorder's API that
/// explains it and the server's own message.
/// </summary>
public sealed class RecorderException : Exception
{
    public RecorderException(RecorderError error, string message, string? ruleId = null, HttpStatusCode? statusCode = null, string? serverMessage = null, Exception? innerException = null)
        : base(Compose(message, ruleId, serverMessage), innerException)
    {
        Error = error;
        RuleId = ruleId;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
    }

    public RecorderException()
        : this(RecorderError.UnexpectedResponse, "the recorder failed")
    {
    }

    public RecorderException(string message)
        : this(RecorderError.UnexpectedResponse, message)
    {
    }

    public RecorderException(string message, Exception innerException)
        : this(RecorderError.UnexpectedResponse, message, innerException: innerException)
    {
    }

    public RecorderError Error { get; }

    /// <summary>The rule id of RECORDER-API.md that explains the outcome, e.g. <c>PSE-4</c>.</summary>
    public string? RuleId { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>The body of the server's error response, trimmed; null when there was none.</summary>
    public string? ServerMessage { get; }

    private static string Compose(string message, string? ruleId, string? serverMessage) =>
        message + (ruleId is null ? string.Empty : $" ({ruleId})") + (string.IsNullOrEmpty(serverMessage) ? string.Empty : $"; the server said: {serverMessage}");
}
