import Foundation
import Gateway
import Jobnet
import Planner
import PlannerSimulator
import Testing

/// `jobnet-gateway discover` as an operator runs it, against the strict simulator with ids the shipped
/// Mappings/ do not know: it finds what is missing and exits 1; with its YAML pasted and filled in, and
/// its planner-api.yaml in place, check-mappings passes and discover exits 0.
@Suite struct DiscoverCommandTests {
    static let binary = repositoryRoot + "/.build/debug/jobnet-gateway"

    /// The lines after `marker` up to the first empty line.
    static func block(after marker: String, in output: String) -> String {
        guard let range = output.range(of: marker + "\n") else { return "" }
        return output[range.upperBound...].components(separatedBy: "\n\n").first.map { $0 + "\n" } ?? ""
    }

    /// Every `"<FILL: …>"` replaced by a value an operator might write.
    static func filled(_ snippet: String) -> String {
        var rid = 7000
        return snippet.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var text = String(line)
            text = text.replacingOccurrences(
                of: #"interviewType: "<FILL:[^"]*>""#, with: "interviewType: 9", options: .regularExpression)
            while let range = text.range(of: #"identifier: "<FILL:[^"]*>""#, options: .regularExpression) {
                rid += 1
                text.replaceSubrange(range, with: "identifier: \"CVR:12345678-RID:\(rid)\"")
            }
            return text.replacingOccurrences(of: #""<FILL:[^"]*>""#, with: "Test", options: .regularExpression)
        }.joined(separator: "\n")
    }

    @Test func discoverFindsWhatTheMappingsLackAndIsSatisfiedOnceItIsPasted() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "make test builds the executable first")
        let data = UnknownPlannerTests.data
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: data), style: .strict)
        try await withRunningSimulator(simulator) {
            let mappings = try MappingReloadTests.copyOfTheMappings(from: repositoryRoot + "/Mappings")
            defer { try? FileManager.default.removeItem(atPath: mappings) }
            let proposed = mappings + "/proposed-planner-api.yaml"
            let arguments = [
                "discover", "--planner", await simulator.baseURL, "--root-department-id", data.rootDepartmentId.uuidString,
                "--microsite-id", data.micrositeId.uuidString, "--cpr", UnknownPlannerTests.gitte, "--mappings", mappings,
                "--days", "14", "--write-planner-api", proposed,
            ]

            let (first, output) = try await run(Self.binary, arguments)
            #expect(first == 1, "\(output)")
            for id in data.offers.map(\.id) + data.resources.filter({ $0.displayName != "Lokale 3" }).map(\.id) {
                #expect(output.contains(id.uuidString.lowercased()), "\(id) in\n\(output)")
            }
            #expect(output.contains("<FILL"))
            #expect(!output.contains(UnknownPlannerTests.gitte), "no CPR in the report")
            // The routes: the strict simulator's, read from its Swagger document.
            #expect(try PlannerRoutes.parse(yaml: String(contentsOfFile: proposed, encoding: .utf8), file: proposed)
                == PlannerRoutes(routes: PlannerRoutes.strictSimulator))
            #expect(try PlannerRoutes.parse(
                yaml: String(contentsOfFile: repositoryRoot + "/Tests/Tools/strict/planner-api.yaml", encoding: .utf8), file: "strict")
                == PlannerRoutes(routes: PlannerRoutes.strictSimulator))

            // The operator pastes and fills in.
            let offers = Self.block(after: "Paste under `offers:` in offers.yaml:", in: output)
            let caseworkers = Self.block(after: "Paste under `caseworkers:` in caseworkers.yaml:", in: output)
            #expect(offers.contains("<FILL") && caseworkers.contains("<FILL"), "\(output)")
            for (file, snippet) in [("offers.yaml", offers), ("caseworkers.yaml", caseworkers)] {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: mappings + "/" + file))
                handle.seekToEndOfFile()
                handle.write(Data(("\n" + Self.filled(snippet)).utf8))
                try handle.close()
            }
            try FileManager.default.removeItem(atPath: mappings + "/planner-api.yaml")
            try FileManager.default.moveItem(atPath: proposed, toPath: mappings + "/planner-api.yaml")
            let (checked, checkOutput) = try await run(Self.binary, ["check-mappings", "--mappings", mappings])
            #expect(checked == 0, "\(checkOutput)")

            let (second, secondOutput) = try await run(Self.binary, Array(arguments.dropLast(2)))
            #expect(second == 0, "\(secondOutput)")
            #expect(secondOutput.contains("The mappings cover this Planner."))
        }
    }
}
