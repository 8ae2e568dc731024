import Foundation
import PlannerSimulator
import Testing

/// /status as an operator's browser shows it: headless Chromium (Debian's `chromium`, which `make test`
/// installs) renders the page after a few calls; its screenshot has the page's size and content, and its
/// DOM names the calls and holds no CPR.
///
/// `JOBNET_GATEWAY_STATUS_SCREENSHOT=path` keeps the screenshot there (`make status-screenshot` writes
/// docs/images/status-page.png, shown in docs/operations.md).
@Suite struct StatusPageBrowserTests {
    static let chromium = which("chromium")

    /// The width and height of a PNG, from its IHDR chunk.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              bytes[12..<16] == Array("IHDR".utf8)[...] else { return nil }
        func big(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (big(16), big(20))
    }

    @Test(.enabled(if: chromium != nil, "make test installs chromium"))
    func chromiumRendersTheStatusPageWithDataAndNoCPR() async throws {
        try await withHTTPTestGateway { gateway async throws in
            // A morning in miniature: answers, a citizen Planner does not know, a request that is not XML,
            // and Planner failing one read (a Server fault).
            for _ in 0..<3 { _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna)) }
            _ = try await gateway.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.anna))
            _ = try await gateway.post(SOAP.operation("GetBookings", cpr: DemoData.Citizen.carla))
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.unknown))
            _ = try await gateway.post("not xml")
            await gateway.state.inject(.status(503), into: .getBookings)
            _ = try await gateway.post(SOAP.operation("GetBookings", cpr: DemoData.Citizen.bo))
            await gateway.state.inject(nil, into: .getBookings)
            let outcomes = Set(gateway.records.map(\.outcome))
            #expect(outcomes.contains("ok") && outcomes.contains("1010") && outcomes.contains("1014") && outcomes.count >= 4, "\(outcomes)")

            let work = NSTemporaryDirectory() + "jobnet-gateway-status-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: work) }
            let keep = ProcessInfo.processInfo.environment["JOBNET_GATEWAY_STATUS_SCREENSHOT"]
            let png = keep ?? work + "/status.png"
            let (status, output) = try await run(repositoryRoot + "/Tests/Tools/chromium/capture.sh", [
                "http://127.0.0.1:\(gateway.port)/status?refresh=0", work + "/dom.html", png, "1280", "2000",
            ])
            #expect(status == 0, "\(output)")

            let dom = try String(contentsOfFile: work + "/dom.html", encoding: .utf8)
            // The browser built the page: its sections, the operations called, their STAR codes, the chart.
            for section in ["readiness", "chart", "operations", "planner", "calls", "mappings"] {
                #expect(dom.contains("<section id=\"\(section)\">"), "\(section)")
            }
            #expect(dom.contains("id=\"ready\">READY<"))
            for text in ["GetBorgerstatus", "GetSelvbookingMoedetilbud", "GetBookings", "1010", "1014", "010190-xxxx", "<rect"] {
                #expect(dom.contains(text), "\(text)")
            }
            for record in gateway.records { #expect(dom.contains(record.correlationId)) }
            // No CPR anywhere in what the browser holds, in any of the demo citizens' forms.
            #expect(StatusPageTests.cprLike(dom).isEmpty, "\(StatusPageTests.cprLike(dom))")
            for cpr in [DemoData.Citizen.anna, DemoData.Citizen.bo, DemoData.Citizen.carla, DemoData.Citizen.unknown] {
                #expect(!dom.contains(cpr) && !dom.contains(cpr.prefix(6) + "-" + cpr.suffix(4)))
            }

            // The screenshot is the window's size and not a blank page (a blank one compresses to a few KB).
            let image = try Data(contentsOf: URL(fileURLWithPath: png))
            let size = try #require(Self.pngSize(image))
            #expect(size.width == 1280 && size.height == 2000)
            #expect(image.count > 60_000, "\(image.count) bytes")
        }
    }
}
