import SOAP

extension StraksbookingMoedetider: JobnetResponseBody {
    /// The timeslot list, then the immediate-booking offer's own fields (digest §4.11).
    public func write(to writer: inout XMLWriter) {
        moedetider.write(to: &writer)
        writer.element("tns:InterviewOptionID", offer.id)
        writer.element("tns:MeetingTitle", offer.meetingTitle.limited(to: 100, orIfEmpty: "-"))
        if let description = offer.meetingDescription, !description.isEmpty {
            writer.element("tns:MeetingDescription", description.limited(to: 500))
        }
        writer.element("tns:MeetingDurationMinutes", String(offer.meetingDurationMinutes))
        writer.element("tns:InterviewTypeIdentifier", String(offer.interviewTypeIdentifier))
        writer.element("tns:InterviewFormTypeIdentifier", String(offer.interviewFormTypeIdentifier))
        offer.location?.write(to: &writer)
        writer.element("tns:AllowChoiceOfSupervisor", offer.allowChoiceOfSupervisor ? "true" : "false")
    }
}
