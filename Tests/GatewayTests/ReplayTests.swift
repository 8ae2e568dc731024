import Foundation
@testable import Gateway
import Jobnet
import PlannerSimulator
import SOAP
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What operators and testers run: `replay`, /metrics, /ready, SIGHUP reloads, `--print-config`.
@Suite struct ReplayTests {
    static let binary = repositoryRoot + "/.build/debug/jobnet-gateway"

    @Test func everyFixtureReplaysAgainstOneGatewayOnTheDemoData() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let fixtures = try FixtureReplay.fixtures(in: [FixtureTests.directory])
            #expect(fixtures.count == FixtureTests.fixtures.count)
            let replay = FixtureReplay(url: gateway.url)
            for fixture in fixtures {
                let outcome = await replay.run(fixture)
                #expect(outcome.passed, "\(outcome.report)")
            }
        }
    }

    @Test func theReplayCommandFailsAnAlteredFixtureWithAReadableDiffAndExitsNonZero() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "make test builds the executable first")
        try await withHTTPTestGateway { gateway async throws in
            let directory = NSTemporaryDirectory() + "jobnet-gateway-replay-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let source = FixtureTests.directory + "/GetBorgerstatus/"
            for name in ["ok", "1010-unknown-cpr"] {
                for suffix in [".request.xml", ".response.xml"] {
                    try FileManager.default.copyItem(atPath: source + name + suffix, toPath: "\(directory)/\(name)\(suffix)")
                }
            }
            let (passing, passingOutput) = try await run(Self.binary, ["replay", "--url", gateway.url, directory])
            #expect(passing == 0, "\(passingOutput)")
            #expect(passingOutput.contains("2 passed, 0 failed"))

            let altered = try String(contentsOfFile: directory + "/1010-unknown-cpr.response.xml", encoding: .utf8)
                .replacingOccurrences(of: "<tns:Fejlkode>1010</tns:Fejlkode>", with: "<tns:Fejlkode>1011</tns:Fejlkode>")
            try altered.write(toFile: directory + "/1010-unknown-cpr.response.xml", atomically: true, encoding: .utf8)
            let (status, output) = try await run(Self.binary, ["replay", "--url", gateway.url, directory])
            #expect(status == 1)
            #expect(output.contains("FAIL \(directory)/1010-unknown-cpr"))
            #expect(output.contains("PASS \(directory)/ok"))
            #expect(output.contains("/Envelope/Body/Fault/detail/Fejl/Fejlkode: expected \"1011\", got \"1010\""))
            #expect(output.contains("-           Fejlkode: 1011"))
            #expect(output.contains("+           Fejlkode: 1010"))
            #expect(output.contains("1 passed, 1 failed"))

            // --junit: the same result as JUnit XML that Jenkins' schema accepts, a test case per fixture.
            let report = directory + "/replay.junit.xml"
            let (junitStatus, _) = try await run(Self.binary, ["replay", "--url", gateway.url, "--junit", report, directory])
            #expect(junitStatus == 1)
            try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint"), "make test installs libxml2-utils")
            let (valid, validation) = try await run("/usr/bin/xmllint", [
                "--noout", "--schema", repositoryRoot + "/Tests/Tools/junit/junit-10.xsd", report])
            #expect(valid == 0, "\(validation)")
            let junit = try XMLParser().parse(Array(try String(contentsOfFile: report, encoding: .utf8).utf8)).root
            func all(_ name: String, in node: XMLNode) -> [XMLNode] {
                (node.localName == name ? [node] : []) + node.children.flatMap { all(name, in: $0) }
            }
            let cases = all("testcase", in: junit)
            #expect(Set(cases.compactMap { $0.attributes.first { $0.localName == "name" }?.value }) == ["ok", "1010-unknown-cpr"])
            let failed = cases.filter { !all("failure", in: $0).isEmpty }
            #expect(failed.map { $0.attributes.first { $0.localName == "name" }?.value } == ["1010-unknown-cpr"])
            #expect(all("failure", in: junit).first?.text.contains("expected \"1011\", got \"1010\"") == true)
            #expect(junit.attributes.first { $0.localName == "failures" }?.value == "1")

            // --record writes the actual answer back, and the fixture passes again.
            let (recorded, _) = try await run(Self.binary, ["replay", "--url", gateway.url, "--record", directory + "/1010-unknown-cpr.request.xml"])
            #expect(recorded == 0)
            #expect(try String(contentsOfFile: directory + "/1010-unknown-cpr.response.xml", encoding: .utf8).contains("<tns:Fejlkode>1010</tns:Fejlkode>"))
        }
    }

    @Test func theTreeDiffShowsWhereTheTreesPart() throws {
        let expected = try XMLParser().parse(Array("<a><b>1</b><c>{{guid}}</c><d>x</d></a>".utf8)).root
        let actual = try XMLParser().parse(Array("<a><b>1</b><c>6a15356d-d29d-4ec0-acdd-e86fdf5aa3ac</c><d>y</d></a>".utf8)).root
        let diff = XMLTreeDiff.render(expected: expected, actual: actual, context: 1)
        #expect(diff == "  …\n    c: 6a15356d-d29d-4ec0-acdd-e86fdf5aa3ac\n-   d: x\n+   d: y", "\(diff)")
        #expect(XMLTreeDiff.render(expected: actual, actual: actual).isEmpty)
    }
}
