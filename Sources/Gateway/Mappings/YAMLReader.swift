import Jobnet
import Yams

/// Reads a mapping file's YAML with the file and line of every value at hand, so that an error
/// points an operator at the exact place (`offers.yaml:42: ...`).
struct YAMLReader {
    let file: String
    let node: Node

    static func load(_ text: String, file: String) throws(MappingFileError) -> YAMLReader {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw MappingFileError(file: file, line: 1, message: "the file is empty")
            }
            return YAMLReader(file: file, node: node)
        } catch let error as MappingFileError {
            throw error
        } catch let error as YamlError {
            if case .scanner(_, let problem, let mark, _) = error { throw MappingFileError(file: file, line: mark.line, message: problem) }
            if case .parser(_, let problem, let mark, _) = error { throw MappingFileError(file: file, line: mark.line, message: problem) }
            throw MappingFileError(file: file, line: nil, message: "\(error)")
        } catch {
            throw MappingFileError(file: file, line: nil, message: "\(error)")
        }
    }

    var line: Int? { node.mark?.line }

    func fail(_ message: String) -> MappingFileError { MappingFileError(file: file, line: line, message: message) }

    func child(_ key: String) -> YAMLReader? {
        guard let mapping = node.mapping, let value = mapping[key] else { return nil }
        if case .scalar(let scalar) = value, scalar.string == "~" || scalar.string == "null" { return nil }
        return YAMLReader(file: file, node: value)
    }

    func required(_ key: String) throws(MappingFileError) -> YAMLReader {
        guard let value = child(key) else { throw fail("\(key) is required here") }
        return value
    }

    /// The entries of a mapping, in file order.
    func entries() throws(MappingFileError) -> [(key: String, value: YAMLReader)] {
        guard let mapping = node.mapping else { throw fail("expected a mapping") }
        return mapping.map { (key: $0.key.string ?? "", value: YAMLReader(file: file, node: $0.value)) }
    }

    func items() throws(MappingFileError) -> [YAMLReader] {
        guard let sequence = node.sequence else { throw fail("expected a list") }
        return sequence.map { YAMLReader(file: file, node: $0) }
    }

    func string() throws(MappingFileError) -> String {
        try refuseUnfilled()
        guard let value = node.scalar?.string else { throw fail("expected text") }
        return value
    }

    func int() throws(MappingFileError) -> Int {
        try refuseUnfilled()
        guard let value = node.int else { throw fail("expected a whole number, found \(node.scalar?.string ?? "a structure")") }
        return value
    }

    func bool() throws(MappingFileError) -> Bool {
        try refuseUnfilled()
        guard let value = node.bool else { throw fail("expected true or false, found \(node.scalar?.string ?? "a structure")") }
        return value
    }

    /// `discover` writes `"<FILL: what to put here>"` where an operator must supply a value: a snippet
    /// pasted but not filled in is refused here, with its file and line, rather than taken as data.
    private func refuseUnfilled() throws(MappingFileError) {
        if let value = node.scalar?.string, value.hasPrefix("<FILL") { throw fail("fill in this field: \(value)") }
    }

    func string(_ key: String) throws(MappingFileError) -> String? { try child(key)?.string() }
    func int(_ key: String) throws(MappingFileError) -> Int? { try child(key)?.int() }
    func bool(_ key: String) throws(MappingFileError) -> Bool? { try child(key)?.bool() }
}
