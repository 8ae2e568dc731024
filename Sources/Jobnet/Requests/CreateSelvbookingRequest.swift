import Foundation

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
