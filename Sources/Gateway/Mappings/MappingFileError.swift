import Yams

/// An error in a mapping file, with the file and line an operator should look at.
public struct MappingFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    init(yamlError: YamlError, file: String) {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            self.init(file: file, line: mark.line, message: problem)
        default:
            self.init(file: file, line: nil, message: "\(yamlError)")
        }
    }

    public var description: String { "\(file):\(line.map(String.init) ?? "-"): \(message)" }
}
