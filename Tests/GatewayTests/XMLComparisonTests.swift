import Foundation
import Gateway
import SOAP
import Testing

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
        try await withTestGateway { gateway async throws in
            let directory = FixtureTests.directory + "/GetBorgerstatus"
            let answer = try await gateway.post(try String(contentsOfFile: directory + "/1010-unknown-cpr.request.xml", encoding: .utf8))
            let altered = try String(contentsOfFile: directory + "/1010-unknown-cpr.response.xml", encoding: .utf8)
                .replacingOccurrences(of: "<tns:Fejlkode>1010</tns:Fejlkode>", with: "<tns:Fejlkode>1011</tns:Fejlkode>")
            let differences = XMLComparison.differences(expected: try tree(altered), actual: try tree(answer.body))
            #expect(differences == ["/Envelope/Body/Fault/detail/Fejl/Fejlkode: expected \"1011\", got \"1010\""])
        }
    }
}
