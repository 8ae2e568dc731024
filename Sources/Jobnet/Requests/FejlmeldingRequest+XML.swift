extension FejlmeldingRequest: JobnetRequestBody {
    public init(reading reader: BodyReader, urlIdentifier: String?) throws(StarFault) {
        self.init(
            offerId: try reader.optionalUUID("MoedetilbudId"), bookingId: try reader.optionalUUID("IndkaldelseId"),
            code: try reader.int("Fejlkode"), text: reader.optionalText("Fejltekst"),
            origin: try reader.int("FejlOphav"), reportedAt: try reader.dateTime("FejlTidspunkt"))
    }
}
