import Foundation
@testable import Gateway
import Jobnet
import Testing

/// star-errors.yaml's STAR lists are exactly the digest's §7 table, operation by operation (a code named
/// beside another, "4769 (+9018)", counts for the operations of its own row).
///
/// The table is read from a copy in the repository (`Tests/Tools/star/digest-error-catalogue.md`), so
/// that a clone without the spec beside it tests the same; where the spec is beside the repository, the
/// copy is checked against it.
@Suite struct StarListsAgainstTheDigestTests {
    static let excerptPath = repositoryRoot + "/Tests/Tools/star/digest-error-catalogue.md"
    static let digestPath = repositoryRoot + "/../shared/spec/star-wiki-digest.md"

    /// The digest's §7, from its heading to the legacy-code mapping.
    static func section(of text: String) throws -> Substring {
        let start = try #require(text.range(of: "## 7. Error catalogue"))
        let end = try #require(text.range(of: "**Legacy → new code mapping**"))
        return text[start.lowerBound..<end.lowerBound]
    }

    static let operationKeys = [
        "BS": "GetBorgerstatus", "MT": "GetSelvbookingMoedetilbud", "ST": "GetSelvbookingMoedetider", "CS": "CreateSelvbooking",
        "OB": "CreateOmbooking", "DB": "DeleteBooking", "AC": "SaveIndkaldelsesaccept", "OS": "GetOmbookingSagsbehandlere",
        "OM": "GetOmbookingMoedetider", "GB": "GetBookings", "SM": "GetStraksbookingMoedetider", "FM": "CreateFejlmelding",
        "SO": "StraksbookOgTilmeld",
    ]

    /// Per operation name, the codes the digest's §7 table lists for it.
    static func digestLists() throws -> [String: Set<Int>] {
        let text = try String(contentsOfFile: excerptPath, encoding: .utf8)
        var lists: [String: Set<Int>] = [:]
        for name in operationKeys.values { lists[name] = [] }
        for line in text.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| GL") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 2 else { continue }
            // The GL cell without "(+9018)"-style mentions and notes in parentheses.
            let gl = cells[1].replacingOccurrences(of: #"\([^)]*\)"#, with: "", options: .regularExpression)
            let codes = gl.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.filter { $0 >= 1000 }
            let operationsCell = cells[cells.count - 2]
            let operations = operationsCell == "all" ? Array(operationKeys.values)
                : operationsCell.split(whereSeparator: { !$0.isLetter }).compactMap { operationKeys[String($0)] }
            for operation in operations { lists[operation, default: []].formUnion(codes) }
        }
        return lists
    }

    @Test func everyOperationsStarListIsTheDigestsExactly() throws {
        let digest = try Self.digestLists()
        #expect(digest["CreateSelvbooking"]?.contains(8273) == true && digest["GetSelvbookingMoedetider"]?.contains(9329) == false)
        let documented = StarCatalogueTests.mappings.catalogue.documentedCodes
        for operation in OperationRegistry.operations {
            #expect(documented[operation] == digest[operation.rawValue], "\(operation.rawValue)")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: digestPath), "shared/spec beside the repository"))
    func theCopyIsTheDigestsSection() throws {
        let digest = try String(contentsOfFile: Self.digestPath, encoding: .utf8)
        let copy = try String(contentsOfFile: Self.excerptPath, encoding: .utf8)
        #expect(try Self.section(of: digest) == Substring(copy), "refresh Tests/Tools/star/digest-error-catalogue.md from the digest")
    }

    @Test func aStrayCodeBecomesOneTheOperationLists() {
        let catalogue = StarCatalogueTests.mappings.catalogue
        for operation in OperationRegistry.operations {
            let resolved = catalogue.resolve(StarFault(4650, "test"), for: operation)
            #expect(catalogue.allowedCodes[operation]?.contains(resolved.error.code) == true, "\(operation.rawValue)")
        }
    }
}
