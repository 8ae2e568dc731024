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
