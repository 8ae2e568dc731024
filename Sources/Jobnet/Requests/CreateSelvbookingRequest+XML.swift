extension CreateSelvbookingRequest: JobnetRequestBody {
    public init(reading reader: BodyReader, urlIdentifier: String?) throws(StarFault) {
        self.init(
            offerId: try reader.uuid("MoedetilbudId", orURL: urlIdentifier),
            start: try reader.dateTime("MoedeStarttidspunkt"),
            samtaleform: try reader.optionalInt("SamtaleformType"),
            caseworker: reader.optionalText("SagsbehandlerEksterntId"))
    }
}
