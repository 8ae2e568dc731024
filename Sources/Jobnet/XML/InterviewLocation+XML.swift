import SOAP

extension InterviewLocation {
    func write(to writer: inout XMLWriter) {
        writer.open("tns:InterviewLocationDetail")
        if let description, !description.isEmpty {
            writer.element("tns:InterviewLocationDescription", description.limited(to: 200))
        }
        if let address {
            writer.open("tns:AddressPostal")
            writer.element("tns:StreetName", address.streetName.limited(to: 40))
            writer.element("tns:StreetBuildingIdentifier", address.streetBuildingIdentifier)
            if let floor = address.floorIdentifier { writer.element("tns:FloorIdentifier", floor) }
            if let suite = address.suiteIdentifier { writer.element("tns:SuiteIdentifier", suite.limited(to: 4)) }
            writer.element("tns:PostCodeIdentifier", address.postCodeIdentifier)
            writer.element("tns:DistrictName", address.districtName.limited(to: 20))
            if let country = address.countryIdentificationCode { writer.element("tns:CountryIdentificationCode", country) }
            writer.close("tns:AddressPostal")
        }
        writer.close("tns:InterviewLocationDetail")
    }
}
