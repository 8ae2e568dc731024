/// `InterviewLocationDetailType`: where a meeting is held.
public struct InterviewLocation: Sendable, Equatable {
    public var description: String?
    public var address: PostalAddress?

    public init(description: String? = nil, address: PostalAddress? = nil) {
        self.description = description
        self.address = address
    }
}

/// `AddressPostalType` (the fields an offer's mapping can give).
public struct PostalAddress: Sendable, Equatable {
    public var streetName: String
    public var streetBuildingIdentifier: String
    public var floorIdentifier: String?
    public var suiteIdentifier: String?
    public var postCodeIdentifier: String
    public var districtName: String
    public var countryIdentificationCode: String?

    public init(
        streetName: String, streetBuildingIdentifier: String, floorIdentifier: String? = nil,
        suiteIdentifier: String? = nil, postCodeIdentifier: String, districtName: String,
        countryIdentificationCode: String? = nil
    ) {
        self.streetName = streetName
        self.streetBuildingIdentifier = streetBuildingIdentifier
        self.floorIdentifier = floorIdentifier
        self.suiteIdentifier = suiteIdentifier
        self.postCodeIdentifier = postCodeIdentifier
        self.districtName = districtName
        self.countryIdentificationCode = countryIdentificationCode
    }
}
