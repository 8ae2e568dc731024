/// One entry of STAR's error catalogue: the legacy (GL) code, the new code where STAR gives one,
/// who is at fault, and the Danish and English texts.
public struct StarError: Sendable, Equatable {
    public enum Side: String, Sendable { case client = "Client", server = "Server" }

    public var code: Int
    public var newCode: Int?
    public var side: Side
    public var danish: String
    public var english: String

    public init(code: Int, newCode: Int?, side: Side, danish: String, english: String) {
        self.code = code
        self.newCode = newCode
        self.side = side
        self.danish = danish
        self.english = english
    }
}

/// A STAR error raised by a rule, with the rule's own explanation for the mapping log.
///
/// `reason` is for operators: it never holds a CPR. The caller sees only the catalogue's texts.
public struct StarFault: Error, Sendable, Equatable {
    public var code: Int
    public var reason: String

    public init(_ code: Int, _ reason: String) {
        self.code = code
        self.reason = reason
    }
}

extension StarFault {
    public static let validationFailed = 1014
    public static let unknownCPR = 1010
    public static let unknownCPRLookup = 8111
    public static let noContactWithPlanner = 4769
    public static let configurationMissing = 9018
    public static let plannerServerError = 9303
    public static let plannerContractViolated = 9329
}
