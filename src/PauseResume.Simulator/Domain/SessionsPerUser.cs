namespace PauseResume.Simulator.Domain;

/// <summary>How many logged-in sessions one user may hold (SES-4, inferred: the vendor says nothing of it).</summary>
public enum SessionsPerUser
{
    /// <summary>Any number: each login is a session of its own, as a plain servlet container keeps them.</summary>
    Many,

    /// <summary>One, the newest: a login that works ends the user's other logged-in sessions, as an application may enforce.</summary>
    One,

    /// <summary>
    /// One, the first: while the user holds a logged-in session, a login of that user in another session does nothing, as
    /// a wrong password does (the answer is the same, SES-3); the session the request named is not the other one.
    /// </summary>
    FirstWins,
}
