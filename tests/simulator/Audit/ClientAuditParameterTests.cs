using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Audit;

public sealed class ClientAuditParameterTests
{
    [Theory]
    [InlineData("pause=true", 400)]
    [InlineData("paused=1", 400)]
    [InlineData("paused=TRUE", 204)]
    [InlineData("", 400)]
    public async Task PSE_2_A_paused_parameter_that_only_works_under_one_reading_is_reported(string body, int status)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var details = await LinkedDetailsAsync(client, "10012");

        await client.Legacy.SendAsync(HttpMethod.Post, Documents.Href(details, "pausedState")!, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        await client.SetPausedAsync("10012", paused: false);
        await client.LogOutAsync();

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        finding.Name.ShouldBe("ambiguous-paused", "PSE-2");
        finding.Rule.ShouldBe("PSE-2");
        finding.Requests.Select(r => r.ToString()).ShouldBe([$"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState → {status}"], "PSE-2");
    }

    /// <summary>
    /// SES-1, PSE-2: a login and a pause sent as multipart/form-data work on the simulator, which reads such a form, but a
    /// servlet not configured for multipart and a JAX-RS @FormParam read none of it: the audit says so of each.
    /// </summary>
    [Fact]
    public async Task SES_1_PSE_2_A_login_and_a_pause_sent_as_multipart_are_reported_and_form_encoded_ones_are_not()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        static MultipartFormDataContent Multipart(params (string Name, string Value)[] fields)
        {
            var content = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                content.Add(new StringContent(value), name);
            }

            return content;
        }

        await client.Legacy.SendAsync(HttpMethod.Post, "/callrec/loginAction.do", Multipart(("login", "admin"), ("password", "secret")));
        var details = await LinkedDetailsAsync(client, "10012");
        var pause = await client.Legacy.SendAsync(HttpMethod.Post, Documents.Href(details, "pausedState")!, Multipart(("paused", "true")));
        await client.SetPausedAsync("10012", paused: false);
        await client.LogOutAsync();

        pause.StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent, "the simulator reads a multipart form");
        var findings = recorder.Audit.Report().Findings;
        findings.Where(f => f.Name == "multipart-form").Select(f => (f.Rule, f.Requests.Single().ToString())).ShouldBe(
            [("SES-1", "POST /callrec/loginAction.do → 200"), ("PSE-2", $"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 204")],
            ignoreOrder: true, string.Join("\n", findings.Select(f => $"{f.Name} {f.Rule}")));
    }

    [Theory]
    [InlineData("POST", false, true, true)]
    [InlineData("PUT", false, true, true)]
    [InlineData("PUT", true, false, true)]
    [InlineData("POST", true, false, false)]
    [InlineData("POST", true, true, false)]
    [InlineData("PUT", true, true, false)]
    public async Task PSE_3_A_paused_sent_only_where_some_recorders_do_not_read_it_is_reported(string method, bool inBody, bool inQuery, bool reported)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var details = await LinkedDetailsAsync(client, "10012");
        var link = Documents.Href(details, "pausedState")!;

        await client.Legacy.SendAsync(HttpMethod.Parse(method), link + (inQuery ? "?paused=true" : string.Empty), new StringContent(inBody ? "paused=true" : string.Empty, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        await client.SetPausedAsync("10012", paused: false);
        await client.LogOutAsync();

        var findings = recorder.Audit.Report().Findings;
        var where = $"{method}, paused in the {(inBody ? "body" : string.Empty)}{(inBody && inQuery ? " and the " : string.Empty)}{(inQuery ? "query" : string.Empty)}";
        if (reported)
        {
            var finding = findings.ShouldHaveSingleItem(where);
            (finding.Name, finding.Rule).ShouldBe(("paused-in-one-place", "PSE-3"), where);
            finding.Requests.Select(r => r.ToString()).ShouldBe([$"{method} /callrec/restful/couples.xml/{AgentsCouple}/pausedState{(inQuery ? "?paused=true" : string.Empty)} → 204"], where);
        }
        else
        {
            findings.ShouldBeEmpty(where);
        }
    }

    [Fact]
    public async Task PSE_2_paused_TRUE_is_reported_as_undocumented_spelling_not_as_read_differently()
    {
        // Arrange: both readings the profiles know take TRUE as true (the default ignores case, a Java server too)
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var details = await LinkedDetailsAsync(client, "10012");

        // Act
        await client.Legacy.SendAsync(HttpMethod.Post, Documents.Href(details, "pausedState")!, new StringContent("paused=TRUE", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        await client.SetPausedAsync("10012", paused: false);
        await client.LogOutAsync();

        // Assert
        var risk = recorder.Audit.Report().Findings.ShouldHaveSingleItem().Risk;
        risk.ShouldContain("not the documented spelling", Case.Sensitive, "PSE-2 documents exactly 'true' or 'false'");
        risk.ShouldNotContain("read differently", Case.Sensitive, "PSE-2: no profile reads TRUE otherwise than true");
    }

    [Fact]
    public async Task PSE_4_A_GET_on_pausedState_is_reported()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var details = await LinkedDetailsAsync(client, "10012");

        await client.Legacy.SendAsync(HttpMethod.Get, Documents.Href(details, "pausedState")!);
        await client.LogOutAsync();

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        (finding.Name, finding.Rule).ShouldBe(("get-pausedState", "PSE-4"));
        finding.Requests.Select(r => r.ToString()).ShouldBe([$"GET /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 405"], "PSE-4");
    }

    [Fact]
    public async Task LST_3_A_list_parameter_the_recorder_does_not_know_is_reported_by_name()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");

        await client.Legacy.ListAsync("phonenumber=10012");
        await client.LogOutAsync();

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        (finding.Name, finding.Rule).ShouldBe(("unknown-list-parameter", "LST-3"));
        finding.Risk.ShouldContain("'phonenumber'", customMessage: "LST-3");
        finding.Requests.Select(r => r.ToString()).ShouldBe(["GET /callrec/restful/couples.xml?phonenumber=10012 → 200"], "LST-3");
    }

    [Fact]
    public async Task GEN_2_A_method_the_API_does_not_take_is_reported()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");

        await client.Legacy.SendAsync(HttpMethod.Delete, LegacyClient.CouplesPath);
        await client.LogOutAsync();

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        (finding.Name, finding.Rule).ShouldBe(("method-not-allowed", "GEN-2"));
        finding.Requests.Select(r => r.ToString()).ShouldBe(["DELETE /callrec/restful/couples.xml → 405"], "GEN-2");
    }

    [Fact]
    public async Task PSE_1_Reading_paused_from_the_details_and_listing_with_the_documented_filters_is_not_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");

        var details = await LinkedDetailsAsync(client, "10012");
        await client.Legacy.ListAsync("phoneNumber=10012&phoneNumberDirection=CALLED&ipAddress=10.0.0.5&ipAddressDirection=CALLING");
        await client.LogOutAsync();

        details.Element("paused")!.Value.ShouldBe("false", "DET-1: the details say whether the couple is paused");
        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public async Task GEN_1_A_path_the_API_does_not_have_is_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");

        await client.Legacy.SendAsync(HttpMethod.Get, "/callrec/restful/couples");
        await client.LogOutAsync();

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        (finding.Name, finding.Rule).ShouldBe(("unknown-path", "GEN-1"));
        finding.Requests.Select(r => r.ToString()).ShouldBe(["GET /callrec/restful/couples → 404"], "GEN-1");
    }

    private static async Task<System.Xml.Linq.XElement> LinkedDetailsAsync(CarefulClient client, string phoneNumber)
    {
        var listed = await Documents.ListAsync(await client.Legacy.ListAsync($"phoneNumber={phoneNumber}"));
        return await Documents.DetailsAsync(await client.Legacy.SendAsync(HttpMethod.Get, listed.Single().SelfHref!));
    }
}
