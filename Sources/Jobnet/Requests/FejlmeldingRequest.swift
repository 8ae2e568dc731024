import Foundation

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
