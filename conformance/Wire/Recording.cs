using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Wire;

/// <summary>
/// The answers a real recorder gave to one run of a scenario, in the order sent, with when each was sent and read, and the couples
/// as the run found them. A replay of the same scenario under another profile sends the same requests for as long as the
/// model expects the same, and gets the same answers from a recorder that answers alike each time: so far it needs no
/// recorder to learn how it ends (a diagnosis tries dozens of profiles on one small scenario, and each replay on a real
/// recorder costs seconds). A replay that would send any other request, or one more, is stopped there
/// (<see cref="RecordingDivergedException"/>): only the recorder can answer that.
/// </summary>
internal sealed class Recording(IReadOnlyList<(Exchange Answer, long SentAt, long AnsweredAt, bool Recorded)> answers, IReadOnlyList<ModelCouple> couples, IReadOnlySet<long>? pausable)
{
    /// <summary>The couples as the recorded run found them.</summary>
    public IReadOnlyList<ModelCouple> Couples => couples;

    /// <summary>The couples the recorded run could pause.</summary>
    public IReadOnlySet<long>? Pausable => pausable;

    /// <summary>A replay from the first answer on.</summary>
    public Cursor Replay() => new(answers);

    /// <summary>Where a replay has come to in the recording.</summary>
    internal sealed class Cursor(IReadOnlyList<(Exchange Answer, long SentAt, long AnsweredAt, bool Recorded)> answers)
    {
        private int next;

        /// <summary>
        /// The answer recorded for this request, when it was sent (idle times are measured from it, as in the recorded
        /// run) and when its answer was read; a request other than the one recorded next (or the same one kept out of the
        /// transcript where that went in: a wait's read where the recorded run read for a step), or past the last, ends the replay.
        /// </summary>
        public (Exchange Answer, long SentAt, long AnsweredAt) Next(int slot, string method, string pathAndQuery, string? cookie, string? form, bool recorded)
        {
            if (!NextIs(slot, method, pathAndQuery, recorded) || answers[next].Answer.Cookie != cookie || answers[next].Answer.Form != form)
            {
                throw new RecordingDivergedException();
            }

            var (exchange, sentAt, answeredAt, _) = answers[next++];
            return (exchange, sentAt, answeredAt);
        }

        /// <summary>Whether the request recorded next is this one (whatever its cookie and form), kept out of the transcript (a read of a wait) or not.</summary>
        public bool NextIs(int slot, string method, string pathAndQuery, bool recorded) =>
            next < answers.Count && answers[next] is var (answer, _, _, wasRecorded) && answer.Slot == slot && answer.Method == method && answer.PathAndQuery == pathAndQuery && wasRecorded == recorded;
    }
}
