using Microsoft.Extensions.Logging;

namespace PauseResume.Client;

/// <summary>The client's log messages. Passwords never appear in them.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(1, LogLevel.Information, "Logging in to the recorder as {Login}")]
    public static partial void LoggingIn(ILogger logger, string login);

    [LoggerMessage(2, LogLevel.Information, "Logged in as {Login}, checked by a list request (SES-3)")]
    public static partial void LoggedIn(ILogger logger, string login);

    [LoggerMessage(3, LogLevel.Warning, "The login of {Login} did not take: the check answered {Status} (SES-3)")]
    public static partial void LoginRejected(ILogger logger, string login, int status);

    [LoggerMessage(4, LogLevel.Information, "Logged out {Login}; the server answered {Status}")]
    public static partial void LoggedOut(ILogger logger, string? login, int status);

    [LoggerMessage(5, LogLevel.Information, "The session of {Login} has ended; logging in again once (SES-6)")]
    public static partial void ReestablishingSession(ILogger logger, string login);

    [LoggerMessage(6, LogLevel.Information, "Couple {CoupleId} is now {State}")]
    private static partial void PausedStateSetCore(ILogger logger, long coupleId, string state);

    public static void PausedStateSet(ILogger logger, long coupleId, bool paused) => PausedStateSetCore(logger, coupleId, paused ? "paused" : "recording");

    [LoggerMessage(7, LogLevel.Debug, "{Method} {Uri} → {Status}")]
    public static partial void Exchanged(ILogger logger, string method, Uri uri, int status);

    [LoggerMessage(8, LogLevel.Warning, "Logging out on dispose failed: {Reason}")]
    public static partial void LogoutOnDisposeFailed(ILogger logger, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Logging out on dispose did not finish within {Timeout}; the session will expire on the server (SES-6)")]
    public static partial void LogoutOnDisposeTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(11, LogLevel.Information, "Disposed without logging out {Login}; the session will expire on the server (SES-6)")]
    public static partial void DisposedWithoutLogout(ILogger logger, string? login);

    [LoggerMessage(9, LogLevel.Information, "Couple {CoupleId} ended before it could be changed; skipped")]
    public static partial void CoupleEndedMeanwhile(ILogger logger, long coupleId);
}
