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
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        let fixtures = try FixtureReplay.fixtures(in: [FixtureTests.directory])
        #expect(fixtures.count == FixtureTests.fixtures.count)
        let replay = FixtureReplay(url: gateway.url)
        for fixture in fixtures {
            let outcome = await replay.run(fixture)
            #expect(outcome.passed, "\(outcome.report)")
        }
    }

    @Test func theReplayCommandFailsAnAlteredFixtureWithAReadableDiffAndExitsNonZero() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "make test builds the executable first")
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
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

        // --record writes the actual answer back, and the fixture passes again.
        let (recorded, _) = try await run(Self.binary, ["replay", "--url", gateway.url, "--record", directory + "/1010-unknown-cpr.request.xml"])
        #expect(recorded == 0)
        #expect(try String(contentsOfFile: directory + "/1010-unknown-cpr.response.xml", encoding: .utf8).contains("<tns:Fejlkode>1010</tns:Fejlkode>"))
    }

    @Test func theTreeDiffShowsWhereTheTreesPart() throws {
        let expected = try XMLParser().parse(Array("<a><b>1</b><c>{{guid}}</c><d>x</d></a>".utf8)).root
        let actual = try XMLParser().parse(Array("<a><b>1</b><c>6a15356d-d29d-4ec0-acdd-e86fdf5aa3ac</c><d>y</d></a>".utf8)).root
        let diff = XMLTreeDiff.render(expected: expected, actual: actual, context: 1)
        #expect(diff == "  …\n    c: 6a15356d-d29d-4ec0-acdd-e86fdf5aa3ac\n-   d: x\n+   d: y", "\(diff)")
        #expect(XMLTreeDiff.render(expected: actual, actual: actual).isEmpty)
    }
}

@Suite struct MetricsAndReadinessTests {
    /// The Prometheus text as `name{labels}` → value (labels as written).
    static func samples(_ text: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            result[String(line[..<space])] = value
        }
        return result
    }

    @Test func metricsCountRequestsByOperationAndOutcomeAndTimePlannerRoutes() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        let first = try await gateway.get("/metrics")
        #expect(first.status == 200)
        #expect(first.headers["content-type"]?.hasPrefix("text/plain") == true)
        let before = Self.samples(first.body)
        #expect(before["jobnet_ledger_bookings"] == 0)
        #expect(before["jobnet_planner_ready"] == 1)

        let start = try await CreateSelvbookingTests.freeTime(gateway)
        _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
        _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
        _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.unknown))
        _ = try await gateway.post("not xml")
        _ = try await gateway.post(CreateSelvbookingTests.request(start: start))
        let text = try await gateway.get("/metrics").body
        let after = Self.samples(text)
        #expect(after["jobnet_requests_total{operation=\"GetBorgerstatus\",outcome=\"ok\"}"] == 2)
        #expect(after["jobnet_requests_total{operation=\"GetBorgerstatus\",outcome=\"1010\"}"] == 1)
        #expect(after["jobnet_requests_total{operation=\"unknown\",outcome=\"1014\"}"] == 1)
        #expect(after["jobnet_requests_total{operation=\"CreateSelvbooking\",outcome=\"ok\"}"] == 1)
        #expect(after["jobnet_request_duration_seconds_count{operation=\"GetBorgerstatus\"}"] == 3)
        #expect(after["planner_call_duration_seconds_count{route=\"PersonByCpr\"}"] == 4)
        #expect((after["planner_call_duration_seconds_sum{route=\"PersonByCpr\"}"] ?? 0) > 0)
        #expect(after["planner_call_duration_seconds_count{route=\"MakeBooking\"}"] == 1)
        #expect(after["planner_failures_total{route=\"PersonByCpr\",class=\"not_found\"}"] == 1)
        #expect(after["jobnet_ledger_bookings"] == 1)
        // No CPR, whole or masked, in any label.
        for cpr in [DemoData.Citizen.anna, DemoData.Citizen.unknown, "010190", "040490"] { #expect(!text.contains(cpr)) }

        // A Planner that is down shows as failures by class.
        await gateway.simulator.stop()
        _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
        let down = Self.samples(try await gateway.get("/metrics").body)
        #expect(down["planner_failures_total{route=\"PersonByCpr\",class=\"unreachable\"}"] == 1)
        #expect(down["jobnet_requests_total{operation=\"GetBorgerstatus\",outcome=\"4769\"}"] == 1)
    }

    @Test func readyTurns503WhenPlannerStopsAndBackTo200WhenItReturnsWithoutAnyJobnetCall() async throws {
        let gateway = try await TestGateway.start()
        defer { Task { await gateway.stop() } }
        let ready = try await gateway.get("/ready")
        #expect(ready.status == 200)
        #expect(ready.body.contains("mappings: generation 1"))
        await gateway.simulator.stop()
        try await Task.sleep(for: .milliseconds(Int(PlannerHealth.probeAfter * 1000) + 100))
        let down = try await gateway.get("/ready")
        #expect(down.status == 503)
        #expect(down.body.hasPrefix("not ready: Planner does not answer"))
        #expect(Self.samples(try await gateway.get("/metrics").body)["jobnet_planner_ready"] == 0)
        try await gateway.simulator.start()
        #expect(try await gateway.get("/ready").status == 200)
    }
}

@Suite struct MappingReloadTests {
    static let binary = repositoryRoot + "/.build/debug/jobnet-gateway"

    /// A copy of Mappings/ to change: by default the one the HTTP tests' simulator needs.
    static func copyOfTheMappings(from source: String = testMappingsDirectory) throws -> String {
        let directory = NSTemporaryDirectory() + "jobnet-gateway-mappings-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: source, toPath: directory)
        return directory
    }

    static func duration(_ body: String) -> String? {
        HTTPAnswer(status: 200, body: body, headers: [:]).value(of: "MeetingDurationMinutes")
    }

    @Test func aBrokenMappingIsRefusedAndAGoodOneTakesEffectWithoutDroppingARequest() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        try await simulator.start()
        defer { Task { await simulator.stop() } }
        let mappings = try Self.copyOfTheMappings(from: repositoryRoot + "/Mappings")   // its own demo simulator
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        let offers = mappings + "/offers.yaml"
        let original = try String(contentsOfFile: offers, encoding: .utf8)
        let database = NSTemporaryDirectory() + "jobnet-gateway-reload-\(UUID().uuidString).sqlite"
        let gateway = try await GatewayProcess.start(Self.binary, [
            "serve", "--port", "0", "--planner", await simulator.baseURL, "--database", database,
            "--root-department-id", DemoData.rootDepartmentId.uuidString, "--microsite-id", DemoData.micrositeId.uuidString,
            "--mappings", mappings, "--wsdl", repositoryRoot + "/Wsdl",
        ], environment: [:])
        defer { gateway.kill() }
        let request = SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.anna)

        // Jobnet keeps calling the whole time; every call must be answered, before, during and after.
        let answers = Lines()
        let load = Task {
            while !Task.isCancelled {
                let body = (try? await GatewayProcess.post(request, port: gateway.port)) ?? "no answer"
                if Task.isCancelled { break }   // the last call, cut off by the test itself
                answers.append(Self.duration(body) ?? "failed: \(body.prefix(300))")
            }
        }
        try await waitUntil { answers.all.count >= 5 }
        #expect(Set(answers.all) == ["30"])

        // A broken file: refused, the old mappings keep serving, and the log says why (file and line).
        try original.replacingOccurrences(of: "  durationMinutes: 30\n", with: "  durationMinutes: 99999\n")
            .write(toFile: offers, atomically: true, encoding: .utf8)
        gateway.signal(SIGHUP)
        try await waitUntil { gateway.logLines.contains { $0.contains("mappings-refused") } }
        let refusal = try #require(gateway.logLines.compactMap(MappingLogEvent.init(jsonLine:)).first { $0.event == "mappings-refused" })
        #expect(refusal.message.contains("offers.yaml:"))
        #expect(refusal.message.contains("generation 1 stays in force"))
        let countAtRefusal = answers.all.count
        try await waitUntil { answers.all.count >= countAtRefusal + 5 }
        #expect(Set(answers.all) == ["30"])
        let ready = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(gateway.port)/ready")!)
        #expect(String(decoding: ready.0, as: UTF8.self).contains("the last reload was refused"))

        // A good file: taken, and the next calls get the new mapping.
        try original.replacingOccurrences(of: "  durationMinutes: 30\n", with: "  durationMinutes: 45\n")
            .write(toFile: offers, atomically: true, encoding: .utf8)
        gateway.signal(SIGHUP)
        try await waitUntil { answers.all.last == "45" }
        let countAtReload = answers.all.count
        try await waitUntil { answers.all.count >= countAtReload + 5 }
        load.cancel()
        _ = await load.result
        let seen = answers.all
        #expect(seen.allSatisfy { $0 == "30" || $0 == "45" }, "\(seen.filter { $0 != "30" && $0 != "45" })")
        #expect(seen.firstIndex(of: "45").map { seen[$0...].allSatisfy { $0 == "45" } } == true)
        #expect(gateway.logLines.compactMap(MappingLogEvent.init(jsonLine:)).contains {
            $0.event == "mappings-reloaded" && $0.message.contains("generation 2")
        })
        let metrics = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(gateway.port)/metrics")!)
        let samples = MetricsAndReadinessTests.samples(String(decoding: metrics.0, as: UTF8.self))
        #expect(samples["jobnet_mapping_reloads_total{result=\"refused\"}"] == 1)
        #expect(samples["jobnet_mapping_reloads_total{result=\"reloaded\"}"] == 1)
        #expect(samples["jobnet_mappings_generation"] == 2)
    }
}

@Suite struct SettingsTests {
    @Test func flagsWinOverTheConfigFileWhichWinsOverTheEnvironmentAndSecretsAreMasked() throws {
        let file = NSTemporaryDirectory() + "jobnet-gateway-config-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "port: 9000\nhost: 0.0.0.0\nclient-key-password: hemmeligt\nlog-format: text\n".write(toFile: file, atomically: true, encoding: .utf8)
        let settings = try GatewaySettings(
            flags: ["port": "9100"], configFile: file,
            environment: ["JOBNET_GATEWAY_PORT": "9200", "JOBNET_GATEWAY_HOST": "10.0.0.1", "JOBNET_GATEWAY_MICROSITE_ID": "not-a-guid",
                          "JOBNET_GATEWAY_DATABASE": "/var/lib/jobnet/ledger.sqlite"])
        #expect(settings.resolved("port").value == "9100" && settings.resolved("port").source == .flag)
        #expect(settings.resolved("host").value == "0.0.0.0" && settings.resolved("host").source == .config)
        #expect(settings.resolved("database").source == .environment)
        #expect(settings.resolved("mappings").value == "Mappings" && settings.resolved("mappings").source == .default)
        let printed = settings.printable
        #expect(printed.contains("port: \"9100\"  # flag"))
        #expect(printed.contains("client-key-password: \"********\"  # config"))
        #expect(!printed.contains("hemmeligt"))
        // The printed form is itself a valid config file.
        let reprinted = NSTemporaryDirectory() + "jobnet-gateway-config-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: reprinted) }
        try printed.write(toFile: reprinted, atomically: true, encoding: .utf8)
        #expect(try GatewaySettings(configFile: reprinted, environment: [:]).value("port") == "9100")
        // A bad value is refused with its name and source, not silently replaced by a default.
        #expect(throws: SettingsError.self) { try GatewayConfiguration(settings: settings, plannerURL: "http://127.0.0.1:1/") }
        do {
            _ = try GatewayConfiguration(settings: settings, plannerURL: "http://127.0.0.1:1/")
        } catch {
            #expect(error.description == "microsite-id: not-a-guid (from the environment) is not a GUID")
        }
        // An unknown key in the config file is an error with its line.
        try "port: 9000\nprot: 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: MappingFileError.self) { try GatewaySettings(configFile: file, environment: [:]) }
    }

    @Test func printConfigShowsTheEffectiveSettings() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ReplayTests.binary), "make test builds the executable first")
        let (status, output) = try await run(ReplayTests.binary, ["serve", "--print-config", "--port", "8123", "--client-key-password", "x1y2"])
        #expect(status == 0)
        #expect(output.contains("port: \"8123\"  # flag"))
        #expect(output.contains("client-key-password: \"********\""))
        #expect(!output.contains("x1y2"))
    }
}

@Suite struct ShutdownTests {
    @Test func sigtermFinishesTheCallsInFlightRefusesNewOnesAndClosesTheLedger() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ReplayTests.binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        try await simulator.start()
        defer { Task { await simulator.stop() } }
        let database = NSTemporaryDirectory() + "jobnet-gateway-shutdown-\(UUID().uuidString).sqlite"
        let gateway = try await GatewayProcess.start(ReplayTests.binary, [
            "serve", "--port", "0", "--planner", await simulator.baseURL, "--database", database,
            "--root-department-id", DemoData.rootDepartmentId.uuidString, "--microsite-id", DemoData.micrositeId.uuidString,
            "--mappings", repositoryRoot + "/Mappings", "--wsdl", repositoryRoot + "/Wsdl",
        ], environment: [:])
        defer { gateway.kill() }
        let port = gateway.port
        // A call that is with Planner for a second when SIGTERM arrives.
        await simulator.state.inject(.slow(milliseconds: 1_000), into: .getMicrositeCategories)
        let inFlight = Task { try await GatewayProcess.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.anna), port: port) }
        try await waitUntil { await simulator.state.calls.contains(.getMicrositeCategories) }
        gateway.signal(SIGTERM)
        try await Task.sleep(for: .milliseconds(200))
        // No new connection is accepted while the last call finishes.
        await #expect(throws: (any Error).self) {
            try await GatewayProcess.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna), port: port)
        }
        let answer = try await inFlight.value
        #expect(answer.contains("GetSelvbookingMoedetilbudResponse"), "\(answer.prefix(300))")
        #expect(await gateway.exitStatus(within: 10) == 0)
        let events = gateway.logLines.compactMap(MappingLogEvent.init(jsonLine:))
        #expect(events.contains { $0.event == "stopped" && $0.message.contains("the ledger is closed") })
        #expect(gateway.logLines.compactMap(MappingLogRecord.init(jsonLine:)).map(\.outcome) == ["ok"])
        // The ledger opens again, whole.
        #expect(try await Ledger(path: database).count() == 0)
    }
}
