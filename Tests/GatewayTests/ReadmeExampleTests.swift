import Foundation
import PlannerSimulator
import Testing

/// The README's curl examples, sent as they are, get valid answers from the demo data.
@Suite struct ReadmeExampleTests {
    @Test(arguments: ["GetSelvbookingMoedetilbud", "GetBorgerstatus"])
    func theExampleRequestIsAnsweredWithAValidResponse(_ operation: String) async throws {
        try await withHTTPTestGateway { gateway async throws in
            let request = try #require(FileManager.default.contents(atPath: repositoryRoot + "/docs/examples/\(operation).xml"))
            let answer = try await gateway.post(Array(request))
            #expect(answer.status == 200, "\(answer.body)")
            try ResponseSchema.assertValid(answer.body, element: "\(operation)Response")
            let readme = try String(contentsOfFile: repositoryRoot + "/README.md", encoding: .utf8)
            #expect(readme.contains("docs/examples/\(operation).xml"))
        }
    }
}
