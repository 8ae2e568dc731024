extension SelvbookingMoedetiderRequest: JobnetRequestBody {
    public init(reading reader: BodyReader, urlIdentifier: String?) throws(StarFault) {
        self.init(
            offerId: try reader.uuid("MoedetilbudId", orURL: urlIdentifier),
            windowStart: try reader.dateTime("StartMoedetidsinterval"),
            windowEnd: try reader.dateTime("SlutMoedetidsinterval"),
            samtaleform: try reader.optionalInt("SamtaleformType"),
            caseworker: reader.optionalText("SagsbehandlerEksterntId"))
    }
}
