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
        try await withTestGateway { gateway async throws in
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
}
