import Foundation
import Gateway
import Jobnet
import PlannerSimulator
import SOAP
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Each class of hostile XML gets the 1014 fault (413 for the size limit), reads no file, expands no
/// entity, never reaches Planner, and the mapping log says why.
@Suite struct HostileInputTests {
    static let secret = "TOP-SECRET-\(UUID().uuidString)"

    static func secretFile() throws -> String {
        let path = NSTemporaryDirectory() + "jobnet-gateway-xxe-\(UUID().uuidString).txt"
        try secret.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func expectRefused(_ answer: HTTPAnswer, _ gateway: TestGateway, because reasonFragment: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) async {
        #expect(answer.status == 500, sourceLocation: sourceLocation)
        #expect(answer.fejlkode == 1014, "\(answer.body)", sourceLocation: sourceLocation)
        #expect(answer.faultcode == "soap:Client" || answer.faultcode == "soap:VersionMismatch", sourceLocation: sourceLocation)
        #expect(!answer.body.contains(Self.secret), sourceLocation: sourceLocation)
        #expect(await gateway.state.calls.isEmpty, sourceLocation: sourceLocation)
        if let reasonFragment {
            let reason = gateway.records.last?.reason ?? ""
            #expect(reason.contains(reasonFragment), "\(reason)", sourceLocation: sourceLocation)
        }
    }

    @Test func externalEntityToALocalFileIsNeverRead() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        let file = try Self.secretFile()
        let xml = """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://\(file)">]>
            <s:Envelope xmlns:s="\(SOAP.soap11)" xmlns:v="\(SOAP.namespace)"><s:Header>\
            <v:PersonCivilRegistrationIdentifier>\(DemoData.Citizen.anna)</v:PersonCivilRegistrationIdentifier></s:Header>\
            <s:Body><v:GetBorgerstatus>&xxe;</v:GetBorgerstatus></s:Body></s:Envelope>
            """
        await expectRefused(try await gateway.post(xml), gateway, because: "DOCTYPE")
        // A parameter entity and an external DTD are refused the same way.
        let parameter = "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"file://\(file)\"><x/>"
        await expectRefused(try await gateway.post(parameter), gateway, because: "DOCTYPE")
    }

    @Test func billionLaughsIsNotExpanded() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(entities)]>" + SOAP.operation("GetBorgerstatus", cpr: "&lol9;")
            .replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "")
        await expectRefused(try await gateway.post(xml), gateway, because: "DOCTYPE")
    }

    @Test func aBodyOverTheLimitIsAnswered413WithoutBeingReadWhole() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 20 << 20)
        let answer = try await gateway.post(big)
        #expect(answer.status == 413)
        #expect(await gateway.state.calls.isEmpty)
    }

    @Test func deepNestingIsRefused() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        let depth = 20_000
        let nested = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let xml = SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna, content: nested)
        await expectRefused(try await gateway.post(xml), gateway, because: "XML refused")
    }

    @Test func malformedBodiesAreRefused() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        var invalidUTF8 = Array(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna).utf8)
        invalidUTF8.insert(contentsOf: [0xC3, 0x28, 0xFF], at: invalidUTF8.count - 30)
        await expectRefused(try await gateway.post(invalidUTF8), gateway, because: "XML refused")
        await expectRefused(try await gateway.post("this is not XML at all"), gateway, because: "XML refused")
        await expectRefused(try await gateway.post([UInt8]()), gateway, because: "empty")
        await expectRefused(try await gateway.post("<notAnEnvelope/>"), gateway, because: "not a SOAP Envelope")
    }

    @Test func aSOAPVersionThatDisagreesWithTheContentTypeIsAVersionMismatch() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        let soap12AsSoap11 = try await gateway.post(
            SOAP.envelope(cpr: DemoData.Citizen.anna, body: "<v:GetBorgerstatus/>", version: SOAP.soap12),
            contentType: "text/xml; charset=utf-8")
        await expectRefused(soap12AsSoap11, gateway)
        #expect(soap12AsSoap11.faultcode == "soap:VersionMismatch")
        let soap11AsSoap12 = try await gateway.post(
            SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna), contentType: "application/soap+xml")
        await expectRefused(soap11AsSoap12, gateway)
        #expect(soap11AsSoap12.faultcode == "soap:VersionMismatch")
        #expect(soap11AsSoap12.body.contains(SOAP.soap12))
    }

    @Test func badCPRsUnknownOperationsBadGuidsDatesAndLengthsAreRefusedByTheContract() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        let anna = DemoData.Citizen.anna
        await expectRefused(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: "3213901111")), gateway, because: "PersonCivilRegistrationIdentifierType")
        await expectRefused(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: "12345")), gateway, because: "PersonCivilRegistrationIdentifierType")
        await expectRefused(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: nil),
            headers: ["x-civilregistrationIdentifier": "0113901111"]), gateway, because: "PersonCivilRegistrationIdentifierType")
        await expectRefused(try await gateway.post(SOAP.operation("DeleteEverything", cpr: anna)), gateway, because: "unknown operation")
        let badGuid = "<v:MoedetilbudId>not-a-guid</v:MoedetilbudId><v:StartMoedetidsinterval>2030-01-07T08:00:00</v:StartMoedetidsinterval><v:SlutMoedetidsinterval>2030-01-08T08:00:00</v:SlutMoedetidsinterval>"
        await expectRefused(try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: anna, content: badGuid)), gateway, because: "schema")
        let badDate = "<v:MoedetilbudId>\(DemoData.Offer.jobsamtale)</v:MoedetilbudId><v:StartMoedetidsinterval>2030-13-45T08:00:00</v:StartMoedetidsinterval><v:SlutMoedetidsinterval>2030-01-08T08:00:00</v:SlutMoedetidsinterval>"
        await expectRefused(try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: anna, content: badDate)), gateway, because: "schema")
        let tooLong = "<v:MoedetilbudId>\(DemoData.Offer.jobsamtale)</v:MoedetilbudId><v:StartMoedetidsinterval>2030-01-07T08:00:00</v:StartMoedetidsinterval><v:SlutMoedetidsinterval>2030-01-08T08:00:00</v:SlutMoedetidsinterval><v:SagsbehandlerEksterntId>\(String(repeating: "x", count: 256))</v:SagsbehandlerEksterntId>"
        await expectRefused(try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: anna, content: tooLong)), gateway, because: "schema")
        let longText = "<v:Fejlkode>1</v:Fejlkode><v:Fejltekst>\(String(repeating: "æ", count: 501))</v:Fejltekst><v:FejlOphav>32</v:FejlOphav><v:FejlTidspunkt>2026-11-20T10:00:00</v:FejlTidspunkt>"
        await expectRefused(try await gateway.post(SOAP.operation("CreateFejlmelding", cpr: anna, content: longText)), gateway, because: "schema")
        // ST's 1014 carries STAR's new code 99000.
        let answer = try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: anna, content: badGuid))
        #expect(answer.nyFejlkode == 99000)
        // The validator's message reaches the mapping log, the CPR only masked.
        #expect(gateway.logLines.allSatisfy { !$0.contains(anna) })
    }
}

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
        try await simulator.start()
        defer { Task { await simulator.stop() } }
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

    @Test func everyLeafOfEveryRequestRefusesATenThousandCharacterValue() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
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
