import Foundation

/// GetSelvbookingMoedetider's request (digest §4.3).
public struct SelvbookingMoedetiderRequest: Sendable, Equatable {
    /// `MoedetilbudId`, from the body or the URL.
    public var offerId: UUID
    public var windowStart: Date
    public var windowEnd: Date
    /// `SamtaleformType`, if the citizen has chosen one.
    public var samtaleform: Int?
    /// `SagsbehandlerEksterntId`: the chosen caseworker's RID.
    public var caseworker: String?

    public init(offerId: UUID, windowStart: Date, windowEnd: Date, samtaleform: Int?, caseworker: String?) {
        self.offerId = offerId
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.samtaleform = samtaleform
        self.caseworker = caseworker
    }
}
