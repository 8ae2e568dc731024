import Jobnet
import Yams

extension StarErrorCatalogue {
    /// Reads star-errors.yaml: the codes, and each of `operations`' list (every operation must have one).
    public init(yaml: String, file: String = "star-errors.yaml", operations: [JobnetOperation]) throws(MappingFileError) {
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
        let lists = root["operations"] as? [String: Any] ?? [:]
        for operation in operations {
            guard let entry = lists[operation.rawValue] as? [String: Any] else {
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
        self.init(errors: errors, allowedCodes: allowed, documentedCodes: documented, newCodes: newCodes)
    }

    private static func line(of needle: String, in text: String) -> Int? {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.contains(needle) { return number }
        }
        return nil
    }
}
