using System.Text.Json;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Tests.Json;

public sealed class ProfileJsonTests
{
    [Fact]
    public void The_settings_of_the_open_questions_are_read_in_any_case_or_as_numbers_and_written_back_as_documented()
    {
        const string Json = """
            {
              "name": "default", "probe": { "anything": true },
              "directionWithoutValue": "IGNORED", "refusalOrder": "Couple-First", "badParameterOrder": "before-login",
              "loginParameters": "Form-And-Query", "pausedStateGetStatus": 404, "unknownPathStatus": "400", "methodNotAllowedStatus": 400
            }
            """;

        var profile = ProfileJson.Read(JsonDocument.Parse(Json).RootElement, RecorderProfile.Default);

        profile.Error.ShouldBeNull();
        var written = ProfileJson.Write(profile.Value!);
        written["directionWithoutValue"].ShouldBe("ignored", "LST-6");
        written["refusalOrder"].ShouldBe("couple-first", "DET-3, PSE-4");
        written["badDirectionOrder"].ShouldBe("before-login", "LST-6: badParameterOrder, of profiles written before the two were told apart, sets both");
        written["badPausedOrder"].ShouldBe("before-login", "PSE-2");
        written.ShouldNotContainKey("badParameterOrder");
        written["loginParameters"].ShouldBe("form-and-query", "SES-1");
        written["pausedStateGetStatus"].ShouldBe("404", "PSE-4");
        written["unknownPathStatus"].ShouldBe("400", "GEN-1");
        written["methodNotAllowedStatus"].ShouldBe("400", "GEN-2");
        written.Keys.ShouldBe([.. RecorderProfile.SettingNames, "name"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"badPausedOrder":"before-login","badParameterOrder":"after-login"}""")]
    [InlineData("""{"badParameterOrder":"after-login","badPausedOrder":"before-login"}""")]
    public void LST_6_PSE_2_Of_badParameterOrder_and_one_of_the_settings_that_replaced_it_the_newer_wins_wherever_it_stands(string json)
    {
        var profile = ProfileJson.Read(JsonDocument.Parse(json).RootElement, RecorderProfile.Default);

        profile.Error.ShouldBeNull();
        (profile.Value!.BadDirectionOrder, profile.Value.BadPausedOrder).ShouldBe((BadParameterOrder.AfterLogin, BadParameterOrder.BeforeLogin));
    }

    [Theory]
    [InlineData("""{"badPausedOrder":"before-login","badPausedOrder":"after-access"}""", "badPausedOrder")]
    [InlineData("""{"BADPARAMETERORDER":"before-login","badparameterorder":"after-login"}""", "BADPARAMETERORDER")]
    [InlineData("""{"name":"default","name":"jaxrs-lenient"}""", "name")]
    [InlineData("""{"pausedParameter":"strict","PAUSEDPARAMETER":"jaxrs-lenient"}""", "pausedParameter")]
    [InlineData("{\"paused\\u001BParameter\":\"strict\",\"paused\\u001Bparameter\":\"strict\"}", "paused\\u001BParameter")] // its control character escaped: one line
    public void A_profile_that_gives_a_setting_twice_is_refused_naming_it(string json, string twice)
    {
        var profile = ProfileJson.Read(JsonDocument.Parse(json).RootElement, RecorderProfile.Default);

        profile.Value.ShouldBeNull();
        profile.Error.ShouldBe($"{twice} is given more than once: a profile gives each setting once");
    }

    [Fact]
    public void The_default_profile_is_written_with_todays_behaviour()
    {
        var written = ProfileJson.Write(RecorderProfile.Default);

        written["directionWithoutValue"].ShouldBe("checked");
        written["refusalOrder"].ShouldBe("call-list-first");
        written["badDirectionOrder"].ShouldBe("after-access");
        written["badPausedOrder"].ShouldBe("after-access");
        written["loginParameters"].ShouldBe("form");
        written["pausedStateGetStatus"].ShouldBe("405");
        written["unknownPathStatus"].ShouldBe("404");
        written["methodNotAllowedStatus"].ShouldBe("405");
    }

    [Theory]
    [InlineData("""{"directionWithoutValue":"maybe"}""", "directionWithoutValue must be 'checked' or 'ignored', not 'maybe' (LST-6)")]
    [InlineData("""{"refusalOrder":"login-first"}""", "refusalOrder must be 'call-list-first', 'couple-first', 'rights-first', 'masks-first' or 'rights-and-masks-first', not 'login-first' (DET-3, PSE-4)")]
    [InlineData("""{"badParameterOrder":"after-masks"}""", "badParameterOrder must be 'after-access', 'after-login' or 'before-login', not 'after-masks' (LST-6, PSE-2)")]
    [InlineData("""{"loginParameters":"query"}""", "loginParameters must be 'form' or 'form-and-query', not 'query' (SES-1)")]
    [InlineData("""{"pausedStateGetStatus":204}""", "pausedStateGetStatus must be a 4xx status code other than 401, 407 and 426, not '204' (PSE-4)")]
    [InlineData("""{"unknownPathStatus":404.5}""", "unknownPathStatus must be a 4xx status code other than 401, 407 and 426, not '404.5' (GEN-1)")]
    [InlineData("""{"methodNotAllowedStatus":"-405"}""", "methodNotAllowedStatus must be a 4xx status code other than 401, 407 and 426, not '-405' (GEN-2)")]
    [InlineData("""{"unknownPathStatus":407}""", "unknownPathStatus must be a 4xx status code other than 401, 407 and 426, not '407' (GEN-1)")]
    [InlineData("""{"methodNotAllowedStatus":401}""", "methodNotAllowedStatus must be a 4xx status code other than 401, 407 and 426, not '401' (GEN-2)")]
    [InlineData("""{"unchangedPauseStatus":"407"}""", "unchangedPauseStatus must be 204, 200, 202 or a 4xx status other than 401, 403, 404, 405, 407, 408, 410, 426 and 429, not '407' (PSE-3)")]
    [InlineData("""{"refusalOrder":true}""", "refusalOrder must be a string or a number")]
    public void A_bad_value_is_refused_with_a_message_naming_the_rule(string json, string message)
    {
        var profile = ProfileJson.Read(JsonDocument.Parse(json).RootElement, RecorderProfile.Default);

        profile.Value.ShouldBeNull();
        profile.Error.ShouldBe(message);
    }
}
