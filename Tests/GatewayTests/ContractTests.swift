import Foundation
import PlannerSimulator
import Testing

/// The served WSDL builds a working client in standard toolkits (zeep, suds, gSOAP, JAX-WS), and its schema resolves
/// over HTTP from the same server.
@Suite struct ContractTests {
    static let python = ProcessInfo.processInfo.environment["JOBNET_GATEWAY_TEST_PYTHON"]

    @Test func theWSDLIsServedWithItsAddressAndItsSchema() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let wsdl = try await gateway.get("/JobnetCitizenStatusService?wsdl")
            #expect(wsdl.status == 200)
            #expect(wsdl.body.contains("location=\"http://127.0.0.1:\(gateway.port)/JobnetCitizenStatusService\""))
            #expect(wsdl.body.components(separatedBy: "<wsdl:operation name=").count - 1 == 26)
            let schema = try await gateway.get("/JobnetCitizenStatusService.xsd")
            #expect(schema.status == 200)
            #expect(schema.body.contains("targetNamespace=\"\(SOAP.namespace)\""))
            let alias = try await gateway.get("/JobnetBookingService?wsdl")
            #expect(alias.body.contains("/JobnetBookingService\""))
        }
    }

    @Test(.enabled(if: python != nil, "make test provides zeep in a venv"))
    func zeepBuildsAClientFromTheServedWSDLAndCallsGetBorgerstatus() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let result = try await run(Self.python!, [
                repositoryRoot + "/Tests/Tools/zeep_client.py", "\(gateway.url)?wsdl", DemoData.Citizen.anna,
            ])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("operations 13 "), "\(result.output)")
            for operation in ["GetBorgerstatus", "GetSelvbookingMoedetilbud", "GetSelvbookingMoedetider", "CreateSelvbooking",
                              "CreateOmbooking", "DeleteBooking", "SaveIndkaldelsesaccept", "GetOmbookingSagsbehandlere",
                              "GetOmbookingMoedetider", "GetStraksbookingMoedetider", "GetBookings", "CreateFejlmelding",
                              "StraksbookOgTilmeld"] {
                #expect(result.output.contains(operation), "\(operation)")
            }
            #expect(result.output.contains("KanSelvbooke True"), "\(result.output)")
            #expect(result.output.contains("fault soap:Client Unknown cpr"), "\(result.output)")
            // The call zeep made went through the gateway with the header CPR.
            #expect(gateway.records.contains { $0.operation == "GetBorgerstatus" && $0.outcome == "ok" && $0.citizen == "010190-xxxx" })
        }
    }

    @Test(.enabled(if: python != nil, "make test provides suds-community in a venv"))
    func sudsBuildsAClientFromTheServedWSDLAndReadsAFaultsFejlkode() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let result = try await run(Self.python!, [
                repositoryRoot + "/Tests/Tools/suds_client.py", "\(gateway.url)?wsdl", DemoData.Citizen.anna,
            ])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("operations 13 "), "\(result.output)")
            #expect(result.output.contains("KanSelvbooke True"), "\(result.output)")
            #expect(result.output.contains("fault soap:Client Fejlkode 1010"), "\(result.output)")
            #expect(gateway.records.contains { $0.operation == "GetBorgerstatus" && $0.outcome == "ok" && $0.citizen == "010190-xxxx" })
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/wsdl2h"), "make test installs gsoap"))
    func gSOAPGeneratesACClientThatCallsGetBorgerstatusAndReadsAFaultsFejlkode() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let work = NSTemporaryDirectory() + "jobnet-gateway-gsoap-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: work) }
            let result = try await run("/bin/sh", [
                repositoryRoot + "/Tests/Tools/gsoap/run.sh", "\(gateway.url)?wsdl", gateway.url, DemoData.Citizen.anna, work,
            ])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("KanSelvbooke true"), "\(result.output)")
            #expect(result.output.contains("Fejlkode 1010"), "\(result.output)")
            #expect(gateway.records.contains { $0.operation == "GetBorgerstatus" && $0.outcome == "ok" && $0.citizen == "010190-xxxx" })
        }
    }

    /// JAX-WS both ways Wsdl/README.md gives: `wsimport -XadditionalHeaders` (the CPR a parameter of each
    /// method), and plain `wsimport` with the CPR as the HTTP header.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/wsimport"), "make test installs jaxws"))
    func jaxwsClientsCallGetBorgerstatusWithTheCPRAsHeaderParameterOrHTTPHeader() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let work = NSTemporaryDirectory() + "jobnet-gateway-jaxws-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: work) }
            let result = try await run("/bin/sh", [
                repositoryRoot + "/Tests/Tools/jaxws/run.sh", "\(gateway.url)?wsdl", gateway.url, DemoData.Citizen.anna,
                DemoData.Citizen.unknown, work,
            ])
            #expect(result.status == 0, "\(result.output)")
            for way in ["header parameter", "HTTP header"] {
                #expect(result.output.contains("\(way): KanSelvbooke true"), "\(result.output)")
                #expect(result.output.contains("\(way): Fejlkode 1010"), "\(result.output)")
            }
            let borgerstatus = gateway.records.filter { $0.operation == "GetBorgerstatus" }
            #expect(borgerstatus.filter { $0.outcome == "ok" && $0.citizen == "010190-xxxx" }.count == 2)
            #expect(borgerstatus.filter { $0.outcome == "1010" }.count == 2)
        }
    }
}
