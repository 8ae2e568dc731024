import Foundation

/// The request of an operation on one existing booking and nothing more (SaveIndkaldelsesaccept,
/// DeleteBooking, GetOmbookingSagsbehandlere).
public struct IndkaldelseRequest: Sendable, Equatable {
    /// `IndkaldelseId`, from the body or the URL.
    public var bookingId: UUID

    public init(bookingId: UUID) {
        self.bookingId = bookingId
    }
}
