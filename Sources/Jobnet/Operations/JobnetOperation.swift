/// The thirteen JCSS v10 booking operations, by their Danish v10 names (the body element names).
public enum JobnetOperation: String, Sendable, CaseIterable {
    case getBorgerstatus = "GetBorgerstatus"
    case getSelvbookingMoedetilbud = "GetSelvbookingMoedetilbud"
    case getSelvbookingMoedetider = "GetSelvbookingMoedetider"
    case createSelvbooking = "CreateSelvbooking"
    case createOmbooking = "CreateOmbooking"
    case deleteBooking = "DeleteBooking"
    case saveIndkaldelsesaccept = "SaveIndkaldelsesaccept"
    case getOmbookingSagsbehandlere = "GetOmbookingSagsbehandlere"
    case getOmbookingMoedetider = "GetOmbookingMoedetider"
    case getStraksbookingMoedetider = "GetStraksbookingMoedetider"
    case getBookings = "GetBookings"
    case createFejlmelding = "CreateFejlmelding"
    case straksbookOgTilmeld = "StraksbookOgTilmeld"

    /// The response element's local name.
    public var responseElement: String { rawValue + "Response" }

    /// The id the v10 URL style carries after the operation name, if the operation takes one.
    public var urlIdentifier: URLIdentifier? {
        switch self {
        case .getSelvbookingMoedetider, .createSelvbooking: .moedetilbudId
        case .createOmbooking, .deleteBooking, .saveIndkaldelsesaccept, .getOmbookingSagsbehandlere,
            .getOmbookingMoedetider:
            .indkaldelseId
        default: nil
        }
    }

    public enum URLIdentifier: String, Sendable {
        case moedetilbudId = "MoedetilbudId"
        case indkaldelseId = "IndkaldelseId"
    }
}
