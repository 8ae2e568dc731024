import Foundation
import Gateway
import SOAP
import Testing

/// Every request/response pair under Tests/Fixtures/, each against a fresh gateway on the demo data.
/// `JOBNET_GATEWAY_RECORD_FIXTURES=1 swift test --filter FixtureTests` writes the expected responses anew.
@Suite struct FixtureTests {
    static let directory = repositoryRoot + "/Tests/Fixtures"

    static var fixtures: [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".request.xml") { found.append(String(path.dropLast(".request.xml".count))) }
        }
        return found.sorted()
    }

    @Test func thereIsAFixtureForEverySuccessPathAndCodeOfTheBuiltOperations() {
        let names = Set(Self.fixtures)
        for expected in [
            "GetSelvbookingMoedetider/ok", "GetSelvbookingMoedetider/4783-window-in-the-past", "GetSelvbookingMoedetider/8108-expired-offer",
            "GetSelvbookingMoedetider/4770-no-free-time", "GetSelvbookingMoedetider/8111-unknown-cpr", "CreateSelvbooking/ok",
            "CreateSelvbooking/ok-chosen-caseworker", "CreateSelvbooking/4819-time-not-free", "CreateSelvbooking/9003-caseworker-not-allowed",
            "GetStraksbookingMoedetider/ok", "StraksbookOgTilmeld/ok", "StraksbookOgTilmeld/4338-enrollment-date-too-old",
        ] {
            #expect(names.contains(expected), "\(expected)")
        }
        #expect(names.count >= 30)
    }

    @Test(arguments: fixtures)
    func theGatewayAnswersAsTheFixtureExpects(_ fixture: String) async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        let template = try String(contentsOfFile: "\(Self.directory)/\(fixture).request.xml", encoding: .utf8)
        let answer = try await gateway.post(FixtureTemplate.expand(template))
        let expectedPath = "\(Self.directory)/\(fixture).response.xml"
        if ProcessInfo.processInfo.environment["JOBNET_GATEWAY_RECORD_FIXTURES"] == "1" {
            try FixtureWriter.expected(from: answer.body).write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try XMLParser().parse(Array(try String(contentsOfFile: expectedPath, encoding: .utf8).utf8)).root
        let actual = try XMLParser().parse(Array(answer.body.utf8)).root
        let differences = XMLComparison.differences(expected: expected, actual: actual)
        #expect(differences.isEmpty, "\(fixture):\n\(differences.joined(separator: "\n"))")
        // A fault answer is HTTP 500, a result 200.
        #expect(answer.status == (fixture.contains("/ok") ? 200 : 500), "\(fixture)")
    }
}

/// The canonical comparison the fixtures rely on.
@Suite struct XMLComparisonTests {
    func tree(_ xml: String) throws -> XMLNode { try XMLParser().parse(Array(xml.utf8)).root }

    @Test func prefixesWhitespaceAndAttributeOrderDoNotMatterButValuesDo() throws {
        let expected = try tree("<a:x xmlns:a=\"urn:t\" p=\"1\" q=\"2\">\n  <a:y>{{guid}}</a:y>\n  <a:z>5</a:z>\n</a:x>")
        let same = try tree("<b:x xmlns:b=\"urn:t\" q=\"2\" p=\"1\"><b:y>6a15356d-d29d-4ec0-acdd-e86fdf5aa3ac</b:y><b:z>5</b:z></b:x>")
        #expect(XMLComparison.differences(expected: expected, actual: same).isEmpty)
        let changed = try tree("<b:x xmlns:b=\"urn:t\" q=\"2\" p=\"1\"><b:y>6a15356d-d29d-4ec0-acdd-e86fdf5aa3ac</b:y><b:z>6</b:z></b:x>")
        #expect(XMLComparison.differences(expected: expected, actual: changed) == ["/x/z: expected \"5\", got \"6\""])
        let notAGuid = try tree("<b:x xmlns:b=\"urn:t\" q=\"2\" p=\"1\"><b:y>42</b:y><b:z>5</b:z></b:x>")
        #expect(XMLComparison.differences(expected: expected, actual: notAGuid).count == 1)
        let otherNamespace = try tree("<b:x xmlns:b=\"urn:other\" q=\"2\" p=\"1\"><b:y>42</b:y><b:z>5</b:z></b:x>")
        #expect(!XMLComparison.differences(expected: expected, actual: otherNamespace).isEmpty)
        let missing = try tree("<b:x xmlns:b=\"urn:t\" q=\"2\" p=\"1\"><b:y>6a15356d-d29d-4ec0-acdd-e86fdf5aa3ac</b:y></b:x>")
        #expect(XMLComparison.differences(expected: expected, actual: missing) == ["/x: the expected element z is missing"])
    }

    @Test func anAlteredExpectedFixtureFails() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        let directory = FixtureTests.directory + "/GetBorgerstatus"
        let answer = try await gateway.post(try String(contentsOfFile: directory + "/1010-unknown-cpr.request.xml", encoding: .utf8))
        let altered = try String(contentsOfFile: directory + "/1010-unknown-cpr.response.xml", encoding: .utf8)
            .replacingOccurrences(of: "<tns:Fejlkode>1010</tns:Fejlkode>", with: "<tns:Fejlkode>1011</tns:Fejlkode>")
        let differences = XMLComparison.differences(expected: try tree(altered), actual: try tree(answer.body))
        #expect(differences == ["/Envelope/Body/Fault/detail/Fejl/Fejlkode: expected \"1011\", got \"1010\""])
    }
}
