import Foundation

/// The timeslot list of digest §3.3: the caseworkers who can be chosen, and the free times.
/// Self-booking, rebooking and immediate booking answer with it.
public struct Moedetider: Sendable, Equatable {
    /// `CaseWorkerToBook`: the numeric id the timeslots refer to, and the caseworker.
    public var caseWorkers: [(id: Int, caseWorker: CaseWorker)]
    public var timeslots: [Timeslot]

    public init(caseWorkers: [(id: Int, caseWorker: CaseWorker)], timeslots: [Timeslot]) {
        self.caseWorkers = caseWorkers
        self.timeslots = timeslots
    }

    public static func == (lhs: Moedetider, rhs: Moedetider) -> Bool {
        lhs.timeslots == rhs.timeslots && lhs.caseWorkers.map(\.id) == rhs.caseWorkers.map(\.id)
            && lhs.caseWorkers.map(\.caseWorker) == rhs.caseWorkers.map(\.caseWorker)
    }

    /// `BookingTimeslot`.
    public struct Timeslot: Sendable, Equatable {
        public var startTime: Date
        public var samtaleformer: [Int]
        public var rebookingPossible: Bool
        public var cancellationPossible: Bool
        /// `MaksimaltMoededeltagerantal`, for joint meetings.
        public var totalSeats: Int?
        /// `AvailableNoOfSeats`, for joint meetings, when Planner says.
        public var availableSeats: Int?
        /// `CaseWorkerID`s free at this time.
        public var caseWorkerIds: [Int]

        public init(
            startTime: Date, samtaleformer: [Int], rebookingPossible: Bool, cancellationPossible: Bool, totalSeats: Int?,
            availableSeats: Int?, caseWorkerIds: [Int]
        ) {
            self.startTime = startTime
            self.samtaleformer = samtaleformer
            self.rebookingPossible = rebookingPossible
            self.cancellationPossible = cancellationPossible
            self.totalSeats = totalSeats
            self.availableSeats = availableSeats
            self.caseWorkerIds = caseWorkerIds
        }
    }
}

/// GetStraksbookingMoedetider's answer (digest §4.11): the timeslots of the immediate-booking offer and
/// the offer's own fields.
public struct StraksbookingMoedetider: Sendable, Equatable {
    public var moedetider: Moedetider
    public var offer: Moedetilbud

    public init(moedetider: Moedetider, offer: Moedetilbud) {
        self.moedetider = moedetider
        self.offer = offer
    }
}
