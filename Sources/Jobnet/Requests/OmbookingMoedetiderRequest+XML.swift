extension OmbookingMoedetiderRequest: JobnetRequestBody {
    public init(reading reader: BodyReader, urlIdentifier: String?) throws(StarFault) {
        self.init(
            bookingId: try reader.uuid("IndkaldelseId", orURL: urlIdentifier),
            windowStart: try reader.dateTime("StartMoedetidsinterval"),
            windowEnd: try reader.dateTime("SlutMoedetidsinterval"),
            samtaleform: try reader.optionalInt("SamtaleformType"),
            caseworker: reader.optionalText("SagsbehandlerEksterntId"))
    }
}
