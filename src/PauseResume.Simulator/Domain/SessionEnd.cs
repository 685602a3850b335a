namespace PauseResume.Simulator.Domain;

/// <summary>Why a logged-in session the store no longer holds was ended, so its next request can say so.</summary>
internal enum SessionEnd
{
    /// <summary>SES-6: idle for the profile's sessionIdleTimeout.</summary>
    Expired,

    /// <summary>SES-4: the least recently used session, ended when a new one was needed at maxActiveSessions.</summary>
    EndedAtCap,

    /// <summary>SES-4: its user logged in again elsewhere, under sessionsPerUser=one.</summary>
    LoggedInElsewhere,

    /// <summary>Its user's password was changed through the control API: whoever knew the old one is logged out.</summary>
    PasswordChanged,
}
