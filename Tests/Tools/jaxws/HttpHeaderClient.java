import java.net.URL;
import java.util.List;
import java.util.Map;
import javax.xml.ws.BindingProvider;
import javax.xml.ws.Holder;
import javax.xml.ws.handler.MessageContext;
import jobnet.plain.FejlMessage;
import jobnet.plain.GetBorgerstatusResponse;
import jobnet.plain.JobnetCitizenStatusService;
import jobnet.plain.JobnetCitizenStatusServicePortType;

/** GetBorgerstatus through a client plain `wsimport` made (no CPR parameter): the CPR as the HTTP header. */
public class HttpHeaderClient {
    public static void main(String[] args) throws Exception {
        JobnetCitizenStatusServicePortType port = new JobnetCitizenStatusService(new URL(args[0])).getJobnetCitizenStatusServicePort();
        Map<String, Object> request = ((BindingProvider) port).getRequestContext();
        request.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[1]);
        request.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("x-civilregistrationIdentifier", List.of(args[2])));
        Holder<Boolean> kanSelvbooke = new Holder<>();
        Holder<GetBorgerstatusResponse.Frister> frister = new Holder<>();
        Holder<Boolean> straksbooking = new Holder<>();
        try {
            port.getBorgerstatus(kanSelvbooke, frister, straksbooking);
            System.out.println("HTTP header: KanSelvbooke " + kanSelvbooke.value);
        } catch (FejlMessage fault) {
            System.out.println("HTTP header: Fejlkode " + fault.getFaultInfo().getFejlkode());
        }
    }
}
