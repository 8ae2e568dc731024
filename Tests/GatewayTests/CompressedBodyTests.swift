import CompressNIO
import Foundation
@testable import Gateway
import Hummingbird
@testable import PlannerSimulator
import Testing

/// Request bodies sent compressed (CXF's GZIP feature, Axis2): gzip and deflate are inflated within the
/// body limit, a decompression bomb is 413, a body that does not inflate 400, any other encoding 415.
@Suite struct CompressedBodyTests {
    static let request = SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna)

    static func compressed(_ text: String, _ algorithm: CompressionAlgorithm) throws -> [UInt8] {
        var buffer = ByteBuffer(string: text)
        let compressed = try buffer.compress(with: algorithm)
        return Array(compressed.readableBytesView)
    }

    @Test func gzipAndDeflateBodiesAreAnswered() async throws {
        try await withTestGateway { gateway async throws in
            for (name, algorithm) in [("gzip", CompressionAlgorithm.gzip()), ("deflate", .zlib())] {
                let answer = try await gateway.post(try Self.compressed(Self.request, algorithm), headers: ["Content-Encoding": name])
                #expect(answer.status == 200, "\(name): \(answer.body)")
                #expect(answer.value(of: "KanSelvbooke") == "true")
            }
        }
    }

    @Test func aBombAnUnknownEncodingAndACorruptBodyAreRefused() async throws {
        try await withTestGateway(configure: { $0.maximumBodyBytes = 64 * 1024 }) { gateway async throws in
            // Small on the wire, a megabyte inflated: past the 64 KiB limit.
            let padding = String(repeating: " ", count: 1 << 20)
            let bomb = try Self.compressed(Self.request.replacingOccurrences(of: "<s:Body>", with: "<s:Body>" + padding), .gzip())
            #expect(bomb.count < 64 * 1024)
            #expect(try await gateway.post(bomb, headers: ["Content-Encoding": "gzip"]).status == 413)
            #expect(try await gateway.post(Array(Self.request.utf8), headers: ["Content-Encoding": "br"]).status == 415)
            #expect(try await gateway.post(Array("not gzip at all".utf8), headers: ["Content-Encoding": "gzip"]).status == 400)
            #expect(await gateway.state.calls.isEmpty)
        }
    }
}
