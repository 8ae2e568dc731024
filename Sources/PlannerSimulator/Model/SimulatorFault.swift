/// A fault a test injects into one Planner operation's route.
///
/// "Down" is not among them: a Planner that is down is down for every route, so tests stop the
/// whole simulator (`PlannerSimulatorServer.stop()`) and start it again on the same port.
public enum SimulatorFault: Sendable, Equatable {
    /// Answer after this many milliseconds.
    case slow(milliseconds: Int)
    /// Answer with this HTTP status and an ASP.NET-style message.
    case status(Int)
    /// Answer 200 with a body that is not JSON.
    case garbage
    /// Answer 200 with JSON that lacks the required fields.
    case incomplete
    /// Fail this many calls with `status` (500 unless given), then answer normally.
    case failTimes(Int, status: Int = 500)
    /// Carry the operation out, then answer this status instead (500 unless given), once: Planner did
    /// the write, its answer was lost on the way (a gateway in front of it, a dropped connection).
    case answerLost(status: Int = 500)
}
