import Foundation
import GatewayFuzzing
import Testing

/// The inputs the fuzzer once broke something with, and a few hostile shapes, through the same
/// harness libFuzzer drives (Tests/Fuzz/README.md).
@Suite struct FuzzRegressionTests {
    static let directory = repositoryRoot + "/Tests/Fuzz/regressions"

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func everyRegressionInputKeepsTheInvariants() throws {
        let harness = try FuzzHarness(repositoryRoot: repositoryRoot)
        for name in Self.inputs {
            let input = Array(try Data(contentsOf: URL(fileURLWithPath: "\(Self.directory)/\(name)")))
            #expect(harness.check(input) == nil, "\(name)")
        }
    }

    /// libxml2 prints some errors (a failed encoding conversion) to stderr through a per-thread handler:
    /// found by the fuzzer's output. Nothing a caller sent may reach stderr.
    @Test func aFailedEncodingConversionPrintsNothing() async throws {
        let binary = repositoryRoot + "/.build/debug/jobnet-gateway-fuzz"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "make test builds it")
        let input = Self.directory + "/encoding-error-to-stderr"
        let (status, output) = try await run(binary, ["run", input])
        #expect(status == 0)
        #expect(output == "ok   \(input)\n")
    }

    @Test func theHarnessCatchesABrokenInvariant() throws {
        let harness = try FuzzHarness(repositoryRoot: repositoryRoot)
        // A plain request passes; the harness reads the answer it checks (a fault for a bad CPR).
        let request = Array("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:v=\"urn:dk:jobnet-gateway:JobnetCitizenStatusService:v10\"><s:Header><v:PersonCivilRegistrationIdentifier>0101901111</v:PersonCivilRegistrationIdentifier></s:Header><s:Body><v:GetBorgerstatus/></s:Body></s:Envelope>".utf8)
        #expect(harness.check([0] + request) == nil)
        #expect(harness.answer([0] + request).status == 200)
        #expect(harness.answer([0x08] + Array("junk".utf8)).status == 500)
        #expect(harness.check([]) == nil)
    }
}
