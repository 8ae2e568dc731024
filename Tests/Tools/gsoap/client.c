/* A gSOAP client generated from the gateway's served WSDL alone: GetBorgerstatus with the CPR in the
   SOAP header, then an unknown CPR, reading STAR's Fejlkode from the fault's detail. */
#include "soapH.h"
#include "JobnetCitizenStatusServiceBinding.nsmap"
#include <stdio.h>

static int borgerstatus(struct soap *soap, const char *endpoint, char *cpr) {
    struct ns1__EmptyType request;
    soap_default_ns1__EmptyType(soap, &request);
    struct _ns1__GetBorgerstatusResponse response;
    soap->header = soap_malloc(soap, sizeof(struct SOAP_ENV__Header));
    soap_default_SOAP_ENV__Header(soap, soap->header);
    soap->header->ns1__PersonCivilRegistrationIdentifier = cpr;
    int status = soap_call___ns1__GetBorgerstatus(soap, endpoint, NULL, &request, &response);
    if (status == SOAP_OK) {
        printf("KanSelvbooke %s\n", response.KanSelvbooke == xsd__boolean__true_ ? "true" : "false");
    } else if (soap->fault && soap->fault->detail && soap->fault->detail->ns1__Fejl) {
        printf("fault %s Fejlkode %d\n", soap->fault->faultcode ? soap->fault->faultcode : "?", soap->fault->detail->ns1__Fejl->Fejlkode);
    } else {
        soap_print_fault(soap, stdout);
    }
    return status;
}

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    struct soap *soap = soap_new();
    borgerstatus(soap, argv[1], argv[2]);
    borgerstatus(soap, argv[1], "0404904444");
    soap_destroy(soap);
    soap_end(soap);
    soap_free(soap);
    return 0;
}
