import Foundation

extension PlannerPerson {
    init(json: JSONValue) throws(PlannerError) {
        let object = try JSONObject(json, context: "PersonResponseDto")
        personStatusId = try object.uuid("PersonStatusId")
        departmentId = object.optionalUUID("DepartmentId")
        firstName = try object.string("FirstName")
        lastName = try object.string("LastName")
        emailAddress = object.optionalString("EmailAddress")
        mobileNumber = object.optionalString("MobileNumber")
        allowEmailNotification = object.optionalBool("AllowEmailNotification")
        allowTextNotification = object.optionalBool("AllowTextNotification")
    }
}

extension PlannerCategoryOffer {
    init(json: JSONValue, depth: Int = 0) throws(PlannerError) {
        guard depth < 32 else { throw .invalidResponse("CategoryOfferExternalDto: categories nest too deep") }
        let object = try JSONObject(json, context: "CategoryOfferExternalDto")
        id = try object.uuid("Id")
        parentId = object.optionalUUID("ParentId")
        title = try object.string("Title")
        description = object.optionalString("Description") ?? ""
        informationText = object.optionalString("InformationText") ?? ""
        expiryDate = object.optionalDate("ExipryDate") ?? object.optionalDate("ExpiryDate")
        let type = try object.int("Type")
        guard let kind = Kind(rawValue: type) else { throw .invalidResponse("CategoryOfferExternalDto: Type \(type) is unknown") }
        self.kind = kind
        showCaseWorkerName = try object.bool("ShowCaseWorkerName", default: false)
        var children: [PlannerCategoryOffer] = []
        for child in object.array("CategoryOfferExternalDto") + object.array("Children") {
            children.append(try PlannerCategoryOffer(json: child, depth: depth + 1))
        }
        self.children = children
    }
}

extension PlannerBooking {
    init(json: JSONValue) throws(PlannerError) {
        let object = try JSONObject(json, context: "BookingListItemDto")
        id = try object.uuid("Id")
        title = try object.string("Title")
        startTime = try object.date("StartTime")
        endTime = try object.date("EndTime")
        let statusValue = try object.int("Status")
        guard let status = Status(rawValue: statusValue) else {
            throw .invalidResponse("BookingListItemDto: Status \(statusValue) is unknown")
        }
        self.status = status
        description = object.optionalString("Description") ?? ""
        resourceDisplayName = object.optionalString("ResourceDisplayName") ?? ""
        showCaseWorkerName = try object.bool("ShowCaseWorkerName", default: false)
        isRecurring = try object.bool("IsRecurring", default: false)
    }
}
