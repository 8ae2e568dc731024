import Foundation

/// GetBorgerstatus's answer (digest §4.1).
public struct Borgerstatus: Sendable, Equatable {
    public var kanSelvbooke: Bool
    public var frister: [Frist]
    public var straksbookingPaakraevet: Bool

    public init(kanSelvbooke: Bool, frister: [Frist], straksbookingPaakraevet: Bool) {
        self.kanSelvbooke = kanSelvbooke
        self.frister = frister
        self.straksbookingPaakraevet = straksbookingPaakraevet
    }
}

/// `Frist (InterviewDeadlineType)`: a meeting the citizen must book, and by when.
public struct Frist: Sendable, Equatable {
    public var friststatusType: Int
    public var samtaleType: Int
    /// The date by which the booking must be made.
    public var fristdato: Date
    /// The last date the meeting itself may be held.
    public var sidsteAfholdelsesdato: Date

    public init(friststatusType: Int, samtaleType: Int, fristdato: Date, sidsteAfholdelsesdato: Date) {
        self.friststatusType = friststatusType
        self.samtaleType = samtaleType
        self.fristdato = fristdato
        self.sidsteAfholdelsesdato = sidsteAfholdelsesdato
    }
}
