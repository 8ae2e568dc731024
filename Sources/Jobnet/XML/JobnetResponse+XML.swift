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
