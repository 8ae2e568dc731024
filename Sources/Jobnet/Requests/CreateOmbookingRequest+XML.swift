extension CreateOmbookingRequest: JobnetRequestBody {
    public init(reading reader: BodyReader, urlIdentifier: String?) throws(StarFault) {
        self.init(
            bookingId: try reader.uuid("IndkaldelseId", orURL: urlIdentifier),
            start: try reader.dateTime("MoedeStarttidspunkt"),
            samtaleform: try reader.optionalInt("SamtaleformType"),
            caseworker: reader.optionalText("SagsbehandlerEksterntId"))
    }
}
