import CopenhagenTime
import Foundation
import SOAP

extension JobnetResponse {
    /// Writes the response element (`tns:{Operation}Response`) with the `tns` prefix bound to the
    /// contract's namespace by the envelope. Strings from Planner are cut to the contract's lengths,
    /// so a long Planner title never makes the answer invalid.
    public func write(for operation: JobnetOperation, to writer: inout XMLWriter) {
        let root = "tns:" + operation.responseElement
        writer.open(root)
        switch self {
        case .borgerstatus(let status):
            writer.element("tns:KanSelvbooke", status.kanSelvbooke ? "true" : "false")
            if !status.frister.isEmpty {
                writer.open("tns:Frister")
                for frist in status.frister {
                    writer.open("tns:Frist")
                    writer.element("tns:FriststatusType", String(frist.friststatusType))
                    writer.element("tns:SamtaleType", String(frist.samtaleType))
                    writer.element("tns:Fristdato", CopenhagenTime.day(frist.fristdato))
                    writer.element("tns:SidsteAfholdelsesdato", CopenhagenTime.day(frist.sidsteAfholdelsesdato))
                    writer.close("tns:Frist")
                }
                writer.close("tns:Frister")
            }
            writer.element("tns:StraksbookingPaakraevet", status.straksbookingPaakraevet ? "true" : "false")
        case .moedetider(let list):
            list.write(to: &writer)
        case .straksbookingMoedetider(let answer):
            answer.moedetider.write(to: &writer)
            let offer = answer.offer
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
        case .booking(let booking):
            booking.write(as: "tns:JobnetBookingDetails", to: &writer)
        case .straksbookOgTilmeld(let result):
            writer.open("tns:ServiceReceipt")
            writer.element("tns:ReceiptDateTime", CopenhagenTime.format(result.receiptTime))
            writer.element("tns:ReceiptIdentifier", result.receiptId)
            writer.element("tns:ReceiptText", result.receiptText.limited(to: 10_000))
            writer.close("tns:ServiceReceipt")
            writer.element("tns:EnrollmentRecorded", "true")
            result.booking.write(as: "tns:JobnetBookingDetails", to: &writer)
        case .bookings(let bookings):
            writer.open("tns:JobnetBookingDetailsCollection")
            for booking in bookings { booking.write(as: "tns:JobnetBookingDetails", to: &writer) }
            writer.close("tns:JobnetBookingDetailsCollection")
        case .sagsbehandlere(let allowChoice, let supervisors):
            writer.element("tns:AllowChoiceOfSupervisor", allowChoice ? "true" : "false")
            writer.open("tns:SupervisorCollection")
            for supervisor in supervisors { supervisor.write(as: "tns:Supervisor", to: &writer) }
            writer.close("tns:SupervisorCollection")
        case .ombookingMoedetider(let list, let interviewType):
            list.write(to: &writer)
            writer.element("tns:InterviewTypeIdentifier", String(interviewType))
        case .empty:
            break
        case .moedetilbud(let offers):
            writer.open("tns:MoedetilbudSamling")
            for offer in offers {
                writer.open("tns:Moedetilbud")
                offer.write(to: &writer)
                writer.close("tns:Moedetilbud")
            }
            writer.close("tns:MoedetilbudSamling")
        }
        writer.close(root)
    }
}

extension Moedetilbud {
    func write(to writer: inout XMLWriter) {
        writer.element("tns:MoedetilbudId", id)
        writer.element("tns:InterviewTypeIdentifier", String(interviewTypeIdentifier))
        writer.element("tns:InterviewFormTypeIdentifier", String(interviewFormTypeIdentifier))
        writer.open("tns:SamtaleformSamling")
        for samtaleform in samtaleformer { writer.element("tns:SamtaleformType", String(samtaleform)) }
        writer.close("tns:SamtaleformSamling")
        location?.write(to: &writer)
        writer.element("tns:MeetingDurationMinutes", String(meetingDurationMinutes))
        if let firstTimeslot { writer.element("tns:FirstTimeslot", CopenhagenTime.format(firstTimeslot)) }
        if let lastTimeslot { writer.element("tns:LastTimeslot", CopenhagenTime.format(lastTimeslot)) }
        writer.element("tns:AllowChoiceOfSupervisor", allowChoiceOfSupervisor ? "true" : "false")
        writer.element("tns:MeetingTitle", meetingTitle.limited(to: 100, orIfEmpty: "-"))
        if let meetingDescription, !meetingDescription.isEmpty {
            writer.element("tns:MeetingDescription", meetingDescription.limited(to: 500))
        }
        if !supervisors.isEmpty {
            writer.open("tns:SupervisorCollection")
            for supervisor in supervisors { supervisor.write(as: "tns:Supervisor", to: &writer) }
            writer.close("tns:SupervisorCollection")
        }
    }
}

extension Moedetider {
    /// The timeslot list group: `CaseWorkerToBookCollection` (when there are caseworkers to choose),
    /// then `BookingTimeslotCollection`.
    func write(to writer: inout XMLWriter) {
        if !caseWorkers.isEmpty {
            writer.open("tns:CaseWorkerToBookCollection")
            for entry in caseWorkers {
                writer.open("tns:CaseWorkerToBook")
                writer.element("tns:CaseWorkerID", String(entry.id))
                entry.caseWorker.write(as: "tns:Supervisor", to: &writer)
                writer.close("tns:CaseWorkerToBook")
            }
            writer.close("tns:CaseWorkerToBookCollection")
        }
        writer.open("tns:BookingTimeslotCollection")
        for slot in timeslots {
            writer.open("tns:BookingTimeslot")
            writer.element("tns:StartTime", CopenhagenTime.format(slot.startTime))
            writer.open("tns:SamtaleformSamling")
            for samtaleform in slot.samtaleformer { writer.element("tns:SamtaleformType", String(samtaleform)) }
            writer.close("tns:SamtaleformSamling")
            writer.element("tns:RebookingPossible", slot.rebookingPossible ? "true" : "false")
            writer.element("tns:CancellationPossible", slot.cancellationPossible ? "true" : "false")
            if let total = slot.totalSeats { writer.element("tns:MaksimaltMoededeltagerantal", String(total)) }
            if let available = slot.availableSeats { writer.element("tns:AvailableNoOfSeats", String(available)) }
            writer.open("tns:CaseWorkerIDCollection")
            for id in slot.caseWorkerIds { writer.element("tns:CaseWorkerID", String(id)) }
            writer.close("tns:CaseWorkerIDCollection")
            writer.close("tns:BookingTimeslot")
        }
        writer.close("tns:BookingTimeslotCollection")
    }
}

extension JobnetBookingDetails {
    /// `JobnetBookingDetailsType`, in the XSD's order.
    func write(as element: String, to writer: inout XMLWriter) {
        func flag(_ name: String, _ value: Bool) { writer.element(name, value ? "true" : "false") }
        writer.open(element)
        writer.element("tns:IndkaldelseId", indkaldelseId)
        writer.open("tns:BookingOriginator")
        writer.element("tns:OrganisationCode", String(organisationCode))
        writer.element("tns:OrganisationTypeIdentifier", String(organisationTypeIdentifier))
        writer.close("tns:BookingOriginator")
        flag("tns:CitizenShouldAcceptBooking", citizenShouldAcceptBooking)
        flag("tns:AcceptedBooking", acceptedBooking)
        flag("tns:ReBookingPossible", reBookingPossible)
        if let reBookingDeadline { writer.element("tns:ReBookingDeadline", CopenhagenTime.format(reBookingDeadline)) }
        flag("tns:CancellationPossible", cancellationPossible)
        if let cancellationDeadline { writer.element("tns:CancellationDeadline", CopenhagenTime.format(cancellationDeadline)) }
        flag("tns:SelfBooked", selfBooked)
        flag("tns:CompulsoryAttendance", compulsoryAttendance)
        writer.element("tns:BookingStartTime", CopenhagenTime.format(bookingStartTime))
        if let bookingEndTime { writer.element("tns:BookingEndTime", CopenhagenTime.format(bookingEndTime)) }
        writer.element("tns:InterviewTypeIdentifier", String(interviewTypeIdentifier))
        writer.element("tns:InterviewFormTypeIdentifier", String(interviewFormTypeIdentifier))
        writer.element("tns:MeetingTitle", meetingTitle.limited(to: 100, orIfEmpty: "-"))
        if let meetingDescription, !meetingDescription.isEmpty {
            writer.element("tns:MeetingDescription", meetingDescription.limited(to: 500))
        }
        flag("tns:ImmediateBooking", immediateBooking)
        interviewSupervisor.write(as: "tns:InterviewSupervisor", to: &writer)
        location?.write(to: &writer)
        if telephoneNumber != nil || citizenMustCall != nil {
            writer.open("tns:InterviewContactDetail")
            if let telephoneNumber { writer.element("tns:TelephoneNumberIdentifier", telephoneNumber) }
            if let citizenMustCall { flag("tns:CitizenMustCall", citizenMustCall) }
            writer.close("tns:InterviewContactDetail")
        }
        writer.element("tns:InterviewContactTypeIdentifier", String(interviewContactTypeIdentifier))
        flag("tns:ShowCaseWorkerName", showCaseWorkerName)
        writer.close(element)
    }
}

extension CaseWorker {
    func write(as element: String, to writer: inout XMLWriter) {
        writer.open(element)
        writer.element("tns:CaseWorkerGivenName", givenName.limited(to: 50, orIfEmpty: "-"))
        if let middleName, !middleName.isEmpty { writer.element("tns:CaseWorkerMiddleName", middleName.limited(to: 40)) }
        writer.element("tns:CaseWorkerSurname", surname.limited(to: 40, orIfEmpty: "-"))
        writer.element("tns:CaseWorkerIdentifier", identifier.limited(to: 255, orIfEmpty: "-"))
        writer.close(element)
    }
}

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

extension String {
    /// At most `count` characters; `orIfEmpty` stands in for an empty string where the contract needs one.
    func limited(to count: Int, orIfEmpty placeholder: String? = nil) -> String {
        if isEmpty, let placeholder { return placeholder }
        return self.count <= count ? self : String(prefix(count))
    }
}
