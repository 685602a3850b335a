using System.Net;
using PauseResume.Simulator.Hosting;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>With a control token, a request carries exactly one: two are refused, whichever of them is right.</summary>
public sealed class ControlTokenFilterTests
{
    private const string Token = "t0k3n-exactly-once";

    [Theory]
    [InlineData(new[] { Token }, null, HttpStatusCode.OK)]
    [InlineData(new[] { Token, "wrong" }, null, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { "wrong", Token }, null, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { Token, Token }, null, HttpStatusCode.Unauthorized)]
    [InlineData(new string[0], new[] { "Bearer " + Token }, HttpStatusCode.OK)]
    [InlineData(new string[0], new[] { "Bearer " + Token, "Bearer wrong" }, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { Token + " " }, null, HttpStatusCode.Unauthorized)]
    public async Task A_control_request_with_two_tokens_is_refused_as_one_without_any(string[] tokenHeaders, string[]? authorization, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithControl(new ControlOptions(Token: Token))
            .StartAsync(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/profile");
        foreach (var token in tokenHeaders)
        {
            request.Headers.TryAddWithoutValidation("X-Simulator-Token", token).ShouldBeTrue();
        }

        foreach (var value in authorization ?? [])
        {
            request.Headers.TryAddWithoutValidation("Authorization", value).ShouldBeTrue();
        }

        using var answer = await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        answer.StatusCode.ShouldBe(expected, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        if (tokenHeaders.Length + (authorization?.Length ?? 0) > 1)
        {
            (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("needs one token");
        }
    }
}
