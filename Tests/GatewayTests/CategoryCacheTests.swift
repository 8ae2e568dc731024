import Foundation
@testable import Gateway
@testable import Planner
import PlannerSimulator
import Testing

/// GetMicrositeCategories' answers reused per citizen for `categories-cache-seconds`: expiring, dropped
/// when the gateway changes the citizen in Planner, and off unless asked for.
@Suite struct CategoryCacheTests {
    static let offer = PlannerCategoryOffer(
        id: UUID(), parentId: nil, title: "Jobsamtale", description: "", informationText: "", expiryDate: nil, kind: .bookingOffer,
        showCaseWorkerName: false, children: [])

    @Test func entriesExpireAndAreDroppedByCitizen() {
        let clock = StatusPageTests.SetClock(StatusPageTests.noon)
        let cache = CategoryCache(seconds: 30, clock: clock.function)
        let anna = DemoData.annaId
        cache.store([Self.offer], personStatusId: anna, lookupStarted: cache.lookupStarts())
        #expect(cache.categories(personStatusId: anna) == [Self.offer])
        #expect(cache.categories(personStatusId: DemoData.carlaId) == nil)
        clock.set(StatusPageTests.noon.addingTimeInterval(30))
        #expect(cache.categories(personStatusId: anna) == nil)
        #expect(cache.count == 0)

        cache.store([Self.offer], personStatusId: anna, lookupStarted: cache.lookupStarts())
        cache.drop(personStatusId: anna)
        #expect(cache.categories(personStatusId: anna) == nil)

        // A lookup that started before a change is not stored: Planner's answer may be from before it.
        let started = cache.lookupStarts()
        cache.drop(personStatusId: DemoData.carlaId)
        cache.store([Self.offer], personStatusId: anna, lookupStarted: started)
        #expect(cache.categories(personStatusId: anna) == nil)
    }

    @Test func aCitizensCategoriesAreReusedUntilTheyExpireOrAreBooked() async throws {
        let clock = StatusPageTests.SetClock(Date())
        try await withTestGateway(configure: { $0.categoriesCacheSeconds = 30 }, clock: clock.function) { gateway async throws in
            let offers = SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.anna)
            let first = try await gateway.post(offers)
            #expect(first.status == 200)
            #expect(try await gateway.post(offers).body == first.body)
            #expect(await gateway.state.calls.filter { $0 == .getMicrositeCategories }.count == 1, "the second is the cache's")

            // Expired: Planner again.
            clock.set(clock.function().addingTimeInterval(31))
            #expect(try await gateway.post(offers).status == 200)
            #expect(await gateway.state.calls.filter { $0 == .getMicrositeCategories }.count == 2)

            // Booked by the gateway: the next look is Planner's, though the entry had not expired.
            let start = try await CreateSelvbookingTests.freeTime(gateway)
            #expect(try await gateway.post(CreateSelvbookingTests.request(start: start)).status == 200)
            await gateway.state.resetCalls()
            #expect(try await gateway.post(offers).status == 200)
            #expect(await gateway.state.calls.contains(.getMicrositeCategories))
        }
    }

    @Test func serveReusesForThirtySecondsByDefaultAndCodeMadeConfigurationsDoNot() throws {
        let settings = try GatewaySettings(flags: [:], configFile: nil, environment: [:])
        #expect(try GatewayConfiguration(settings: settings, plannerURL: "http://planner.invalid/").categoriesCacheSeconds == 30)
        #expect(GatewayConfiguration(plannerURL: "http://planner.invalid/").categoriesCacheSeconds == 0)
        let off = try GatewaySettings(flags: ["categories-cache-seconds": "0"], configFile: nil, environment: [:])
        #expect(try GatewayConfiguration(settings: off, plannerURL: "http://planner.invalid/").categoriesCacheSeconds == 0)
    }
}
