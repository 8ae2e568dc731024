import Foundation
import Gateway
import Jobnet
import PlannerSimulator
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Slow and idle clients cannot hold the gateway: 800 connections that sent half a request head are
/// closed by the idle timeout while normal calls are served, connections beyond the cap are closed at
/// once, and the process's memory comes back.
@Suite struct SlowClientTests {
    /// A TCP connection to the gateway that sends `text` and then nothing.
    static func halfOpen(port: Int, sending text: String) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        _ = text.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        return fd
    }

    /// Whether the gateway has closed the connection (a read sees the end, or a reset).
    static func isClosedByPeer(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        let read = recv(fd, &byte, 1, 0)
        if read == 0 { return true }
        return read < 0 && errno != EAGAIN && errno != EWOULDBLOCK
    }

    /// Waits until every connection is closed by the gateway, or `seconds` pass; the ones still open.
    static func stillOpen(_ fds: [Int32], within seconds: Double) async -> [Int32] {
        var open = fds
        let deadline = Date().addingTimeInterval(seconds)
        while !open.isEmpty && Date() < deadline {
            open.removeAll(where: isClosedByPeer)
            if !open.isEmpty { try? await Task.sleep(for: .milliseconds(50)) }
        }
        return open
    }

    static func startGateway(_ simulator: PlannerSimulatorServer, _ extra: [String]) async throws -> GatewayProcess {
        try await GatewayProcess.start(ReplayTests.binary, [
            "serve", "--port", "0", "--planner", await simulator.baseURL,
            "--database", NSTemporaryDirectory() + "jobnet-gateway-slow-\(UUID().uuidString).sqlite",
            "--root-department-id", DemoData.rootDepartmentId.uuidString, "--microsite-id", DemoData.micrositeId.uuidString,
            "--mappings", repositoryRoot + "/Mappings", "--wsdl", repositoryRoot + "/Wsdl",
        ] + extra, environment: [:])
    }

    static let halfAHead = "POST /JobnetCitizenStatusService HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nX-Slow: "

    static func served(_ gateway: GatewayProcess) async -> Bool {
        let request = SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna)
        return ((try? await GatewayProcess.post(request, port: gateway.port)) ?? "").contains("KanSelvbooke")
    }

    @Test func halfSentRequestsAreClosedByTheIdleTimeoutWhileCallsAreServed() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ReplayTests.binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        try await withRunningSimulator(simulator) {
            let gateway = try await Self.startGateway(simulator, ["--idle-timeout-ms", "2000"])
            defer { gateway.kill() }
            for _ in 0..<20 { #expect(await Self.served(gateway)) }
            let baseline = HostileInputProcessTests.residentKilobytes(gateway.process.processIdentifier)
            // 800 slowloris connections: half a request head each, then silence.
            let slow = (0..<800).compactMap { _ in Self.halfOpen(port: gateway.port, sending: Self.halfAHead) }
            defer { slow.forEach { close($0) } }
            #expect(slow.count == 800)
            // Calls are still served while they hang on.
            #expect(await Self.served(gateway))
            // The idle timeout closes them (2 s, with slack for a loaded machine).
            let open = await Self.stillOpen(slow, within: 10)
            #expect(open.isEmpty, "\(open.count) of 800 half-sent requests still open")
            #expect(await Self.served(gateway))
            for _ in 0..<20 { _ = await Self.served(gateway) }
            let after = HostileInputProcessTests.residentKilobytes(gateway.process.processIdentifier)
            #expect(after < baseline + 32 * 1024, "resident \(baseline) kB before, \(after) kB after")
        }
    }

    @Test func connectionsBeyondTheCapAreClosedAtOnce() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ReplayTests.binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        try await withRunningSimulator(simulator) {
            // A timeout far off: only the cap can close anything here.
            let gateway = try await Self.startGateway(simulator, ["--idle-timeout-ms", "60000", "--max-connections", "50"])
            defer { gateway.kill() }
            let held = (0..<60).compactMap { _ in Self.halfOpen(port: gateway.port, sending: Self.halfAHead) }
            #expect(held.count == 60)
            let open = await Self.stillOpen(held, within: 2)
            #expect(open.count == 50, "\(60 - open.count) of 60 closed, the cap is 50")
            // Room again once they go; /metrics counted those refused.
            held.forEach { close($0) }
            try await waitUntil { await Self.served(gateway) }
            let metrics = MetricsAndReadinessTests.samples(try await GatewayProcess.get("/metrics", port: gateway.port))
            // The ten, and any call of `served` that came before the gateway saw the closes.
            #expect((metrics["jobnet_connections_dropped_total{reason=\"over_limit\"}"] ?? 0) >= 10)
            #expect(metrics["jobnet_connections_dropped_total{reason=\"slow_body\"}"] == 0)
        }
    }

    /// A body that trickles in (a byte at a time, each inside the idle timeout) is cut off by the rate floor
    /// once the grace is over, while a body at a normal pace is served.
    @Test func aBodyBelowTheRateFloorIsCutOff() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ReplayTests.binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        try await withRunningSimulator(simulator) {
            let gateway = try await Self.startGateway(simulator, ["--idle-timeout-ms", "1000", "--min-body-rate", "200"])
            defer { gateway.kill() }
            let head = "POST /JobnetCitizenStatusService HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\n\r\n<"
            let trickling = try #require(Self.halfOpen(port: gateway.port, sending: head))
            defer { close(trickling) }
            // Five bytes a second, each well inside the idle timeout: only the floor (200 B/s after 1 s) ends it.
            var closed = false
            let started = Date()
            while !closed && Date().timeIntervalSince(started) < 10 {
                try await Task.sleep(for: .milliseconds(200))
                _ = send(trickling, "x", 1, Int32(MSG_NOSIGNAL))
                closed = Self.isClosedByPeer(trickling)
            }
            #expect(closed, "a body at 5 B/s still open after 10 s")
            #expect(await Self.served(gateway))
            let metrics = MetricsAndReadinessTests.samples(try await GatewayProcess.get("/metrics", port: gateway.port))
            #expect(metrics["jobnet_connections_dropped_total{reason=\"slow_body\"}"] == 1)
            #expect(metrics["jobnet_connections_open"] ?? 0 >= 1)
        }
    }
}
