import CopenhagenTime
import Foundation
import SOAP

extension JobnetRequest {
    /// Maps a schema-valid body element to a typed request: the one place request XML is read.
    ///
    /// `urlIdentifier` is the id a v10-style URL carried (`/JobnetCitizenStatusService/{Operation}/{id}`);
    /// when the body carries the id too, the two must agree (else 1014).
    public init(body: XMLNode, namespace: String, urlIdentifier: String?) throws(StarFault) {
        guard body.namespace == namespace, let operation = JobnetOperation(rawValue: body.localName) else {
            throw StarFault(StarFault.validationFailed, "unknown operation element \(body.localName)")
        }
        if let name = operation.urlIdentifier?.rawValue {
            let bodyIdentifier = body.childText(name, namespace: namespace)
            switch (bodyIdentifier, urlIdentifier) {
            case (nil, nil):
                throw StarFault(StarFault.validationFailed, "\(name) is neither in the URL nor in the body")
            case (let fromBody?, let fromURL?) where fromBody.lowercased() != fromURL.lowercased():
                throw StarFault(StarFault.validationFailed, "\(name) in the URL and in the body disagree")
            default:
                break
            }
        } else if urlIdentifier != nil {
            throw StarFault(StarFault.validationFailed, "\(operation.rawValue) takes no id in the URL")
        }
        let reader = BodyReader(body: body, namespace: namespace)
        switch operation {
        case .getBorgerstatus: self = .getBorgerstatus
        case .getSelvbookingMoedetilbud: self = .getSelvbookingMoedetilbud
        case .getSelvbookingMoedetider:
            self = .getSelvbookingMoedetider(SelvbookingMoedetiderRequest(
                offerId: try reader.uuid("MoedetilbudId", orURL: urlIdentifier),
                windowStart: try reader.dateTime("StartMoedetidsinterval"),
                windowEnd: try reader.dateTime("SlutMoedetidsinterval"),
                samtaleform: try reader.optionalInt("SamtaleformType"),
                caseworker: reader.optionalText("SagsbehandlerEksterntId")))
        case .getStraksbookingMoedetider: self = .getStraksbookingMoedetider
        case .createSelvbooking:
            self = .createSelvbooking(CreateSelvbookingRequest(
                offerId: try reader.uuid("MoedetilbudId", orURL: urlIdentifier),
                start: try reader.dateTime("MoedeStarttidspunkt"),
                samtaleform: try reader.optionalInt("SamtaleformType"),
                caseworker: reader.optionalText("SagsbehandlerEksterntId")))
        case .straksbookOgTilmeld:
            let enrollment = BodyReader(
                body: body.child("UnemploymentEnrollmentAndBook", namespace: namespace) ?? body, namespace: namespace)
            let professionNodes = enrollment.body.child("ProfessionTypeCollection", namespace: namespace)?
                .children("ProfessionType", namespace: namespace) ?? []
            var professions: [StraksbookOgTilmeldRequest.Profession] = []
            for node in professionNodes {
                let profession = BodyReader(body: node, namespace: namespace)
                professions.append(.init(
                    conceptUri: try profession.text("ConceptUriDa"), aliasIdentifier: profession.optionalText("AliasIdentifier"),
                    hasEducation: try profession.text("HasEducation") == "true" || profession.optionalText("HasEducation") == "1",
                    yearLastUsed: try profession.int("YearLastUsed"), experienceMonths: try profession.int("ExperienceMonths")))
            }
            self = .straksbookOgTilmeld(StraksbookOgTilmeldRequest(
                cprText: try enrollment.text("PersonCivilRegistrationIdentifier"),
                clientCategory: try enrollment.int("ClientCategoryTypeIdentifier"),
                enrollmentDate: try enrollment.dateTime("EnrollmentDate"),
                unemploymentStatus: try enrollment.int("CurrentUnemploymentStatusTypeIdentifier"),
                professions: professions,
                booking: CreateSelvbookingRequest(
                    offerId: try enrollment.uuid("MoedetilbudId", orURL: nil),
                    start: try enrollment.dateTime("MoedeStarttidspunkt"),
                    samtaleform: try enrollment.optionalInt("SamtaleformType"),
                    caseworker: enrollment.optionalText("SagsbehandlerEksterntId"))))
        case .getBookings: self = .getBookings
        case .saveIndkaldelsesaccept: self = .saveIndkaldelsesaccept(try reader.uuid("IndkaldelseId", orURL: urlIdentifier))
        case .deleteBooking: self = .deleteBooking(try reader.uuid("IndkaldelseId", orURL: urlIdentifier))
        case .getOmbookingSagsbehandlere:
            self = .getOmbookingSagsbehandlere(try reader.uuid("IndkaldelseId", orURL: urlIdentifier))
        case .getOmbookingMoedetider:
            self = .getOmbookingMoedetider(OmbookingMoedetiderRequest(
                bookingId: try reader.uuid("IndkaldelseId", orURL: urlIdentifier),
                windowStart: try reader.dateTime("StartMoedetidsinterval"),
                windowEnd: try reader.dateTime("SlutMoedetidsinterval"),
                samtaleform: try reader.optionalInt("SamtaleformType"),
                caseworker: reader.optionalText("SagsbehandlerEksterntId")))
        case .createFejlmelding:
            self = .createFejlmelding(FejlmeldingRequest(
                offerId: try reader.optionalUUID("MoedetilbudId"), bookingId: try reader.optionalUUID("IndkaldelseId"),
                code: try reader.int("Fejlkode"), text: reader.optionalText("Fejltekst"),
                origin: try reader.int("FejlOphav"), reportedAt: try reader.dateTime("FejlTidspunkt")))
        case .createOmbooking:
            self = .createOmbooking(CreateOmbookingRequest(
                bookingId: try reader.uuid("IndkaldelseId", orURL: urlIdentifier),
                start: try reader.dateTime("MoedeStarttidspunkt"),
                samtaleform: try reader.optionalInt("SamtaleformType"),
                caseworker: reader.optionalText("SagsbehandlerEksterntId")))
        }
    }
}

/// Reads the typed values of a schema-valid body. Every failure here is 1014: the schema has already
/// said the text has the right form, so a failure means a value the form allows but the type does not
/// (a dateTime no calendar has).
struct BodyReader {
    let body: XMLNode
    let namespace: String

    func optionalText(_ name: String) -> String? {
        body.childText(name, namespace: namespace).flatMap { $0.isEmpty ? nil : $0 }
    }

    func text(_ name: String) throws(StarFault) -> String {
        guard let value = optionalText(name) else { throw StarFault(StarFault.validationFailed, "\(name) is missing") }
        return value
    }

    func uuid(_ name: String, orURL urlValue: String?) throws(StarFault) -> UUID {
        let text = optionalText(name) ?? urlValue ?? ""
        guard let value = UUID(uuidString: text) else { throw StarFault(StarFault.validationFailed, "\(name) is not a GUID") }
        return value
    }

    func optionalUUID(_ name: String) throws(StarFault) -> UUID? {
        guard optionalText(name) != nil else { return nil }
        return try uuid(name, orURL: nil)
    }

    func dateTime(_ name: String) throws(StarFault) -> Date {
        guard let value = CopenhagenTime.parse(try text(name)) else {
            throw StarFault(StarFault.validationFailed, "\(name) is not a valid dateTime")
        }
        return value
    }

    func int(_ name: String) throws(StarFault) -> Int {
        guard let value = try optionalInt(name) else { throw StarFault(StarFault.validationFailed, "\(name) is missing") }
        return value
    }

    func optionalInt(_ name: String) throws(StarFault) -> Int? {
        guard let text = optionalText(name) else { return nil }
        guard let value = Int(text) else { throw StarFault(StarFault.validationFailed, "\(name) is not a whole number") }
        return value
    }
}
