@testable import Gateway
import Testing

/// The rebooking's moves as one table: the live call's order, what undoes a failed move, and where the
/// start-up recovery starts from each journaled step, with and without Planner's word.
@Suite struct RebookingStateMachineTests {
    typealias Machine = Rebooking.StateMachine

    @Test func theLiveCallReservesCancelsAndConfirmsInThatOrder() {
        #expect(Machine.next(after: .reserving) == .reserveNew)
        #expect(Machine.next(after: .reserved) == .cancelOld)
        #expect(Machine.next(after: .cancelled) == .confirmNew)
        #expect(Machine.next(after: .done) == .finished)
        #expect(Machine.next(after: .undone) == .finished)
    }

    @Test func aFailedMoveIsUndoneSoTheOldTimeStands() {
        #expect(Machine.compensation(for: .reserveNew) == .finished)
        #expect(Machine.compensation(for: .cancelOld) == .releaseNew)
        #expect(Machine.compensation(for: .confirmNew) == .restoreOld)
    }

    @Test func theRecoveryAsksPlannerWhereTheJournalMayBeAStepBehind() {
        let oldGone = Machine.PlannerView(oldStands: false, newConfirmed: false)
        let oldStands = Machine.PlannerView(oldStands: true, newConfirmed: false)
        let confirmed = Machine.PlannerView(oldStands: false, newConfirmed: true)
        #expect(Machine.recovery(from: .reserving, planner: oldGone) == .releaseNew)
        #expect(Machine.recovery(from: .reserved, planner: oldStands) == .releaseNew)
        #expect(Machine.recovery(from: .reserved, planner: oldGone) == .confirmNew)
        // Planner could not be asked: the old booking is taken to stand.
        #expect(Machine.recovery(from: .reserved, planner: nil) == .releaseNew)
        #expect(Machine.recovery(from: .cancelled, planner: confirmed) == .finished)
        #expect(Machine.recovery(from: .cancelled, planner: oldGone) == .confirmNew)
        #expect(Machine.recovery(from: .cancelled, planner: nil) == .confirmNew)
        #expect(Machine.recovery(from: .done, planner: nil) == .finished)
    }
}
