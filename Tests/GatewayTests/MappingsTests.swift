import Foundation
import Gateway
import Testing

/// check-mappings' checks: errors name the file and the line.
@Suite struct MappingsTests {
    func copyOfMappings() throws -> String {
        let directory = NSTemporaryDirectory() + "jobnet-gateway-mappings-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Mappings", toPath: directory)
        return directory
    }

    @Test func theShippedMappingsLoad() throws {
        let mappings = try GatewayMappings.load(directory: repositoryRoot + "/Mappings")
        #expect(mappings.offers.count == 3)
        #expect(mappings.caseworkers.count == 4)
        #expect(mappings.codeLists.samtaleformer["digitalt"] == 8)
    }

    @Test func anErrorNamesTheFileAndTheLine() throws {
        let directory = try copyOfMappings()
        let offers = directory + "/offers.yaml"
        var text = try String(contentsOfFile: offers, encoding: .utf8)
        text = text.replacingOccurrences(of: "    interviewType: 9\n    meetingForm: joint\n",
                                         with: "    interviewType: 9\n    meetingForm: joint\n    allowChoiceOfSupervisor: true\n")
        try text.write(toFile: offers, atomically: true, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("meetingForm: joint") }! + 1
        do {
            _ = try GatewayMappings.load(directory: directory)
            Issue.record("a joint meeting with a choice of caseworker was accepted")
        } catch {
            let problem = try #require(error.errors.first)
            #expect(problem.file.hasSuffix("offers.yaml"))
            #expect(problem.message.contains("joint"))
            // The error points into the offer's entry.
            #expect(problem.line != nil && abs(problem.line! - line) <= 2, "\(problem)")
        }
    }

    @Test(arguments: [-1, -48, 24 * 366 + 1])
    func aDeadlineAfterTheStartOrAbsurdlyEarlyIsRefusedWithFileAndLine(_ hours: Int) throws {
        let directory = try copyOfMappings()
        let offers = directory + "/offers.yaml"
        let text = try String(contentsOfFile: offers, encoding: .utf8)
            .replacingOccurrences(of: "cancellation: {possible: true, deadlineHours: 48}", with: "cancellation: {possible: true, deadlineHours: \(hours)}")
        try text.write(toFile: offers, atomically: true, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("deadlineHours: \(hours)") }! + 1
        do {
            _ = try GatewayMappings.load(directory: directory)
            Issue.record("deadlineHours \(hours) was accepted")
        } catch {
            let problem = try #require(error.errors.first)
            #expect(problem.file.hasSuffix("offers.yaml") && problem.line == line, "\(problem)")
            #expect(problem.message.contains("deadlineHours must be 0 to"))
        }
    }

    @Test func brokenYAMLAndUnknownNamesAreReported() throws {
        let directory = try copyOfMappings()
        try "routes:\n  PersonByCpr: {method: POST, path: [\n".write(toFile: directory + "/planner-api.yaml", atomically: true, encoding: .utf8)
        var caseworkers = try String(contentsOfFile: directory + "/caseworkers.yaml", encoding: .utf8)
        caseworkers = caseworkers.replacingOccurrences(of: "{id: 2,", with: "{id: 1,")
        try caseworkers.write(toFile: directory + "/caseworkers.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try GatewayMappings.load(directory: directory)
            Issue.record("broken mappings were accepted")
        } catch {
            let files = error.errors.map { ($0.file as NSString).lastPathComponent }
            #expect(files.contains("planner-api.yaml"))
            #expect(files.contains("caseworkers.yaml"))
            #expect(error.errors.allSatisfy { $0.line != nil }, "\(error)")
        }
    }
}
