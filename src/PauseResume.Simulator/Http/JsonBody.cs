namespace PauseResume.Simulator.Http;

/// <summary>
/// The JSON a control endpoint reads from its body, for its OpenAPI description only. Not <c>Accepts</c>: that metadata
/// also routes on Content-Type, and the control API reads its JSON whatever the request calls it (as curl's default sends).
/// </summary>
internal sealed record JsonBody(Type Type);
