import Foundation
import Jobnet
import Yams

/// Resolves a setting from, in order of precedence: the command-line flag, the config file
/// (`--config FILE`, YAML with the flag names as keys) and the environment (`JOBNET_GATEWAY_*`).
public struct GatewaySettings: Sendable {
    private let file: [String: String]
    private let environment: [String: String]

    public init(configFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var file: [String: String] = [:]
        if let configFile {
            guard let text = try? String(contentsOfFile: configFile, encoding: .utf8) else {
                throw MappingFileError(file: configFile, line: nil, message: "cannot read the config file")
            }
            let reader = try YAMLReader.load(text, file: configFile)
            for (key, value) in try reader.entries() { file[key] = try value.string() }
        }
        self.file = file
        self.environment = environment
    }

    /// `flag`, else the config file's `name`, else `JOBNET_GATEWAY_NAME` (dashes as underscores).
    public func value(_ flag: String?, _ name: String) -> String? {
        if let flag { return flag }
        if let value = file[name] { return value }
        let variable = "JOBNET_GATEWAY_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        return environment[variable]
    }
}
