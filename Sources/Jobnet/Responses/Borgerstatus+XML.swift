import CopenhagenTime
import SOAP

extension Borgerstatus: JobnetResponseBody {
    public func write(to writer: inout XMLWriter) {
        writer.element("tns:KanSelvbooke", kanSelvbooke)
        if !frister.isEmpty {
            writer.open("tns:Frister")
            for frist in frister {
                writer.open("tns:Frist")
                writer.element("tns:FriststatusType", integer: frist.friststatusType)
                writer.element("tns:SamtaleType", integer: frist.samtaleType)
                writer.element("tns:Fristdato", CopenhagenTime.day(frist.fristdato))
                writer.element("tns:SidsteAfholdelsesdato", CopenhagenTime.day(frist.sidsteAfholdelsesdato))
                writer.close("tns:Frist")
            }
            writer.close("tns:Frister")
        }
        writer.element("tns:StraksbookingPaakraevet", straksbookingPaakraevet)
    }
}
