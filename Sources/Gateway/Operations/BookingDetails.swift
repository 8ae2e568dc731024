import Foundation
import Jobnet
import Planner

/// What a booking looks like to Jobnet (JobnetBookingDetailsType), from Planner's facts and the mappings.
struct BookingFacts {
    var bookingId: UUID
    var start: Date
    var end: Date?
    var offer: PlannerCategoryOffer?
    var mapping: OfferMapping
    var holder: CaseWorker
    var samtaleform: Int?
    var immediate: Bool
    var selfBooked: Bool
    var awaitingAcceptance: Bool
    var title: String
    var description: String?
    var showCaseWorkerName: Bool
}

extension OperationContext {
    func details(_ facts: BookingFacts) -> JobnetBookingDetails {
        let codeLists = mappings.codeLists
        let mapping = facts.mapping
        let contactType = facts.samtaleform ?? mapping.samtaleformer.compactMap { codeLists.samtaleformer[$0] }.first ?? 0
        let phone = mapping.telephoneNumber.flatMap { $0.isEmpty ? nil : $0 }
        return JobnetBookingDetails(
            indkaldelseId: facts.bookingId.lowercasedText,
            organisationCode: codeLists.bookingOriginatorOrganisationCode,
            organisationTypeIdentifier: codeLists.bookingOriginatorOrganisationType,
            citizenShouldAcceptBooking: facts.awaitingAcceptance, acceptedBooking: !facts.awaitingAcceptance,
            reBookingPossible: mapping.rebooking.possible && !facts.immediate,
            reBookingDeadline: facts.immediate ? nil : BookingRules.deadline(mapping.rebooking, start: facts.start),
            cancellationPossible: mapping.cancellation.possible && !facts.immediate,
            cancellationDeadline: facts.immediate ? nil : BookingRules.deadline(mapping.cancellation, start: facts.start),
            selfBooked: facts.selfBooked, compulsoryAttendance: mapping.compulsoryAttendance,
            bookingStartTime: facts.start,
            bookingEndTime: facts.end ?? facts.start.addingTimeInterval(Double(mapping.durationMinutes) * 60),
            interviewTypeIdentifier: mapping.interviewTypeIdentifier,
            interviewFormTypeIdentifier: mapping.joint ? codeLists.moedeGruppeJoint : codeLists.moedeGruppeIndividual,
            meetingTitle: facts.title, meetingDescription: facts.description, immediateBooking: facts.immediate,
            interviewSupervisor: facts.holder, location: mapping.location,
            telephoneNumber: phone, citizenMustCall: mapping.citizenCalls ? true : nil,
            interviewContactTypeIdentifier: contactType, showCaseWorkerName: facts.showCaseWorkerName)
    }

    /// The caseworker behind a Planner resource, or behind the display name Planner shows; a name the
    /// mappings do not know becomes a caseworker with that name and no RID ("-").
    func holder(resource: String?, displayName: String?) -> CaseWorker {
        if let resource, let mapped = mappings.caseworkers[resource] {
            notes.add("caseworker: resource \(resource) mapped to \(mapped.caseWorker.identifier)")
            return mapped.caseWorker
        }
        let name = (displayName ?? "").trimmingCharacters(in: .whitespaces)
        if let mapped = mappings.caseworkers.values.first(where: {
            [$0.caseWorker.givenName, $0.caseWorker.middleName, $0.caseWorker.surname].compactMap { $0 }.joined(separator: " ") == name
                || "\($0.caseWorker.givenName) \($0.caseWorker.surname)" == name
        }) {
            notes.add("caseworker: Planner's name \"\(name)\" mapped to \(mapped.caseWorker.identifier)")
            return mapped.caseWorker
        }
        notes.add("caseworker \"\(name)\" is not in caseworkers.yaml")
        let parts = name.split(separator: " ")
        return CaseWorker(
            givenName: parts.first.map(String.init) ?? "-", surname: parts.count > 1 ? parts.dropFirst().joined(separator: " ") : "-",
            identifier: "-")
    }
}
