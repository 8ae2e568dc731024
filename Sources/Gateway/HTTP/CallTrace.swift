import Foundation
import Jobnet
import Planner
import Synchronization

/// What one Jobnet call's mapping-log record is made of, filled in by the stages the call passes:
/// the correlation id (the caller's `x-requestId`, else the envelope's WS-Addressing MessageID, else a
/// new one), the operation once the body names it, the citizen (masked), the Planner calls, the mapping
/// decisions, and how the call ended. `MappingLogStage` makes it and writes the record when the call ends.
public final class CallTrace: Sendable {
    private struct State {
        var correlationId: String?
        var operation: String?
        var citizen: String?
        var outcome = "ok"
        var reason: String?
    }

    /// The Planner calls the operation makes (a task-local for the Planner client).
    public let plannerCalls = PlannerCallRecorder()
    /// The mapping decisions the operation notes.
    public let notes = MappingNotes()
    private let started = DispatchTime.now().uptimeNanoseconds
    private let state: Mutex<State>

    /// `urlOperation` names the call until its body does (a v10-style URL).
    public init(requestId: String?, urlOperation: String?) {
        state = Mutex(State(correlationId: CorrelationId.accept(requestId), operation: urlOperation.map(LogRedaction.scrub)))
    }

    /// A correlation id the envelope offers: taken only when the caller sent none that was plausible.
    func offerCorrelationId(_ candidate: String?) {
        state.withLock { state in state.correlationId = state.correlationId ?? CorrelationId.accept(candidate) }
    }

    /// The call's correlation id, made now if no plausible one was offered.
    public var correlationId: String {
        state.withLock { state in
            if let id = state.correlationId { return id }
            let id = CorrelationId.generate()
            state.correlationId = id
            return id
        }
    }

    func named(_ operation: JobnetOperation) {
        state.withLock { $0.operation = operation.rawValue }
    }

    func citizen(_ cpr: CPR) {
        state.withLock { $0.citizen = cpr.masked }
    }

    /// How the call ended when it was answered with a fault: the code sent, and why (never a CPR).
    func fault(code: Int, reason: String) {
        state.withLock { state in
            state.outcome = String(code)
            state.reason = LogRedaction.scrub(reason)
        }
    }

    /// The record, as the call ends now.
    func record(at time: Date) -> MappingLogRecord {
        let correlationId = self.correlationId
        return state.withLock { state in
            MappingLogRecord(
                time: time, correlationId: correlationId, operation: state.operation ?? "unknown", citizen: state.citizen,
                plannerCalls: plannerCalls.records, decisions: notes.notes, outcome: state.outcome, reason: state.reason,
                milliseconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        }
    }
}
