import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// Planner resources as Jobnet's caseworkers: the mapped ones by their RID, the unmapped ones by an id
/// of the gateway's own, and a booking's holder whichever it is.
extension OperationContext {
    /// The Planner resource behind a caseworker's RID (SagsbehandlerEksterntId), as caseworkers.yaml maps it.
    func resource(forCaseworker identifier: String) -> String? {
        mappings.caseworkers.first { $0.value.caseWorker.identifier == identifier }?.key
    }

    /// The caseworkers an offer allows, as the mappings name them.
    func allowedCaseworkers(_ mapping: OfferMapping) -> [CaseWorker] {
        let all = mappings.caseworkers
        let ids = mapping.caseworkers.isEmpty ? all.keys.sorted() : mapping.caseworkers
        return ids.compactMap { all[$0] }.sorted { $0.numericId < $1.numericId }.map(\.caseWorker)
    }

    /// The CaseWorkerID of a Planner resource that caseworkers.yaml does not name: the gateway's own,
    /// stable across restarts. The mapping log names the resource.
    func unmappedCaseworkerId(_ resourceId: String) async throws(StarFault) -> Int {
        let registry = unmappedCaseworkers ?? UnmappedCaseworkers(ledger: ledger)
        let id = try await ledgerCall { try await registry.id(for: resourceId, now: now) }
        notes.add("\(MappingNotes.unmappedResource) \(resourceId) (not in caseworkers.yaml): listed as CaseWorkerID \(id), not choosable")
        return id
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
