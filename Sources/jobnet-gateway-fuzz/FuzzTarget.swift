import Foundation
import Gateway
import GatewayFuzzing

/// libFuzzer's entry point (`make fuzz` builds this target with `-sanitize=fuzzer -DFUZZING`): each
/// input runs through the whole request path; a broken invariant stops the fuzzer with the input saved.
let harness: FuzzHarness = {
    let root = ProcessInfo.processInfo.environment["JOBNET_GATEWAY_ROOT"] ?? FileManager.default.currentDirectoryPath
    do {
        return try FuzzHarness(repositoryRoot: root)
    } catch {
        fatalError("run from the repository root (or set JOBNET_GATEWAY_ROOT): \(error)")
    }
}()

/// libFuzzer's driver (SwiftPM gives every executable a `<module>_main`, so libFuzzer's own `main` is
/// not the one that runs: ours hands over to this). Only referenced, and so only linked, under FUZZING.
@_extern(c, "LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let broken = harness.check(input) { fatalError("invariant broken: \(broken)") }
    return 0
}

/// Under `make fuzz` (`-DFUZZING`), hands over to libFuzzer's driver with the command line. Without
/// it: `seeds FIXTURES OUT` writes the fixture requests (templates expanded, a first byte for
/// text/xml) as a seed corpus; `run FILE...` runs inputs through the harness and reports.
@main
struct FuzzTool {
    static func main() throws {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
        #else
        let arguments = CommandLine.arguments.dropFirst()
        switch arguments.first {
        case "seeds":
            let list = Array(arguments.dropFirst())
            guard list.count == 2 else { fatalError("seeds FIXTURES OUT") }
            try FileManager.default.createDirectory(atPath: list[1], withIntermediateDirectories: true)
            let fixtures = try FixtureReplay.fixtures(in: [list[0]])
            for (index, fixture) in fixtures.enumerated() {
                let request = FixtureTemplate.expand(try String(contentsOfFile: fixture.requestPath, encoding: .utf8))
                let selector: UInt8 = request.contains("http://www.w3.org/2003/05/soap-envelope") ? 1 : 0
                try Data([selector] + Array(request.utf8)).write(to: URL(fileURLWithPath: "\(list[1])/seed-\(index)"))
            }
            print("\(fixtures.count) seeds in \(list[1])")
        case "run":
            var failed = 0
            for path in arguments.dropFirst() {
                let input = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                let broken = harness.check(input)
                print("\(broken == nil ? "ok  " : "FAIL") \(path)\(broken.map { ": \($0)" } ?? "")")
                if broken != nil { failed += 1 }
            }
            if failed > 0 { exit(1) }
        default:
            print("jobnet-gateway-fuzz seeds FIXTURES OUT | run FILE...   (make fuzz runs the libFuzzer build)")
        }
        #endif
    }
}
