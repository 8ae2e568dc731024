import Foundation

/// PersonResponseDto (PersonByCpr). The CPR Planner echoes back is deliberately not kept.
public struct PlannerPerson: Sendable, Equatable {
    public var personStatusId: UUID
    public var departmentId: UUID?
    public var firstName: String
    public var lastName: String
    public var emailAddress: String?
    public var mobileNumber: String?
    public var allowEmailNotification: Bool?
    public var allowTextNotification: Bool?
}

/// CategoryOfferExternalDto: a category (Type 1) or a booking offer (Type 2), with its children.
public struct PlannerCategoryOffer: Sendable, Equatable {
    public enum Kind: Int, Sendable { case category = 1, bookingOffer = 2 }

    public var id: UUID
    public var parentId: UUID?
    public var title: String
    public var description: String
    public var informationText: String
    public var expiryDate: Date?
    public var kind: Kind
    public var showCaseWorkerName: Bool
    public var children: [PlannerCategoryOffer]

    public init(
        id: UUID, parentId: UUID?, title: String, description: String, informationText: String, expiryDate: Date?,
        kind: Kind, showCaseWorkerName: Bool, children: [PlannerCategoryOffer]
    ) {
        self.id = id
        self.parentId = parentId
        self.title = title
        self.description = description
        self.informationText = informationText
        self.expiryDate = expiryDate
        self.kind = kind
        self.showCaseWorkerName = showCaseWorkerName
        self.children = children
    }

    /// Every booking offer in this tree, depth first.
    public var bookingOffers: [PlannerCategoryOffer] {
        (kind == .bookingOffer ? [self] : []) + children.flatMap(\.bookingOffers)
    }
}

/// One entry of BookingOptions: a free start time and the resources (caseworkers) free then.
public struct PlannerBookingOption: Sendable, Equatable {
    public var dateTime: Date
    public var resourceIds: [UUID]
    public var taskId: String?
}

/// BookingListItemDto (GetBookings).
public struct PlannerBooking: Sendable, Equatable {
    public enum Status: Int, Sendable {
        case new = 0, accepted = 1, rejected = 2, cancelled = 3, awaitingCaseworker = 4, notPaid = 5
        case readyForCitizenConfirmation = 6
    }

    public var id: UUID
    public var title: String
    public var startTime: Date
    public var endTime: Date
    public var status: Status
    public var description: String
    public var resourceDisplayName: String
    public var showCaseWorkerName: Bool
    public var isRecurring: Bool
}

/// BookingReservationExternalDto (CreateBookingReservation).
public struct PlannerReservationRequest: Sendable, Equatable {
    public var offerId: UUID
    public var startDateTime: Date
    public var resourceId: UUID
    public var personId: UUID

    public init(offerId: UUID, startDateTime: Date, resourceId: UUID, personId: UUID) {
        self.offerId = offerId
        self.startDateTime = startDateTime
        self.resourceId = resourceId
        self.personId = personId
    }
}

/// MakeBookingRequest.
public struct PlannerMakeBookingRequest: Sendable, Equatable {
    public var personId: UUID
    public var offerId: UUID
    public var startTime: Date
    public var isImmediateBooking: Bool

    public init(personId: UUID, offerId: UUID, startTime: Date, isImmediateBooking: Bool) {
        self.personId = personId
        self.offerId = offerId
        self.startTime = startTime
        self.isImmediateBooking = isImmediateBooking
    }
}

/// CitizenInformationLightExternalDto (SetCitizenInformations).
public struct PlannerCitizenInformation: Sendable, Equatable {
    public var emailAddress: String?
    public var mobileNumber: String?
    public var allowTextNotification: Bool?
    public var allowEmailNotification: Bool?

    public init(emailAddress: String?, mobileNumber: String?, allowTextNotification: Bool?, allowEmailNotification: Bool?) {
        self.emailAddress = emailAddress
        self.mobileNumber = mobileNumber
        self.allowTextNotification = allowTextNotification
        self.allowEmailNotification = allowEmailNotification
    }
}
