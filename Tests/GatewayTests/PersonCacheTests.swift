import Foundation
@testable import Gateway
@testable import Planner
import PlannerSimulator
import Testing

/// PersonByCpr's answers reused for `person-cache-seconds`: bounded, expiring, dropped when the gateway
/// changes the person in Planner, and never for a CPR Planner does not know.
@Suite struct PersonCacheTests {
    static func person(_ number: Int) -> PlannerPerson {
        PlannerPerson(
            personStatusId: UUID(uuidString: String(format: "a0000000-0000-4000-8000-%012d", number))!, departmentId: nil,
            firstName: "F\(number)", lastName: "L", emailAddress: nil, mobileNumber: nil, allowEmailNotification: nil,
            allowTextNotification: nil)
    }

    @Test func entriesExpireAreDroppedByPersonAndTheOldestGoesWhenFull() {
        let clock = StatusPageTests.SetClock(StatusPageTests.noon)
        let cache = PersonCache(seconds: 30, capacity: 3, clock: clock.function)
        cache.store(Self.person(1), cprDigits: "0101901111", lookupStarted: cache.lookupStarts())
        #expect(cache.person(cprDigits: "0101901111") == Self.person(1))
        #expect(cache.person(cprDigits: "0202902222") == nil)

        // 30 s on, gone.
        clock.set(StatusPageTests.noon.addingTimeInterval(30))
        #expect(cache.person(cprDigits: "0101901111") == nil)
        #expect(cache.count == 0)

        // Full at three: storing a fourth drops the oldest; storing one again makes it the newest.
        for number in 1...3 { cache.store(Self.person(number), cprDigits: "010190000\(number)", lookupStarted: cache.lookupStarts()) }
        cache.store(Self.person(1), cprDigits: "0101900001", lookupStarted: cache.lookupStarts())
        cache.store(Self.person(4), cprDigits: "0101900004", lookupStarted: cache.lookupStarts())
        #expect(cache.count == 3)
        #expect(cache.person(cprDigits: "0101900002") == nil)
        #expect(cache.person(cprDigits: "0101900001") == Self.person(1))

        // A change to person 3 drops them.
        cache.drop(personStatusId: Self.person(3).personStatusId)
        #expect(cache.person(cprDigits: "0101900003") == nil)
        #expect(cache.person(cprDigits: "0101900004") == Self.person(4))
    }

    @Test func aLookupThatStartedBeforeAChangeIsNotStored() {
        let cache = PersonCache(seconds: 30, clock: { StatusPageTests.noon })
        let started = cache.lookupStarts()
        // While Planner answers the lookup, the gateway changes someone: the answer may be from before it.
        cache.drop(personStatusId: Self.person(1).personStatusId)
        cache.store(Self.person(1), cprDigits: "0101901111", lookupStarted: started)
        #expect(cache.person(cprDigits: "0101901111") == nil)
    }

    @Test func storingTheSameCitizensOverAndOverKeepsItsBookkeepingBounded() {
        let clock = StatusPageTests.SetClock(StatusPageTests.noon)
        let cache = PersonCache(seconds: 30, capacity: 100, clock: clock.function)
        for round in 0..<200 {
            clock.set(StatusPageTests.noon.addingTimeInterval(Double(round) * 31))
            for number in 1...20 { cache.store(Self.person(number), cprDigits: "01019\(String(format: "%05d", number))", lookupStarted: cache.lookupStarts()) }
        }
        #expect(cache.count == 20)
        #expect(cache.bookkeepingLines <= 2 * 20 + 1024 + 1)
    }

    @Test func aCitizensLookupIsReusedUntilItExpiresOrTheyAreBooked() async throws {
        let clock = StatusPageTests.SetClock(Date())
        try await withTestGateway(configure: { $0.personCacheSeconds = 30 }, clock: clock.function) { gateway async throws in
            let status = SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna)
            #expect(try await gateway.post(status).status == 200)
            #expect(try await gateway.post(status).status == 200)
            #expect(await gateway.state.calls.filter { $0 == .personByCpr }.count == 1, "the second lookup is the cache's")

            // Expired: Planner again.
            clock.set(clock.function().addingTimeInterval(31))
            #expect(try await gateway.post(status).status == 200)
            #expect(await gateway.state.calls.filter { $0 == .personByCpr }.count == 2)

            // Booked by the gateway: the next lookup is Planner's, though the entry had not expired.
            let start = try await CreateSelvbookingTests.freeTime(gateway)
            #expect(try await gateway.post(CreateSelvbookingTests.request(start: start)).status == 200)
            await gateway.state.resetCalls()
            #expect(try await gateway.post(status).status == 200)
            #expect(await gateway.state.calls.first == .personByCpr)

            // A CPR Planner does not know is asked every time.
            await gateway.state.resetCalls()
            let unknown = SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.unknown)
            #expect(try await gateway.post(unknown).fejlkode == 1010)
            #expect(try await gateway.post(unknown).fejlkode == 1010)
            #expect(await gateway.state.calls.filter { $0 == .personByCpr }.count == 2)
        }
    }

    @Test func serveReusesForThirtySecondsByDefaultAndCodeMadeConfigurationsDoNot() throws {
        let settings = try GatewaySettings(flags: [:], configFile: nil, environment: [:])
        #expect(try GatewayConfiguration(settings: settings, plannerURL: "http://planner.invalid/").personCacheSeconds == 30)
        #expect(GatewayConfiguration(plannerURL: "http://planner.invalid/").personCacheSeconds == 0)
    }
}
