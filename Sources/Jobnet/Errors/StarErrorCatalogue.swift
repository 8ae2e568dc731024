import Yams

/// STAR's error catalogue and, per operation, the codes STAR documents for it, read from
/// Mappings/star-errors.yaml.
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

    public init(yaml: String, file: String = "star-errors.yaml") throws(MappingFileError) {
        let root: [String: Any]
        do {
            guard let loaded = try Yams.load(yaml: yaml) as? [String: Any] else {
                throw MappingFileError(file: file, line: nil, message: "the file is not a YAML mapping")
            }
            root = loaded
        } catch let error as MappingFileError {
            throw error
        } catch let error as YamlError {
            throw MappingFileError(yamlError: error, file: file)
        } catch {
            throw MappingFileError(file: file, line: nil, message: "\(error)")
        }
        var errors: [Int: StarError] = [:]
        let entries = (root["codes"] as? [Any]) ?? []
        for case let entry as [String: Any] in entries {
            guard let code = entry["code"] as? Int, let en = entry["en"] as? String, let da = entry["da"] as? String,
                let sideText = entry["side"] as? String, let side = StarError.Side(rawValue: sideText)
            else {
                throw MappingFileError(file: file, line: Self.line(of: "\(entry["code"] ?? "")", in: yaml),
                    message: "a code needs code, side (Client or Server), en and da")
            }
            errors[code] = StarError(code: code, newCode: entry["new"] as? Int, side: side, danish: da, english: en)
        }
        var allowed: [JobnetOperation: Set<Int>] = [:]
        var documented: [JobnetOperation: Set<Int>] = [:]
        var newCodes: [JobnetOperation: [Int: Int]] = [:]
        let operations = root["operations"] as? [String: Any] ?? [:]
        for operation in JobnetOperation.allCases {
            guard let entry = operations[operation.rawValue] as? [String: Any] else {
                throw MappingFileError(file: file, line: nil, message: "operations.\(operation.rawValue) is missing")
            }
            let codes = Set(entry["codes"] as? [Int] ?? [])
            let added = Set(entry["added"] as? [Int] ?? [])
            for code in codes.union(added) where errors[code] == nil {
                throw MappingFileError(file: file, line: Self.line(of: operation.rawValue, in: yaml),
                    message: "operations.\(operation.rawValue) names code \(code), which is not in codes")
            }
            documented[operation] = codes
            allowed[operation] = codes.union(added)
            var operationNewCodes: [Int: Int] = [:]
            for (key, value) in (entry["new"] as? [AnyHashable: Any]) ?? [:] {
                // Yams may hand a key back as Int or as its text.
                guard let code = (key.base as? Int) ?? Int("\(key.base)"), let newCode = value as? Int else {
                    throw MappingFileError(file: file, line: Self.line(of: operation.rawValue, in: yaml),
                        message: "operations.\(operation.rawValue).new maps codes to codes")
                }
                operationNewCodes[code] = newCode
            }
            newCodes[operation] = operationNewCodes
        }
        self.errors = errors
        self.allowedCodes = allowed
        self.documentedCodes = documented
        self.newCodes = newCodes
    }

    /// The catalogue entry to answer `fault` with on `operation`, and the new code to send.
    ///
    /// A code outside the operation's list is a gateway defect: it is answered as 9303 (Server),
    /// and `strayed` says so for the mapping log.
    public func resolve(_ fault: StarFault, for operation: JobnetOperation?) -> ResolvedStarError {
        let permitted = operation.map { allowedCodes[$0]?.contains(fault.code) ?? false } ?? true
        let code = permitted ? fault.code : StarFault.plannerServerError
        let error = errors[code] ?? StarError(
            code: code, newCode: nil, side: .server, danish: "Der er sket en systemfejl", english: "Internal error")
        let newCode = operation.flatMap { newCodes[$0]?[code] } ?? error.newCode
        return ResolvedStarError(error: error, newCode: newCode, strayed: permitted ? nil : fault.code)
    }

    static func line(of needle: String, in text: String) -> Int? {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.contains(needle) { return number }
        }
        return nil
    }
}

/// What a fault is finally answered with.
public struct ResolvedStarError: Sendable, Equatable {
    public var error: StarError
    public var newCode: Int?
    /// The code a rule asked for when it was not on the operation's list (a defect to log).
    public var strayed: Int?
}
