namespace PauseResume.Simulator.Http;

/// <summary>
/// Marks the dashboard's own endpoints (page, assets, events): every open page would otherwise add its loads to the
/// request log it shows, among the requests of the clients under test.
/// </summary>
internal sealed record NotLogged;
