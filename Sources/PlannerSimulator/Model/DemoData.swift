import CopenhagenTime
import Foundation

/// The simulator's demo data (README.md lists it). Every CPR here is fictitious.
public enum DemoData {
    public static let rootDepartmentId = UUID(uuidString: "7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0001")!
    public static let micrositeId = UUID(uuidString: "7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0002")!

    /// Citizens, by their fictitious CPRs.
    public enum Citizen {
        /// Can self-book several offers.
        public static let anna = "0101901111"
        /// Has a booking awaiting acceptance (status 6).
        public static let bo = "0202902222"
        /// Has a booking that can be rebooked and cancelled.
        public static let carla = "0303903333"
        /// Unknown to Planner.
        public static let unknown = "0404904444"
        /// Has a booking that can be rebooked (the CreateOmbooking fixtures rebook it).
        public static let dorte = "0505905555"
        /// Has a booking that can be cancelled (the DeleteBooking fixture cancels it).
        public static let erik = "0606906666"
        /// Has no bookings: the CreateSelvbooking fixture with a chosen caseworker books for her (a citizen
        /// holds one Jobsamtale at most, STAR 8273).
        public static let frida = "1010901010"
        /// Has no bookings: the StraksbookOgTilmeld fixture enrols him and books his immediate Jobsamtale.
        public static let gustav = "1111901111"
        /// Has no bookings, and no fixture books for her: GetBorgerstatus shows her deadline.
        public static let hanne = "1212901212"
        /// Has a CV-samtale a caseworker convened: the CV offer allows no change to a convened meeting.
        public static let ib = "1301901313"
    }

    public static let annaId = UUID(uuidString: "a0000000-0000-4000-8000-000000000001")!
    public static let boId = UUID(uuidString: "a0000000-0000-4000-8000-000000000002")!
    public static let carlaId = UUID(uuidString: "a0000000-0000-4000-8000-000000000003")!
    public static let dorteId = UUID(uuidString: "a0000000-0000-4000-8000-000000000004")!
    public static let erikId = UUID(uuidString: "a0000000-0000-4000-8000-000000000005")!
    public static let fridaId = UUID(uuidString: "a0000000-0000-4000-8000-000000000006")!
    public static let gustavId = UUID(uuidString: "a0000000-0000-4000-8000-000000000007")!
    public static let hanneId = UUID(uuidString: "a0000000-0000-4000-8000-000000000008")!
    public static let ibId = UUID(uuidString: "a0000000-0000-4000-8000-000000000009")!

    public enum Resource {
        public static let mette = UUID(uuidString: "b0000000-0000-4000-8000-000000000001")!
        public static let lars = UUID(uuidString: "b0000000-0000-4000-8000-000000000002")!
        public static let sofie = UUID(uuidString: "b0000000-0000-4000-8000-000000000003")!
        public static let meetingRoom = UUID(uuidString: "b0000000-0000-4000-8000-000000000004")!
    }

    public enum Offer {
        /// Individual jobsamtale, the citizen chooses the caseworker.
        public static let jobsamtale = UUID(uuidString: "c0000000-0000-4000-8000-000000000001")!
        /// Joint information meeting with seats.
        public static let informationsmoede = UUID(uuidString: "c0000000-0000-4000-8000-000000000002")!
        /// Immediate booking (straksbooking).
        public static let straksJobsamtale = UUID(uuidString: "c0000000-0000-4000-8000-000000000003")!
        /// Expired: never offered.
        public static let udloebet = UUID(uuidString: "c0000000-0000-4000-8000-000000000004")!
        /// In a nested category: individual CV conversation, no caseworker choice.
        public static let cvSamtale = UUID(uuidString: "c0000000-0000-4000-8000-000000000005")!
    }

    public enum Category {
        public static let samtaler = UUID(uuidString: "d0000000-0000-4000-8000-000000000001")!
        public static let workshops = UUID(uuidString: "d0000000-0000-4000-8000-000000000002")!
        public static let cv = UUID(uuidString: "d0000000-0000-4000-8000-000000000003")!
    }

    /// Booking ids seeded for Bo and Carla.
    public static let boAwaitingAcceptance = UUID(uuidString: "e0000000-0000-4000-8000-000000000001")!
    public static let carlaRebookable = UUID(uuidString: "e0000000-0000-4000-8000-000000000002")!
    /// A booking the jobcenter rejected (status 2): Planner still lists it; it is not a current booking.
    public static let carlaRejected = UUID(uuidString: "e0000000-0000-4000-8000-000000000003")!
    /// Dorte's and Erik's bookings: each fixture that changes a booking has one of its own, so the
    /// fixtures replay in any order against one gateway.
    public static let dorteRebookable = UUID(uuidString: "e0000000-0000-4000-8000-000000000004")!
    public static let erikCancellable = UUID(uuidString: "e0000000-0000-4000-8000-000000000005")!
    /// Convened by Ib's caseworker on the CV offer, which says nothing of convened meetings.
    public static let ibConvened = UUID(uuidString: "e0000000-0000-4000-8000-000000000006")!

    /// The demo data, with seeded bookings placed relative to `now` (on weekdays, in working hours).
    public static func make(now: Date = Date()) -> SimulatorData {
        let persons = [
            SimPerson(cpr: Citizen.anna, personStatusId: annaId, firstName: "Anna", lastName: "Andersen"),
            SimPerson(cpr: Citizen.bo, personStatusId: boId, firstName: "Bo", lastName: "Berg"),
            SimPerson(cpr: Citizen.carla, personStatusId: carlaId, firstName: "Carla", lastName: "Christensen"),
            SimPerson(cpr: Citizen.dorte, personStatusId: dorteId, firstName: "Dorte", lastName: "Dahl"),
            SimPerson(cpr: Citizen.erik, personStatusId: erikId, firstName: "Erik", lastName: "Eriksen"),
            SimPerson(cpr: Citizen.frida, personStatusId: fridaId, firstName: "Frida", lastName: "Frandsen"),
            SimPerson(cpr: Citizen.gustav, personStatusId: gustavId, firstName: "Gustav", lastName: "Gregersen"),
            SimPerson(cpr: Citizen.hanne, personStatusId: hanneId, firstName: "Hanne", lastName: "Holm"),
            SimPerson(cpr: Citizen.ib, personStatusId: ibId, firstName: "Ib", lastName: "Iversen"),
        ]
        let resources = [
            SimResource(id: Resource.mette, displayName: "Mette Hansen"),
            SimResource(id: Resource.lars, displayName: "Lars Nielsen", workdayStartHour: 10, workdayEndHour: 16),
            SimResource(id: Resource.sofie, displayName: "Sofie Jensen"),
            SimResource(id: Resource.meetingRoom, displayName: "Mødelokale 1", workdayStartHour: 8, workdayEndHour: 17),
        ]
        let offers = [
            SimOffer(
                id: Offer.jobsamtale, title: "Jobsamtale", description: "Samtale med din jobkonsulent om job og muligheder.",
                durationMinutes: 30, resourceIds: [Resource.mette, Resource.lars], kind: .individual),
            SimOffer(
                id: Offer.informationsmoede, title: "Informationsmøde for nyledige",
                description: "Fælles møde om rettigheder og pligter.", durationMinutes: 90,
                resourceIds: [Resource.meetingRoom], kind: .joint(sessionHours: [10, 13], seats: 12), horizonDays: 30,
                showCaseWorkerName: false),
            SimOffer(
                id: Offer.straksJobsamtale, title: "Straks-jobsamtale", description: "Jobsamtale inden for få dage.",
                durationMinutes: 30, resourceIds: [Resource.sofie], kind: .individual, leadHours: 1, horizonDays: 7),
            SimOffer(
                id: Offer.udloebet, title: "Sommerkursus 2020", description: "Udløbet tilbud.", durationMinutes: 60,
                resourceIds: [Resource.mette], kind: .individual, expiryDate: CopenhagenTime.parse("2020-08-31T23:59:00")),
            SimOffer(
                id: Offer.cvSamtale, title: "CV-samtale", description: "Få hjælp til dit CV.", durationMinutes: 45,
                resourceIds: [Resource.sofie, Resource.mette], kind: .individual),
        ]
        let categories: [SimCategoryNode] = [
            .category(id: Category.samtaler, title: "Samtaler", description: "Samtaler med jobcentret", children: [
                .offer(Offer.jobsamtale), .offer(Offer.straksJobsamtale), .offer(Offer.udloebet),
            ]),
            .category(id: Category.workshops, title: "Møder og workshops", description: "Fælles arrangementer", children: [
                .offer(Offer.informationsmoede),
                .category(id: Category.cv, title: "CV", description: "Hjælp til CV", children: [.offer(Offer.cvSamtale)]),
            ]),
        ]
        let seededDay = nextWeekday(after: CopenhagenTime.adding(days: 7, to: now))
        let boStart = CopenhagenTime.at(hour: 11, minute: 0, on: seededDay)
        let carlaStart = CopenhagenTime.at(hour: 14, minute: 0, on: seededDay)
        let dorteStart = CopenhagenTime.at(hour: 15, minute: 0, on: seededDay)
        let erikStart = CopenhagenTime.at(hour: 13, minute: 0, on: seededDay)
        let ibStart = CopenhagenTime.at(hour: 10, minute: 0, on: seededDay)
        let bookings = [
            SimBooking(
                id: boAwaitingAcceptance, personStatusId: boId, offerId: Offer.jobsamtale, resourceId: Resource.mette,
                start: boStart, end: boStart.addingTimeInterval(1800), status: 6, title: "Jobsamtale",
                description: "Indkaldelse til jobsamtale. Husk at acceptere."),
            SimBooking(
                id: carlaRebookable, personStatusId: carlaId, offerId: Offer.jobsamtale, resourceId: Resource.lars,
                start: carlaStart, end: carlaStart.addingTimeInterval(1800), status: 1, title: "Jobsamtale",
                description: "Selvbooket jobsamtale."),
            SimBooking(
                id: dorteRebookable, personStatusId: dorteId, offerId: Offer.jobsamtale, resourceId: Resource.lars,
                start: dorteStart, end: dorteStart.addingTimeInterval(1800), status: 1, title: "Jobsamtale",
                description: "Selvbooket jobsamtale."),
            SimBooking(
                id: erikCancellable, personStatusId: erikId, offerId: Offer.jobsamtale, resourceId: Resource.mette,
                start: erikStart, end: erikStart.addingTimeInterval(1800), status: 1, title: "Jobsamtale",
                description: "Selvbooket jobsamtale."),
            SimBooking(
                id: ibConvened, personStatusId: ibId, offerId: Offer.cvSamtale, resourceId: Resource.sofie,
                start: ibStart, end: ibStart.addingTimeInterval(1800), status: 1, title: "CV-samtale",
                description: "Indkaldt af din sagsbehandler."),
        ]
        return SimulatorData(
            rootDepartmentId: rootDepartmentId, micrositeId: micrositeId, persons: persons, resources: resources,
            offers: offers, categories: categories, bookings: bookings)
    }

    static func nextWeekday(after date: Date) -> Date {
        var day = CopenhagenTime.startOfDay(date)
        while [1, 7].contains(CopenhagenTime.weekday(day)) { day = CopenhagenTime.adding(days: 1, to: day) }
        return day
    }
}
