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

    /// The caseworker behind a Planner resource, or behind the display name Planner shows.
    ///
    /// A holder caseworkers.yaml does not name still makes a schema-valid CaseWorkerStructureType:
    /// the names from Planner's ResourceDisplayName (cut to STAR's 50/40 characters), else
    /// "Jobcentrets sagsbehandler"; and an identifier that is plainly not a RID —
    /// `planner-resource:<Planner's resource id>` when the gateway knows the resource, else
    /// `ikke-tilknyttet` — so a client that sends it back as SagsbehandlerEksterntId gets 4822.
    func holder(resource: String?, displayName: String?) -> CaseWorker {
        if let resource, let mapped = mappings.caseworkers[resource] {
            notes.add("caseworker: resource \(resource) mapped to \(mapped.caseWorker.identifier)")
            return mapped.caseWorker
        }
        let name = (displayName ?? "").trimmingCharacters(in: .whitespaces)
        if !name.isEmpty, let mapped = mappings.caseworkers.values.first(where: {
            [$0.caseWorker.givenName, $0.caseWorker.middleName, $0.caseWorker.surname].compactMap { $0 }.joined(separator: " ") == name
                || "\($0.caseWorker.givenName) \($0.caseWorker.surname)" == name
        }) {
            notes.add("caseworker: Planner's name \"\(name)\" mapped to \(mapped.caseWorker.identifier)")
            return mapped.caseWorker
        }
        let identifier = resource.map { "\(Self.unmappedHolderPrefix)\($0)" } ?? Self.unknownHolder
        notes.add("\(MappingNotes.unmappedResource) \(resource ?? "(not named by Planner)") holds the booking: identifier \(identifier)")
        let parts = name.split(separator: " ")
        guard let first = parts.first else {
            return CaseWorker(givenName: "Jobcentrets", surname: "sagsbehandler", identifier: identifier)
        }
        let surname = parts.dropFirst().joined(separator: " ")
        return CaseWorker(
            givenName: String(first.prefix(50)), surname: surname.isEmpty ? "-" : String(surname.prefix(40)), identifier: identifier)
    }

    /// The identifier of a booking holder caseworkers.yaml does not name (followed by the resource id).
    static let unmappedHolderPrefix = "planner-resource:"
    /// The identifier of a booking holder Planner names by display name only.
    static let unknownHolder = "ikke-tilknyttet"
}
