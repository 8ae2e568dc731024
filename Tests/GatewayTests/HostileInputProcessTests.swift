import Foundation
import Gateway
import Jobnet
import PlannerSimulator
import SOAP
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The same hostile inputs against the gateway as a process of its own: every one answered (nothing
/// hangs), the process stays up, and its memory comes back to where it was.
@Suite struct HostileInputProcessTests {
    static func residentKilobytes(_ pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }

    static var battery: [(name: String, body: [UInt8], contentType: String)] {
        let anna = DemoData.Citizen.anna
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 { entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(entities)]><x>&lol9;</x>"
        let deep = SOAP.operation("GetBorgerstatus", cpr: anna,
                                  content: String(repeating: "<a>", count: 20_000) + String(repeating: "</a>", count: 20_000))
        var invalid = Array(SOAP.operation("GetBorgerstatus", cpr: anna).utf8)
        invalid.insert(contentsOf: [0xC3, 0x28, 0xFF], at: invalid.count - 30)
        let xml = "text/xml; charset=utf-8"
        return [
            ("xxe", Array("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>".utf8), xml),
            ("billion laughs", Array(laughs.utf8), xml),
            ("20 MB", [UInt8](repeating: UInt8(ascii: "a"), count: 20 << 20), xml),
            ("20,000 deep", Array(deep.utf8), xml),
            ("invalid UTF-8", invalid, xml),
            ("not XML", Array("this is not XML".utf8), xml),
            ("empty", [], xml),
            ("SOAP 1.2 as 1.1", Array(SOAP.envelope(cpr: anna, body: "<v:GetBorgerstatus/>", version: SOAP.soap12).utf8), xml),
            ("SOAP 1.1 as 1.2", Array(SOAP.operation("GetBorgerstatus", cpr: anna).utf8), "application/soap+xml"),
            ("no CPR", Array(SOAP.operation("GetBorgerstatus", cpr: nil).utf8), xml),
            ("unknown operation", Array(SOAP.operation("DeleteEverything", cpr: anna).utf8), xml),
        ]
    }

    @Test func everyHostileInputIsAnsweredTheProcessStaysUpAndItsMemoryReturns() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ReplayTests.binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        try await withRunningSimulator(simulator) {
            let gateway = try await GatewayProcess.start(ReplayTests.binary, [
                "serve", "--port", "0", "--planner", await simulator.baseURL,
                "--database", NSTemporaryDirectory() + "jobnet-gateway-hostile-\(UUID().uuidString).sqlite",
                "--root-department-id", DemoData.rootDepartmentId.uuidString, "--microsite-id", DemoData.micrositeId.uuidString,
                "--mappings", repositoryRoot + "/Mappings", "--wsdl", repositoryRoot + "/Wsdl",
            ], environment: [:])
            defer { gateway.kill() }
            func send(_ body: [UInt8], _ contentType: String) async throws -> Int {
                var request = URLRequest(url: URL(string: "http://127.0.0.1:\(gateway.port)/JobnetCitizenStatusService")!)
                request.httpMethod = "POST"
                request.httpBody = Data(body)
                request.timeoutInterval = 10   // a hang fails the test
                request.setValue(contentType, forHTTPHeaderField: "Content-Type")
                let (_, response) = try await URLSession.shared.data(for: request)
                return (response as! HTTPURLResponse).statusCode
            }
            // Warm up: one round, then the baseline.
            for input in Self.battery { _ = try await send(input.body, input.contentType) }
            let baseline = Self.residentKilobytes(gateway.process.processIdentifier)
            for _ in 0..<5 {
                for input in Self.battery {
                    let status = try await send(input.body, input.contentType)
                    #expect(status == (input.name == "20 MB" ? 413 : 500), "\(input.name)")
                }
            }
            #expect(gateway.process.isRunning)
            try await Task.sleep(for: .milliseconds(300))
            let after = Self.residentKilobytes(gateway.process.processIdentifier)
            #expect(after - baseline < 16 * 1024, "RSS went from \(baseline) kB to \(after) kB")
            // Still serving.
            #expect(try await send(Array(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna).utf8), "text/xml") == 200)
            // Nothing hostile reached the mapping log in full, no file was read into an answer.
            #expect(gateway.logLines.allSatisfy { !$0.contains("root:x:0:0") })
        }
    }

    @Test func everyLeafOfEveryRequestRefusesATenThousandCharacterValue() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let long = String(repeating: "7", count: 10_000)
            var checked = 0
            for fixture in FixtureTests.fixtures where fixture.hasSuffix("/ok") {
                let template = try String(contentsOfFile: "\(FixtureTests.directory)/\(fixture).request.xml", encoding: .utf8)
                let request = FixtureTemplate.expand(template)
                // Every element holding text: <v10:Name>text</v10:Name>.
                let regex = try NSRegularExpression(pattern: "(<v10:([A-Za-z]+)>)([^<]+)(</v10:\\2>)")
                let matches = regex.matches(in: request, range: NSRange(request.startIndex..., in: request))
                for match in matches {
                    let name = String(request[Range(match.range(at: 2), in: request)!])
                    let altered = (request as NSString).replacingCharacters(in: match.range(at: 3), with: long)
                    let answer = try await gateway.post(altered)
                    #expect(answer.fejlkode == 1014, "\(fixture): \(name) took 10,000 characters")
                    checked += 1
                }
            }
            #expect(checked > 30)
        }
    }
}
