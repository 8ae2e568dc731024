import Foundation

/// StraksbookOgTilmeld's request (digest §4.13): enrol the citizen and book an immediate meeting.
public struct StraksbookOgTilmeldRequest: Sendable, Equatable {
    /// The body's CPR, as sent: its pattern is the operation's rule (1001), not the schema's.
    public var cprText: String
    public var clientCategory: Int
    public var enrollmentDate: Date
    public var unemploymentStatus: Int
    public var professions: [Profession]
    public var booking: CreateSelvbookingRequest

    public init(cprText: String, clientCategory: Int, enrollmentDate: Date, unemploymentStatus: Int, professions: [Profession],
                booking: CreateSelvbookingRequest) {
        self.cprText = cprText
        self.clientCategory = clientCategory
        self.enrollmentDate = enrollmentDate
        self.unemploymentStatus = unemploymentStatus
        self.professions = professions
        self.booking = booking
    }

    /// `ProfessionType`.
    public struct Profession: Sendable, Equatable, Codable {
        public var conceptUri: String
        public var aliasIdentifier: String?
        public var hasEducation: Bool
        public var yearLastUsed: Int
        public var experienceMonths: Int

        public init(conceptUri: String, aliasIdentifier: String?, hasEducation: Bool, yearLastUsed: Int, experienceMonths: Int) {
            self.conceptUri = conceptUri
            self.aliasIdentifier = aliasIdentifier
            self.hasEducation = hasEducation
            self.yearLastUsed = yearLastUsed
            self.experienceMonths = experienceMonths
        }
    }
}
