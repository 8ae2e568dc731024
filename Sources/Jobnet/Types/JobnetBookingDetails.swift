import Foundation

/// `JobnetBookingDetailsType` (digest §3.4): a booking as Jobnet shows it.
public struct JobnetBookingDetails: Sendable, Equatable {
    /// `IndkaldelseId`: Planner's booking id.
    public var indkaldelseId: String
    public var organisationCode: Int
    public var organisationTypeIdentifier: Int
    public var citizenShouldAcceptBooking: Bool
    public var acceptedBooking: Bool
    public var reBookingPossible: Bool
    public var reBookingDeadline: Date?
    public var cancellationPossible: Bool
    public var cancellationDeadline: Date?
    public var selfBooked: Bool
    public var compulsoryAttendance: Bool
    public var bookingStartTime: Date
    public var bookingEndTime: Date?
    public var interviewTypeIdentifier: Int
    public var interviewFormTypeIdentifier: Int
    public var meetingTitle: String
    public var meetingDescription: String?
    public var immediateBooking: Bool
    public var interviewSupervisor: CaseWorker
    public var location: InterviewLocation?
    public var telephoneNumber: String?
    public var citizenMustCall: Bool?
    public var interviewContactTypeIdentifier: Int
    public var showCaseWorkerName: Bool

    public init(
        indkaldelseId: String, organisationCode: Int, organisationTypeIdentifier: Int, citizenShouldAcceptBooking: Bool,
        acceptedBooking: Bool, reBookingPossible: Bool, reBookingDeadline: Date?, cancellationPossible: Bool,
        cancellationDeadline: Date?, selfBooked: Bool, compulsoryAttendance: Bool, bookingStartTime: Date, bookingEndTime: Date?,
        interviewTypeIdentifier: Int, interviewFormTypeIdentifier: Int, meetingTitle: String, meetingDescription: String?,
        immediateBooking: Bool, interviewSupervisor: CaseWorker, location: InterviewLocation?, telephoneNumber: String?,
        citizenMustCall: Bool?, interviewContactTypeIdentifier: Int, showCaseWorkerName: Bool
    ) {
        self.indkaldelseId = indkaldelseId
        self.organisationCode = organisationCode
        self.organisationTypeIdentifier = organisationTypeIdentifier
        self.citizenShouldAcceptBooking = citizenShouldAcceptBooking
        self.acceptedBooking = acceptedBooking
        self.reBookingPossible = reBookingPossible
        self.reBookingDeadline = reBookingDeadline
        self.cancellationPossible = cancellationPossible
        self.cancellationDeadline = cancellationDeadline
        self.selfBooked = selfBooked
        self.compulsoryAttendance = compulsoryAttendance
        self.bookingStartTime = bookingStartTime
        self.bookingEndTime = bookingEndTime
        self.interviewTypeIdentifier = interviewTypeIdentifier
        self.interviewFormTypeIdentifier = interviewFormTypeIdentifier
        self.meetingTitle = meetingTitle
        self.meetingDescription = meetingDescription
        self.immediateBooking = immediateBooking
        self.interviewSupervisor = interviewSupervisor
        self.location = location
        self.telephoneNumber = telephoneNumber
        self.citizenMustCall = citizenMustCall
        self.interviewContactTypeIdentifier = interviewContactTypeIdentifier
        self.showCaseWorkerName = showCaseWorkerName
    }
}

/// CreateSelvbooking's request (digest §4.4).
public struct CreateSelvbookingRequest: Sendable, Equatable {
    public var offerId: UUID
    /// `MoedeStarttidspunkt`.
    public var start: Date
    public var samtaleform: Int?
    /// `SagsbehandlerEksterntId`: the chosen caseworker's RID.
    public var caseworker: String?

    public init(offerId: UUID, start: Date, samtaleform: Int?, caseworker: String?) {
        self.offerId = offerId
        self.start = start
        self.samtaleform = samtaleform
        self.caseworker = caseworker
    }
}

/// StraksbookOgTilmeld's request (digest §4.13): enrol the citizen and book an immediate meeting.
public struct StraksbookOgTilmeldRequest: Sendable, Equatable {
    /// The body's CPR, as sent: its pattern is the operation's rule (1001), not the schema's.
    public var cprText: String
    public var clientCategory: Int
    public var enrollmentDate: Date
    public var unemploymentStatus: Int
    public var professions: [Profession]
    public var booking: CreateSelvbookingRequest

    public init(cprText: String, clientCategory: Int, enrollmentDate: Date, unemploymentStatus: Int, professions: [Profession],
                booking: CreateSelvbookingRequest) {
        self.cprText = cprText
        self.clientCategory = clientCategory
        self.enrollmentDate = enrollmentDate
        self.unemploymentStatus = unemploymentStatus
        self.professions = professions
        self.booking = booking
    }

    /// `ProfessionType`.
    public struct Profession: Sendable, Equatable, Codable {
        public var conceptUri: String
        public var aliasIdentifier: String?
        public var hasEducation: Bool
        public var yearLastUsed: Int
        public var experienceMonths: Int

        public init(conceptUri: String, aliasIdentifier: String?, hasEducation: Bool, yearLastUsed: Int, experienceMonths: Int) {
            self.conceptUri = conceptUri
            self.aliasIdentifier = aliasIdentifier
            self.hasEducation = hasEducation
            self.yearLastUsed = yearLastUsed
            self.experienceMonths = experienceMonths
        }
    }
}

/// StraksbookOgTilmeld's answer: the receipt for the enrollment and the booking made.
public struct StraksbookOgTilmeldResult: Sendable, Equatable {
    public var receiptTime: Date
    public var receiptId: String
    public var receiptText: String
    public var booking: JobnetBookingDetails

    public init(receiptTime: Date, receiptId: String, receiptText: String, booking: JobnetBookingDetails) {
        self.receiptTime = receiptTime
        self.receiptId = receiptId
        self.receiptText = receiptText
        self.booking = booking
    }
}

/// CreateFejlmelding's request (digest §4.12).
public struct FejlmeldingRequest: Sendable, Equatable {
    public var offerId: UUID?
    public var bookingId: UUID?
    public var code: Int
    public var text: String?
    public var origin: Int
    public var reportedAt: Date

    public init(offerId: UUID?, bookingId: UUID?, code: Int, text: String?, origin: Int, reportedAt: Date) {
        self.offerId = offerId
        self.bookingId = bookingId
        self.code = code
        self.text = text
        self.origin = origin
        self.reportedAt = reportedAt
    }
}

/// CreateOmbooking's request (digest §4.5).
public struct CreateOmbookingRequest: Sendable, Equatable {
    /// `IndkaldelseId`: the booking to move.
    public var bookingId: UUID
    /// `MoedeStarttidspunkt`: the new start.
    public var start: Date
    public var samtaleform: Int?
    public var caseworker: String?

    public init(bookingId: UUID, start: Date, samtaleform: Int?, caseworker: String?) {
        self.bookingId = bookingId
        self.start = start
        self.samtaleform = samtaleform
        self.caseworker = caseworker
    }
}
