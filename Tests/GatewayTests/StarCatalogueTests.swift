import Foundation
@testable import Gateway
import Jobnet
import Testing

/// The STAR catalogue in Mappings/ against the digest, and every rule against its operation's list.
@Suite struct StarCatalogueTests {
    static let mappings = try! GatewayMappings.load(directory: repositoryRoot + "/Mappings")

    /// Every code star-wiki-digest.md §7 lists.
    static let digestCodes = [
        1001, 1010, 1014, 4313, 4314, 4316, 4318, 4338, 4400, 4405, 4641, 4645, 4698, 4710, 4720, 4725, 4750, 4763, 4650,
        4708, 4709, 4767, 4768, 4769, 4770, 4783, 4786, 4792, 4804, 4805, 4812, 4819, 4820, 4822, 6014, 6033, 7062, 8281,
        9344, 9345, 8107, 8108, 8109, 8111, 8125, 8126, 8127, 8128, 8129, 8130, 8131, 8132, 8133, 8134, 8135, 8136, 8270,
        8273, 8288, 9003, 9018, 9121, 9130, 9220, 9303, 9329,
    ]

    @Test func everyDigestCodeIsCataloguedWithBothTextsAndASide() {
        let catalogue = Self.mappings.catalogue
        for code in Self.digestCodes {
            let entry = catalogue.errors[code]
            #expect(entry != nil, "\(code) is missing")
            #expect(entry?.danish.isEmpty == false && entry?.english.isEmpty == false, "\(code)")
        }
        #expect(catalogue.errors[4769]?.side == .server)
        #expect(catalogue.errors[9018]?.side == .server)
        #expect(catalogue.errors[9303]?.side == .server)
        #expect(catalogue.errors[9329]?.side == .server)
        #expect(catalogue.errors[1014]?.side == .client)
        #expect(catalogue.errors[4783]?.newCode == 90002)
    }

    @Test func theDigestsPerOperationListsAreKept() {
        let documented = Self.mappings.catalogue.documentedCodes
        #expect(documented[.getBorgerstatus] == [1010, 1014])
        #expect(documented[.getSelvbookingMoedetilbud] == [1014, 4769, 8111, 9303, 9329])
        #expect(documented[.deleteBooking]?.isSuperset(of: [4650, 4768, 4820, 8107, 9130]) == true)
        #expect(documented[.straksbookOgTilmeld]?.isSuperset(of: [1001, 4338, 4698, 4710, 4819]) == true)
        for operation in OperationRegistry.operations {
            #expect(documented[operation]?.contains(1014) == true, "\(operation)")
        }
    }

    @Test func theRegistryServesTheThirteenOperationsOfTheContractOnce() throws {
        let names = OperationRegistry.operations.map(\.rawValue)
        #expect(names == [
            "GetBorgerstatus", "GetSelvbookingMoedetilbud", "GetSelvbookingMoedetider", "CreateSelvbooking", "CreateOmbooking",
            "DeleteBooking", "SaveIndkaldelsesaccept", "GetOmbookingSagsbehandlere", "GetOmbookingMoedetider",
            "GetStraksbookingMoedetider", "GetBookings", "CreateFejlmelding", "StraksbookOgTilmeld",
        ])
        // Every one is an operation of the WSDL, and every operation of the WSDL is served.
        let wsdl = try String(contentsOfFile: repositoryRoot + "/Wsdl/JobnetCitizenStatusService.wsdl", encoding: .utf8)
        let declared = Set(wsdl.components(separatedBy: "<wsdl:operation name=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) })
        #expect(declared == Set(names))
        #expect(SOAPEndpoint.starCodes.count == 13)
        #expect(OperationRegistry.operation(named: "DeleteEverything") == nil)
    }

    @Test func everyRuleRaisesOnlyCodesOnItsOperationsList() {
        let allowed = Self.mappings.catalogue.allowedCodes
        for (operation, codes) in SOAPEndpoint.starCodes {
            for code in codes {
                #expect(allowed[operation]?.contains(code) == true, "\(operation.rawValue) raises \(code), which is not on its list")
            }
        }
    }

    @Test func aStrayCodeIsAnsweredAs9303AndReported() {
        let resolved = Self.mappings.catalogue.resolve(StarFault(4650, "test"), for: .getBorgerstatus)
        #expect(resolved.error.code == 9303)
        #expect(resolved.strayed == 4650)
        let fine = Self.mappings.catalogue.resolve(StarFault(1014, "test"), for: .getSelvbookingMoedetider)
        #expect(fine.error.code == 1014)
        #expect(fine.newCode == 99000)
        #expect(fine.strayed == nil)
    }

    @Test func logRedactionMasksCPRShapedNumbers() {
        #expect(LogRedaction.scrub("value '0101901111' is bad") == "value '010190-xxxx' is bad")
        #expect(LogRedaction.scrub("010190-1111 and 12345") == "010190-xxxx and 12345")
        #expect(LogRedaction.scrub("code 9303") == "code 9303")
        // A GUID stays whole, even when its last group holds ten digits in a row; a CPR next to it does not.
        #expect(LogRedaction.scrub("booking e0000000-0000-4000-8000-0000000000ff gone")
            == "booking e0000000-0000-4000-8000-0000000000ff gone")
        #expect(LogRedaction.scrub("e0000000-0000-4000-8000-0000000000ff/0101901111") == "e0000000-0000-4000-8000-0000000000ff/010190-xxxx")
        #expect(LogRedaction.scrub("x0101901111y") == "x010190-xxxxy")
    }

    /// `scrub` first looks whether anything needs masking and returns the text as it is when not: it
    /// must agree with always rebuilding it, over texts made of the characters that matter.
    @Test func logRedactionsFirstLookAgreesWithMaskingAlways() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-abcdefAF x/æ".unicodeScalars)
        let guid = "e0000000-0000-4000-8000-0000000000ff"
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                if Int.random(in: 0..<12, using: &generator) == 0 {
                    text += guid
                } else if Int.random(in: 0..<8, using: &generator) == 0 {
                    text += "0101901111"
                } else {
                    text.unicodeScalars.append(alphabet.randomElement(using: &generator)!)
                }
            }
            #expect(LogRedaction.scrub(text) == LogRedaction.masked(text), "\(text)")
        }
    }
}
