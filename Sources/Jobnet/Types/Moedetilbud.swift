import Foundation

/// `Moedetilbud (InterviewOption)`: an offer the citizen may book online (digest §3.1).
public struct Moedetilbud: Sendable, Equatable {
    /// `MoedetilbudId`: Planner's offer id.
    public var id: String
    public var interviewTypeIdentifier: Int
    public var interviewFormTypeIdentifier: Int
    /// The samtaleformer (contact forms) the citizen may choose from; at least one.
    public var samtaleformer: [Int]
    public var location: InterviewLocation?
    public var meetingDurationMinutes: Int
    public var firstTimeslot: Date?
    public var lastTimeslot: Date?
    public var allowChoiceOfSupervisor: Bool
    public var meetingTitle: String
    public var meetingDescription: String?
    public var supervisors: [CaseWorker]

    public init(
        id: String, interviewTypeIdentifier: Int, interviewFormTypeIdentifier: Int, samtaleformer: [Int],
        location: InterviewLocation?, meetingDurationMinutes: Int, firstTimeslot: Date?, lastTimeslot: Date?,
        allowChoiceOfSupervisor: Bool, meetingTitle: String, meetingDescription: String?, supervisors: [CaseWorker]
    ) {
        self.id = id
        self.interviewTypeIdentifier = interviewTypeIdentifier
        self.interviewFormTypeIdentifier = interviewFormTypeIdentifier
        self.samtaleformer = samtaleformer
        self.location = location
        self.meetingDurationMinutes = meetingDurationMinutes
        self.firstTimeslot = firstTimeslot
        self.lastTimeslot = lastTimeslot
        self.allowChoiceOfSupervisor = allowChoiceOfSupervisor
        self.meetingTitle = meetingTitle
        self.meetingDescription = meetingDescription
        self.supervisors = supervisors
    }
}
