import Foundation
import Jobnet

/// FM – CreateFejlmelding (digest §4.12): Jobnet reports an error; the gateway keeps it for operators.
///
/// Checks, in order, each refused with 1014 (the only code STAR lists for the operation):
/// 1. FejlOphav is 30 (DFDG) or 32 (Jobnet);
/// 2. Fejlkode is one of BorgerBookingFejlTypeCodeList's (code-lists.yaml `fejlmeldingKoder`);
/// 3. a MoedetilbudId, when given, is an offer the gateway knows (offers.yaml, or one it booked);
/// 4. an IndkaldelseId, when given, is a booking the gateway knows (the ledger);
/// (Fejltekst ≤ 500 is the schema's.) Then the report is stored in the ledger and the mapping log notes
/// it; the answer is empty. No Planner call: the report concerns Jobnet's side.
enum CreateFejlmelding: GatewayOperation {
    static let operation = JobnetOperation.createFejlmelding
    /// 1014 for a report that is not valid; 9303 when the gateway's ledger cannot store it.
    static let starCodes = [StarFault.validationFailed, StarFault.plannerServerError]

    static func handle(_ request: FejlmeldingRequest, _ context: OperationContext) async throws(StarFault) -> EmptyAnswer {
        guard [30, 32].contains(request.origin) else {
            throw StarFault.notValid("FejlOphav \(request.origin) is not 30 (DFDG) or 32 (Jobnet)")
        }
        guard context.mappings.codeLists.fejlmeldingKoder.contains(request.code) else {
            throw StarFault.notValid("Fejlkode \(request.code) is not in BorgerBookingFejlTypeCodeList")
        }
        if let offer = request.offerId {
            let key = offer.lowercasedText
            let known = context.mappings.offers[key] != nil
            let booked = try await context.ledgerCall { try await context.ledger.hasBookings(offerId: key) }
            guard known || booked else { throw StarFault.notValid("MoedetilbudId \(key) is not known") }
        }
        if let booking = request.bookingId {
            let key = booking.lowercasedText
            guard try await context.ledgerCall({ try await context.ledger.booking(plannerBookingId: key) }) != nil else {
                throw StarFault.notValid("IndkaldelseId \(key) is not known")
            }
        }
        let report = LedgerFejlmelding(
            id: UUID().lowercasedText, receivedAt: context.now, reportedAt: request.reportedAt, origin: request.origin,
            code: request.code, text: request.text.map(LogRedaction.scrub), offerId: request.offerId?.lowercasedText,
            bookingId: request.bookingId?.lowercasedText, citizen: context.cpr?.masked)
        try await context.ledgerCall { try await context.ledger.save(report) }
        context.notes.add("fejlmelding \(report.id) stored: code \(request.code) from origin \(request.origin)")
        return EmptyAnswer()
    }
}

extension JobnetOperation {
    public static let createFejlmelding = JobnetOperation("CreateFejlmelding")
}
