import Jobnet

/// What Jobnet needs to know about a Planner offer that Planner does not say (Mappings/offers.yaml).
///
/// Every field is optional in the file: what an offer's entry leaves out comes from `defaults`.
public struct OfferMapping: Sendable, Equatable {
    public var interviewTypeIdentifier: Int
    /// Joint (fælles) or individual meeting.
    public var joint: Bool
    /// Names of the samtaleformer (keys of code-lists.yaml `samtaleformer`).
    public var samtaleformer: [String]
    public var durationMinutes: Int
    public var location: InterviewLocation?
    public var allowChoiceOfSupervisor: Bool
    public var rebooking: Policy
    public var cancellation: Policy
    /// The policy of a meeting the citizen did not book (convened by a caseworker in Planner, which the
    /// gateway only learned of): nil, and the citizen may neither rebook nor cancel it (STAR 4812, 4820).
    public var convened: Convened?
    /// Offered for immediate booking (GetStraksbookingMoedetider / StraksbookOgTilmeld).
    public var immediate: Bool
    /// Citizens who may book this offer must book it immediately (GetBorgerstatus's StraksbookingPaakraevet).
    public var immediateRequired: Bool
    /// A booking deadline Jobnet shows in GetBorgerstatus's Frister, if the offer carries one.
    public var deadline: Deadline?
    /// The caseworkers (Planner resource ids) the offer allows; empty means every mapped caseworker.
    public var caseworkers: [String]
    public var compulsoryAttendance: Bool
    /// How many days ahead the offer may be booked (CreateSelvbooking's window, 8109).
    public var bookableDays: Int
    /// The number the citizen calls, or is called from (InterviewContactDetail).
    public var telephoneNumber: String?
    /// The citizen is expected to phone in (a phone number is then required: 8131).
    public var citizenCalls: Bool
    /// Seats at a joint meeting (MaksimaltMoededeltagerantal); Planner does not say.
    public var seats: Int?
    /// Where the entry came from: the offer's own entry, or the defaults.
    public var source: Source

    public enum Source: String, Sendable { case offer, defaults }

    /// Whether the citizen may rebook or cancel, and until how many hours before the start.
    public struct Policy: Sendable, Equatable {
        public var possible: Bool
        public var deadlineHours: Int?
    }

    /// What the citizen may do with a meeting convened for them, where the jobcenter allows anything.
    public struct Convened: Sendable, Equatable {
        public var rebooking: Policy
        public var cancellation: Policy
    }

    /// The mapping as it applies to a meeting the citizen did not book: the `convened` policy, or none.
    public var forConvenedMeeting: OfferMapping {
        var mapping = self
        mapping.rebooking = convened?.rebooking ?? Policy(possible: false, deadlineHours: nil)
        mapping.cancellation = convened?.cancellation ?? Policy(possible: false, deadlineHours: nil)
        return mapping
    }

    /// `Frist`: the citizen must book within `bookWithinDays` and hold the meeting within `holdWithinDays`.
    public struct Deadline: Sendable, Equatable {
        public var status: Int
        public var bookWithinDays: Int
        public var holdWithinDays: Int
    }
}

/// A Planner resource as Jobnet sees it: a caseworker with a numeric id and an RID (Mappings/caseworkers.yaml).
public struct CaseworkerMapping: Sendable, Equatable {
    /// The numeric id used in the timeslot list's CaseWorkerID.
    public var numericId: Int
    public var caseWorker: CaseWorker
}

/// The code-list ids STAR does not publish, as settings (Mappings/code-lists.yaml).
public struct CodeLists: Sendable, Equatable {
    /// samtaleform name → InterviewContactTypeIdentifier.
    public var samtaleformer: [String: Int]
    public var moedeGruppeIndividual: Int
    public var moedeGruppeJoint: Int
    /// BorgerBookingFejlTypeCodeList: the error codes CreateFejlmelding accepts.
    public var fejlmeldingKoder: Set<Int>
    /// The samtaleformer that mean personal attendance (an address is then required: 8129).
    public var personalAttendance: [String]
    public var bookingOriginatorOrganisationCode: Int
    public var bookingOriginatorOrganisationType: Int
}
