/// `CaseWorkerStructureType`: a caseworker as Jobnet shows them.
public struct CaseWorker: Sendable, Equatable {
    public var givenName: String
    public var middleName: String?
    public var surname: String
    /// `CaseWorkerIdentifier`: the caseworker's RID (1-255).
    public var identifier: String

    public init(givenName: String, middleName: String? = nil, surname: String, identifier: String) {
        self.givenName = givenName
        self.middleName = middleName
        self.surname = surname
        self.identifier = identifier
    }
}
