import Foundation

/// GetOmbookingMoedetider's request (digest §4.9).
public struct OmbookingMoedetiderRequest: Sendable, Equatable {
    /// `IndkaldelseId`, from the body or the URL.
    public var bookingId: UUID
    public var windowStart: Date
    public var windowEnd: Date
    public var samtaleform: Int?
    public var caseworker: String?

    public init(bookingId: UUID, windowStart: Date, windowEnd: Date, samtaleform: Int?, caseworker: String?) {
        self.bookingId = bookingId
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.samtaleform = samtaleform
        self.caseworker = caseworker
    }
}
