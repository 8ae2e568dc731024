extension StraksbookOgTilmeldRequest: JobnetRequestBody {
    /// StraksbookOgTilmeld carries the CPR in its body, as STAR documents it.
    public var citizenInBody: String? { cprText }

    /// The enrollment and the booking, inside `UnemploymentEnrollmentAndBook`. The CPR is kept as sent:
    /// its pattern is the operation's rule (1001).
    public init(reading reader: BodyReader, urlIdentifier: String?) throws(StarFault) {
        let namespace = reader.namespace
        let enrollment = BodyReader(
            body: reader.body.child("UnemploymentEnrollmentAndBook", namespace: namespace) ?? reader.body, namespace: namespace)
        let professionNodes = enrollment.body.child("ProfessionTypeCollection", namespace: namespace)?
            .children("ProfessionType", namespace: namespace) ?? []
        var professions: [Profession] = []
        for node in professionNodes {
            let profession = BodyReader(body: node, namespace: namespace)
            professions.append(Profession(
                conceptUri: try profession.text("ConceptUriDa"), aliasIdentifier: profession.optionalText("AliasIdentifier"),
                hasEducation: try profession.text("HasEducation") == "true" || profession.optionalText("HasEducation") == "1",
                yearLastUsed: try profession.int("YearLastUsed"), experienceMonths: try profession.int("ExperienceMonths")))
        }
        self.init(
            cprText: try enrollment.text("PersonCivilRegistrationIdentifier"),
            clientCategory: try enrollment.int("ClientCategoryTypeIdentifier"),
            enrollmentDate: try enrollment.dateTime("EnrollmentDate"),
            unemploymentStatus: try enrollment.int("CurrentUnemploymentStatusTypeIdentifier"),
            professions: professions,
            booking: CreateSelvbookingRequest(
                offerId: try enrollment.uuid("MoedetilbudId", orURL: nil),
                start: try enrollment.dateTime("MoedeStarttidspunkt"),
                samtaleform: try enrollment.optionalInt("SamtaleformType"),
                caseworker: enrollment.optionalText("SagsbehandlerEksterntId")))
    }
}
