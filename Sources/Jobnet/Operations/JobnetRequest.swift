import Foundation

/// A JCSS v10 request after validation, as typed values: what an operation is handed.
public enum JobnetRequest: Sendable, Equatable {
    case getBorgerstatus
    case getSelvbookingMoedetilbud
    case getSelvbookingMoedetider(SelvbookingMoedetiderRequest)
    case getStraksbookingMoedetider
    case createSelvbooking(CreateSelvbookingRequest)
    case straksbookOgTilmeld(StraksbookOgTilmeldRequest)
    case getBookings
    /// `IndkaldelseId`.
    case saveIndkaldelsesaccept(UUID)
    /// `IndkaldelseId`.
    case deleteBooking(UUID)
    /// `IndkaldelseId`.
    case getOmbookingSagsbehandlere(UUID)
    case getOmbookingMoedetider(OmbookingMoedetiderRequest)
    case createFejlmelding(FejlmeldingRequest)
    case createOmbooking(CreateOmbookingRequest)

    public var operation: JobnetOperation {
        switch self {
        case .getBorgerstatus: .getBorgerstatus
        case .getSelvbookingMoedetilbud: .getSelvbookingMoedetilbud
        case .getSelvbookingMoedetider: .getSelvbookingMoedetider
        case .getStraksbookingMoedetider: .getStraksbookingMoedetider
        case .createSelvbooking: .createSelvbooking
        case .straksbookOgTilmeld: .straksbookOgTilmeld
        case .getBookings: .getBookings
        case .saveIndkaldelsesaccept: .saveIndkaldelsesaccept
        case .deleteBooking: .deleteBooking
        case .getOmbookingSagsbehandlere: .getOmbookingSagsbehandlere
        case .getOmbookingMoedetider: .getOmbookingMoedetider
        case .createFejlmelding: .createFejlmelding
        case .createOmbooking: .createOmbooking
        }
    }
}

/// A JCSS v10 response as typed values, before it is written as XML.
public enum JobnetResponse: Sendable, Equatable {
    case borgerstatus(Borgerstatus)
    case moedetilbud([Moedetilbud])
    case moedetider(Moedetider)
    case straksbookingMoedetider(StraksbookingMoedetider)
    /// CreateSelvbooking's answer: the booking made.
    case booking(JobnetBookingDetails)
    case straksbookOgTilmeld(StraksbookOgTilmeldResult)
    case bookings([JobnetBookingDetails])
    /// GetOmbookingSagsbehandlere's answer.
    case sagsbehandlere(allowChoiceOfSupervisor: Bool, supervisors: [CaseWorker])
    /// GetOmbookingMoedetider's answer: the timeslot list and the interview type.
    case ombookingMoedetider(Moedetider, interviewType: Int)
    /// An answer with nothing to say: the empty response element.
    case empty
}
