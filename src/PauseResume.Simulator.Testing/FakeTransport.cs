namespace PauseResume.Simulator.Testing;

/// <summary>How a <see cref="FakeRecorder"/>'s handler carries a request into the app; neither opens a socket.</summary>
public enum FakeTransport
{
    /// <summary>
    /// ASP.NET Core's TestHost: the app runs on a thread-pool thread and the answer comes back through a pipe, so each
    /// request changes threads two or three times. The default.
    /// </summary>
    TestHost,

    /// <summary>
    /// The app runs on the caller's thread until it first waits on something, and an answer written at once is handed
    /// back on that thread: several times quicker than <see cref="TestHost"/> for the same answer, byte for byte. An
    /// answer still being written when its headers go out (the dashboard's event stream, a latency fault) streams as
    /// it does through TestHost, without back-pressure: an event stream's answer keeps every event until it is read,
    /// so dispose it when done (disposing it ends the request, as a closed connection does).
    /// </summary>
    Inline,
}
