/// STAR's error catalogue and, per operation, the codes STAR documents for it (read from
/// Mappings/star-errors.yaml by the gateway).
///
/// The fault writer asks `resolve` for every fault it writes: a code that is not on the operation's
/// list is never sent; it becomes a 9303 Server fault and the mapping log says which rule strayed.
public struct StarErrorCatalogue: Sendable {
    public private(set) var errors: [Int: StarError]
    /// Per operation: STAR's documented codes plus the gateway's documented additions.
    public private(set) var allowedCodes: [JobnetOperation: Set<Int>]
    /// Per operation: the codes the digest documents (without the gateway's additions).
    public private(set) var documentedCodes: [JobnetOperation: Set<Int>]
    private var newCodes: [JobnetOperation: [Int: Int]]

    /// `allowedCodes`: per operation, STAR's documented codes plus the gateway's additions;
    /// `documentedCodes`: STAR's alone; `newCodes`: per operation, the new code to send for a GL code.
    public init(
        errors: [Int: StarError], allowedCodes: [JobnetOperation: Set<Int>], documentedCodes: [JobnetOperation: Set<Int>],
        newCodes: [JobnetOperation: [Int: Int]]
    ) {
        self.errors = errors
        self.allowedCodes = allowedCodes
        self.documentedCodes = documentedCodes
        self.newCodes = newCodes
    }

    /// The catalogue entry to answer `fault` with on `operation`, and the new code to send.
    ///
    /// A code outside the operation's list is a gateway defect: it is answered with a code that is on
    /// the list, 9303 (Server) where the list has it (every operation's does), else 1014; `strayed`
    /// says so for the mapping log.
    public func resolve(_ fault: StarFault, for operation: JobnetOperation?) -> ResolvedStarError {
        let allowed = operation.flatMap { allowedCodes[$0] }
        let permitted = operation.map { _ in allowed?.contains(fault.code) ?? false } ?? true
        // A stray code becomes one the operation lists: 9303 (every list has it), else 1014.
        let fallback = allowed.map { $0.contains(StarFault.plannerServerError) ? StarFault.plannerServerError : StarFault.validationFailed }
            ?? StarFault.plannerServerError
        let code = permitted ? fault.code : fallback
        let error = errors[code] ?? StarError(
            code: code, newCode: nil, side: .server, danish: "Der er sket en systemfejl", english: "Internal error")
        let newCode = operation.flatMap { newCodes[$0]?[code] } ?? error.newCode
        return ResolvedStarError(error: error, newCode: newCode, strayed: permitted ? nil : fault.code)
    }
}

/// What a fault is finally answered with.
public struct ResolvedStarError: Sendable, Equatable {
    public var error: StarError
    public var newCode: Int?
    /// The code a rule asked for when it was not on the operation's list (a defect to log).
    public var strayed: Int?
}
