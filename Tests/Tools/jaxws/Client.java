import java.net.URL;
import javax.xml.ws.BindingProvider;
import javax.xml.ws.Holder;
import jobnet.FejlMessage;
import jobnet.GetBorgerstatusResponse;
import jobnet.JobnetCitizenStatusService;
import jobnet.JobnetCitizenStatusServicePortType;

/** GetBorgerstatus through a client `wsimport -XadditionalHeaders` made: the CPR is the method's header parameter. */
public class Client {
    public static void main(String[] args) throws Exception {
        JobnetCitizenStatusServicePortType port = new JobnetCitizenStatusService(new URL(args[0])).getJobnetCitizenStatusServicePort();
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[1]);
        Holder<Boolean> kanSelvbooke = new Holder<>();
        Holder<GetBorgerstatusResponse.Frister> frister = new Holder<>();
        Holder<Boolean> straksbooking = new Holder<>();
        try {
            port.getBorgerstatus(kanSelvbooke, frister, straksbooking, args[2]);
            System.out.println("header parameter: KanSelvbooke " + kanSelvbooke.value);
        } catch (FejlMessage fault) {
            System.out.println("header parameter: Fejlkode " + fault.getFaultInfo().getFejlkode());
        }
    }
}
