import Foundation

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
